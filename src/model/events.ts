/**
 * The event log of one run: a typed array that grows by doubling, so the week loop allocates
 * only when the log is full (rarely). `eventList` decodes it into plain objects.
 */

export const EVENT_TYPES = [
  'grant',
  'mentorVisit',
  'marketShock',
  'misuse',
  'misuseDetected',
  'leaderReplaced',
  'exit',
  'capitalSplit',
  'stagnant',
  'revived',
  'dissolution',
  // Trainer mode's injected events (appended, so the older types keep their numbers).
  'quarrel',
  'trainerShock',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EV = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<EventType, number>;

export const DISSOLUTION_CAUSES = ['tooFewMembers', 'capitalGone', 'capitalSplit', 'stagnation'] as const;
export type DissolutionCause = (typeof DISSOLUTION_CAUSES)[number];

/** Why a group dissolved, in words, in both languages of the project (read by the CLI and the page). */
export const DISSOLUTION_CAUSE_TEXT: Record<DissolutionCause, { en: string; id: string }> = {
  tooFewMembers: { en: 'too few members left', id: 'anggota yang tersisa terlalu sedikit' },
  capitalGone: { en: 'capital used up', id: 'modal habis' },
  capitalSplit: { en: 'capital split among members', id: 'modal dibagi-bagi di antara anggota' },
  stagnation: { en: 'stagnant for half a year', id: 'macet selama setengah tahun' },
};

/**
 * Event storage: one Float64Array, five numbers per event (week, type, member, other, amount).
 * `member` and `other` are member indices or -1 (none, or the whole group).
 */
export interface EventLog {
  count: number;
  data: Float64Array;
}

/**
 * One event as a plain object. `member` and `other` are member indices (0-based, as in the
 * members list) or -1; `amount` is in Rp. A dissolution carries its `cause` (stored in `other`)
 * and, as `amount`, the capital divided among the members left.
 */
export interface KubeEvent {
  week: number;
  type: EventType;
  member: number;
  other: number;
  amount: number;
  cause?: DissolutionCause;
}

export const EVENT_STRIDE = 5;

export function createEventLog(capacity = 32): EventLog {
  return { count: 0, data: new Float64Array(capacity * EVENT_STRIDE) };
}

export function logEvent(log: EventLog, week: number, type: number, member = -1, other = -1, amount = 0): void {
  let d = log.data;
  const at = log.count * EVENT_STRIDE;
  if (at === d.length) {
    const bigger = new Float64Array(d.length * 2);
    bigger.set(d);
    d = log.data = bigger;
  }
  d[at] = week;
  d[at + 1] = type;
  d[at + 2] = member;
  d[at + 3] = other;
  d[at + 4] = amount;
  log.count++;
}

/** A copy trimmed to `count` events, ready to transfer or serialise. */
export function trimEventLog(log: EventLog): EventLog {
  return { count: log.count, data: log.data.slice(0, log.count * EVENT_STRIDE) };
}

/** Decode the log into plain objects, in the order they happened. */
export function eventList(log: EventLog): KubeEvent[] {
  const out: KubeEvent[] = [];
  const d = log.data;
  for (let i = 0; i < log.count; i++) {
    const at = i * EVENT_STRIDE;
    const type = EVENT_TYPES[d[at + 1]];
    const event: KubeEvent = { week: d[at], type, member: d[at + 2], other: d[at + 3], amount: d[at + 4] };
    if (type === 'dissolution') {
      event.cause = DISSOLUTION_CAUSES[d[at + 3]];
      event.other = -1;
    }
    out.push(event);
  }
  return out;
}

/**
 * The event log of one run: columns of typed arrays that grow by doubling, so the week loop
 * allocates only when the log is full (rarely). `eventList` decodes it into plain objects.
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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EV = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<EventType, number>;

export const DISSOLUTION_CAUSES = ['tooFewMembers', 'capitalGone', 'capitalSplit', 'stagnation'] as const;
export type DissolutionCause = (typeof DISSOLUTION_CAUSES)[number];

/** Columnar event storage. `member` and `other` are member indices or -1 (none, or the whole group). */
export interface EventLog {
  count: number;
  week: Int32Array;
  type: Uint8Array;
  member: Int16Array;
  other: Int16Array;
  amount: Float64Array;
}

/** One event as a plain object. */
export interface KubeEvent {
  week: number;
  type: EventType;
  member: number;
  other: number;
  amount: number;
}

export function createEventLog(capacity = 64): EventLog {
  return {
    count: 0,
    week: new Int32Array(capacity),
    type: new Uint8Array(capacity),
    member: new Int16Array(capacity),
    other: new Int16Array(capacity),
    amount: new Float64Array(capacity),
  };
}

function grow<T extends Int32Array | Uint8Array | Int16Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

export function logEvent(log: EventLog, week: number, type: number, member = -1, other = -1, amount = 0): void {
  if (log.count === log.week.length) {
    log.week = grow(log.week);
    log.type = grow(log.type);
    log.member = grow(log.member);
    log.other = grow(log.other);
    log.amount = grow(log.amount);
  }
  const i = log.count++;
  log.week[i] = week;
  log.type[i] = type;
  log.member[i] = member;
  log.other[i] = other;
  log.amount[i] = amount;
}

/** Trim the columns to `count` (a copy), ready to transfer or serialise. */
export function trimEventLog(log: EventLog): EventLog {
  const n = log.count;
  return {
    count: n,
    week: log.week.slice(0, n),
    type: log.type.slice(0, n),
    member: log.member.slice(0, n),
    other: log.other.slice(0, n),
    amount: log.amount.slice(0, n),
  };
}

/** Decode the log into plain objects, in the order they happened. */
export function eventList(log: EventLog): KubeEvent[] {
  const out: KubeEvent[] = [];
  for (let i = 0; i < log.count; i++) {
    out.push({ week: log.week[i], type: EVENT_TYPES[log.type[i]], member: log.member[i], other: log.other[i], amount: log.amount[i] });
  }
  return out;
}

/**
 * Trainer mode's words about a traced run (src/model/trace.ts), pure and DOM-free: what happened
 * in a week (`narrateFrame`), what an element of group dynamics means and what moved it
 * (`explainElement`), who a member is (`describeMember`), and the guided tour (`TOUR`). The words
 * themselves are in story-en.ts and story-id.ts; numbers use the app's formats (web/app/i18n.ts).
 *
 * Frames: frame 0 is the group as founded, frame f the end of week f; an event with 0-based week
 * w happened in frame w + 1, so "Week f" is frame f.
 */
import {
  createDrivers,
  DISSOLUTION_CAUSE_TEXT,
  DRIVER_KEYS,
  ELEMENT_KEYS,
  elementsOf,
  INDICATOR_KEYS,
  INDICATORS,
  ROLES,
  type Drivers,
  type Injection,
  type KubeEvent,
  type Trace,
} from '../../src/browser.ts';
import { formats, type Lang } from '../app/i18n.ts';
import { storyEn } from './story-en.ts';
import { storyId } from './story-id.ts';

export type { Lang };
export type Story = typeof storyEn;
export const STORIES: Record<Lang, Story> = { en: storyEn, id: storyId };

/** One sentence about a week. `members` are the member indices it is about (for highlighting). */
export interface Line {
  week: number;
  text: string;
  tone: 'good' | 'bad' | 'neutral';
  members: number[];
  /** True when the trainer made it happen (an applied injection). */
  injected: boolean;
  /**
   * An event type (EVENT_TYPES; an officer taking money and being found out the same week is one
   * 'misuseDetected' line), or what the frames show: 'meeting', 'stayedAway', 'sales', 'salesFell',
   * 'payout', 'iks', 'trustFell', 'trustRose', and 'office' (an office taken, lost or left empty,
   * read from the offices held: the event log has only the chair's changes).
   */
  kind: string;
}

export interface ElementExplanation {
  name: string;
  meaning: string;
  moved: string;
  /** The driver (DRIVER_KEYS) named as the mover, or null (frame 0, hardly moved, or no single driver). */
  driver: (typeof DRIVER_KEYS)[number] | null;
}

export interface TourStep {
  target: 'network' | 'week' | 'controls' | 'inject' | 'elements' | 'story' | 'compare';
  title: string;
  text: string;
}

/** Most lines a week gives: the most important first. */
export const MAX_LINES = 5;
/** A member's trust (trustIn) moving this much in a week is narrated. */
export const TRUST_STEP = 0.08;
/** An element moving less than this in a week "hardly moved". */
export const ELEMENT_STEP = 0.005;

const K = INDICATOR_KEYS.length;
const D = DRIVER_KEYS.length;
const IND = Object.fromEntries(INDICATOR_KEYS.map((k, j) => [k, j])) as Record<string, number>;
const ind = (t: Trace, f: number, key: string) => t.indicators[f * K + IND[key]];
const DISSOLVED = 2;

function checkFrame(t: Trace, f: number): void {
  if (!Number.isInteger(f) || f < 0 || f >= t.frames) throw new RangeError(`frame: got ${f}; allowed: a whole number from 0 to ${t.frames - 1}`);
}

/** "Week 34" / "Minggu ke-34": frame f is the end of week f. */
export function weekLabel(f: number, lang: Lang): string {
  return STORIES[lang].week(f);
}

/** The roster name, else "Member 4" / "Anggota 4" (1-based), without the office. */
export function plainName(t: Trace, i: number, lang: Lang): string {
  const name = t.names[i]?.trim();
  return name ? name : STORIES[lang].member(i + 1);
}

/** The name, with the office held at frame f by an active officer: "Sari, the treasurer" / "Sari, bendahara". */
export function memberName(t: Trace, i: number, f: number, lang: Lang): string {
  checkFrame(t, f);
  const name = plainName(t, i, lang);
  const at = f * t.n + i;
  const role = t.role[at];
  if (!t.active[at] || role >= 3) return name;
  const s = STORIES[lang];
  return s.withRole(name, s.roles[ROLES[role]]);
}

/** An amount of rupiah as read aloud: to the nearest thousand (the model's amounts carry cents). */
function rp(v: number, lang: Lang): string {
  const a = Math.abs(v) >= 1000 ? Math.round(v / 1000) * 1000 : Math.round(v);
  return formats(lang).rupiah(a);
}

const pct = (v: number, lang: Lang) => formats(lang).pct(v, 0);

/** Two shares as percentages, with a decimal when whole percentages would read the same. */
function pctPair(a: number, b: number, lang: Lang): [string, string] {
  const F = formats(lang);
  const x = F.pct(a, 0);
  const y = F.pct(b, 0);
  return x === y ? [F.pct(a, 1), F.pct(b, 1)] : [x, y];
}

/** Which events of the week the trainer's injections made: the injections' own events close the week's log. */
function injectedEvents(evs: KubeEvent[], applied: Injection[]): Set<KubeEvent> {
  const out = new Set<KubeEvent>();
  const TYPE = { visit: 'mentorVisit', marketShock: 'trainerShock', quarrel: 'quarrel', misuse: 'misuseDetected', leave: 'exit' } as const;
  let k = evs.length - 1;
  for (let a = applied.length - 1; a >= 0; a--) {
    const inj = applied[a];
    let j = k;
    while (j >= 0 && (evs[j].type !== TYPE[inj.kind] || out.has(evs[j]))) j--;
    if (j < 0) continue;
    out.add(evs[j]);
    // An injected misuse takes the money and is found out at once: misuse then misuseDetected.
    if (inj.kind === 'misuse' && j > 0 && evs[j - 1].type === 'misuse' && evs[j - 1].member === evs[j].member) out.add(evs[--j]);
    k = j - 1;
  }
  return out;
}

/**
 * How much a line matters, for choosing the week's MAX_LINES (lower is kept first). An office
 * change that follows a line told here weighs just after that line, so it is never kept without
 * its cause; a trainer's injection weighs INJECTED.
 */
const WEIGHT: Record<string, number> = {
  grant: 0, dissolution: 0, capitalSplit: 1, misuseDetected: 2, misuse: 3, trainerShock: 4, marketShock: 4, exit: 5,
  leaderReplaced: 5.5, office: 5.5, quarrel: 6, trustFell: 7, stagnant: 9, revived: 9, stayedAway: 11, trustRose: 12,
  payout: 13, iks: 14, salesFell: 15, sales: 15, mentorVisit: 16, meeting: 17,
};
const INJECTED = 0.5;

/**
 * Where a line stands in the week's story, read top to bottom: things in the order a week runs
 * (docs/MODEL.md §3), so a cause comes before its effects — the meeting before who stayed away,
 * the money found missing before trust in the culprit fell, a member leaving before the office
 * they held is left empty. The grant opens the week; the trainer's injections come next (they
 * are what the room is watching), and an office change they cause follows them; a dissolution
 * ends it.
 */
const PLACE: Record<string, number> = {
  grant: 0, mentorVisit: 2, meeting: 3, stayedAway: 4, leaderReplaced: 5, office: 5, payout: 6, iks: 7, capitalSplit: 8,
  sales: 9, salesFell: 9, marketShock: 10, trainerShock: 10, quarrel: 10, misuse: 11, misuseDetected: 11,
  trustFell: 12, trustRose: 12, exit: 13, stagnant: 14, revived: 14, dissolution: 15,
};
const INJECTED_PLACE = 1;

type Rec = Line & { weight: number; place: number; order: number };

/**
 * What happened in week f (frame f): the week's events, the changes of officers, then what the
 * frames show (a meeting and who came, members staying away, sales, profit shared, IKS aid, big
 * moves in trust). At most MAX_LINES: the most important are kept (the trainer's own injections
 * before anything but the grant and a dissolution), then told cause before effect (PLACE).
 * Frame 0 and the weeks after a dissolution give none.
 */
export function narrateFrame(t: Trace, f: number, lang: Lang): Line[] {
  checkFrame(t, f);
  if (f === 0 || ind(t, f - 1, 'status') === DISSOLVED) return [];
  const s = STORIES[lang];
  const w = f - 1;
  const n = t.n;
  const lines: Rec[] = [];
  const add = (kind: string, text: string, tone: Line['tone'], members: number[], injected = false): Rec => {
    const trainer = injected && kind !== 'dissolution';
    const rec: Rec = {
      week: f, text, tone, members, injected, kind,
      weight: trainer ? INJECTED : WEIGHT[kind] ?? 20,
      place: trainer ? INJECTED_PLACE : PLACE[kind] ?? 16,
      order: lines.length,
    };
    lines.push(rec);
    return rec;
  };
  const plain = (i: number) => plainName(t, i, lang);
  const evs = t.events.filter((e) => e.week === w);
  // A name with the office held just before the week's k-th event: as at the start of the week,
  // then as the week's earlier events changed it (an officer found out or leaving loses the office).
  const before = (i: number, k: number) => {
    let r = t.active[(f - 1) * n + i] ? t.role[(f - 1) * n + i] : 3;
    for (const d of evs.slice(0, k)) {
      if (d.type === 'leaderReplaced' && d.member === i) r = 0;
      else if ((d.type === 'leaderReplaced' && d.other === i) || (d.type === 'misuseDetected' && d.member === i)) r = 3;
    }
    return r < 3 ? s.withRole(plain(i), s.roles[ROLES[r]]) : plain(i);
  };
  // The same name standing mid-sentence: an office after it closes with a comma ("Ibu Wati, the treasurer, left").
  const mid = (i: number, k: number) => (before(i, k) === plain(i) ? plain(i) : `${before(i, k)},`);

  const applied = t.applied.filter((a) => a.week === w);
  const made = injectedEvents(evs, applied);
  const dissolved = evs.some((e) => e.type === 'dissolution');
  const told = new Map<KubeEvent, Rec>();
  for (let k = 0; k < evs.length; k++) {
    const e = evs[k];
    const inj = made.has(e);
    const who = e.member >= 0 ? [e.member] : [];
    const tell = (kind: string, text: string, tone: Line['tone'], members: number[], injected = false) => told.set(e, add(kind, text, tone, members, injected));
    switch (e.type) {
      case 'grant':
        tell('grant', s.ev.grant(rp(e.amount, lang)), 'good', []);
        break;
      case 'mentorVisit':
        tell('mentorVisit', inj ? s.injected.visit : s.ev.mentorVisit, 'good', [], inj);
        break;
      case 'marketShock':
        tell('marketShock', s.ev.marketShock(rp(e.amount, lang)), 'bad', []);
        break;
      case 'trainerShock':
        tell('trainerShock', inj ? s.injected.marketShock(rp(e.amount, lang)) : s.ev.trainerShock(rp(e.amount, lang)), 'bad', [], inj);
        break;
      case 'misuse': {
        // Taken and found out in the same week (only an injection does that): one line.
        const found = evs.slice(k + 1).find((d) => d.type === 'misuseDetected' && d.member === e.member);
        if (found) break;
        tell('misuse', s.ev.misuse(memberName(t, e.member, f, lang), rp(e.amount, lang)), 'bad', who, inj);
        break;
      }
      case 'misuseDetected': {
        const taken = evs.slice(0, k).some((d) => d.type === 'misuse' && d.member === e.member);
        const name = before(e.member, k);
        const amount = rp(e.amount, lang);
        const text = inj
          ? taken ? s.injected.misuse(name, amount) : s.injected.misuseFound(name, amount)
          : taken ? s.ev.misuseTakenAndFound(name, amount) : s.ev.misuseDetected(name, amount);
        tell('misuseDetected', text, 'bad', who, inj);
        break;
      }
      case 'leaderReplaced':
        tell('leaderReplaced', e.other >= 0 ? s.ev.leaderReplaced(plain(e.member), plain(e.other)) : s.ev.leaderFilled(plain(e.member)), 'neutral', e.other >= 0 ? [e.member, e.other] : who);
        break;
      case 'exit': {
        const amount = rp(e.amount, lang);
        const took = Math.abs(e.amount) >= 500;
        const text = inj
          ? took ? s.injected.leaveTook(mid(e.member, k), amount) : s.injected.leave(mid(e.member, k))
          : took ? s.ev.exitTook(before(e.member, k), amount) : s.ev.exit(before(e.member, k));
        tell('exit', text, 'bad', who, inj);
        break;
      }
      case 'capitalSplit':
        tell('capitalSplit', s.ev.capitalSplit(rp(e.amount, lang)), 'bad', []);
        break;
      case 'stagnant':
        tell('stagnant', s.ev.stagnant, 'bad', []);
        break;
      case 'revived':
        tell('revived', s.ev.revived, 'good', []);
        break;
      case 'dissolution': {
        const cause = e.cause ? DISSOLUTION_CAUSE_TEXT[e.cause][lang] : '';
        const left = ind(t, f, 'activeMembers');
        tell('dissolution', e.amount >= 500 && left > 0 ? s.ev.dissolutionDivided(cause, left, rp(e.amount, lang)) : s.ev.dissolution(cause), 'bad', []);
        break;
      }
      case 'quarrel': {
        const text = inj ? s.injected.quarrel(plain(e.member), plain(e.other)) : s.ev.quarrel(plain(e.member), plain(e.other));
        tell('quarrel', text, 'bad', [e.member, e.other], inj);
        break;
      }
    }
  }

  // Changes of officers (a broken-up group has no offices left to tell).
  if (!dissolved) offices(t, f, lang, evs, told, add);

  // What the frames show.
  let meeting: Rec | undefined;
  if (ind(t, f, 'meetingHeld') === 1) {
    const present: number[] = [];
    let inGroup = 0;
    for (let i = 0; i < n; i++) {
      if (!t.active[f * n + i]) continue;
      inGroup++;
      if (t.attended[f * n + i]) present.push(i);
    }
    meeting = add('meeting', s.frame.meeting(present.length, inGroup), present.length * 2 >= inGroup ? 'neutral' : 'bad', present);
    // Regulars who stayed away: came to each of the last two meetings, missed this one, and
    // fewer came than last time (one member missing one meeting is ordinary luck, not news).
    const p1 = lastMeeting(t, f);
    const p2 = p1 > 0 ? lastMeeting(t, p1) : 0;
    if (p2 > 0) {
      let came = 0;
      for (let i = 0; i < n; i++) came += t.attended[p1 * n + i];
      const away: number[] = [];
      for (let i = 0; i < n; i++) if (t.active[f * n + i] && t.attended[p1 * n + i] && t.attended[p2 * n + i] && !t.attended[f * n + i]) away.push(i);
      if (away.length >= 2 && present.length < came) {
        const line = add('stayedAway', away.length <= 3 ? s.frame.stayedAway(away.length, s.list(away.map(plain))) : s.frame.stayedAwayMany(away.length), 'bad', away);
        // Who stayed away is told only with the meeting they missed.
        meeting.weight = line.weight - 0.1;
      }
    }
  }
  const revenue = ind(t, f, 'revenue');
  const lastRevenue = ind(t, f - 1, 'revenue');
  if (revenue > 0 && lastRevenue === 0) add('sales', s.frame.sales(rp(revenue, lang)), 'good', []);
  // Sales that come every week (a warung, say) and drop; a business that sells once a cycle has none the week after.
  else if (f >= 2 && ind(t, f - 2, 'revenue') > 0 && lastRevenue > 0 && revenue < 0.6 * lastRevenue) add('salesFell', s.frame.salesFell(rp(lastRevenue, lang), rp(revenue, lang)), 'bad', []);
  const payouts = ind(t, f, 'payouts');
  const active = ind(t, f, 'activeMembers');
  if (payouts > 0 && active > 0) add('payout', s.frame.payout(rp(payouts, lang), rp(payouts / active, lang)), 'good', []);
  const iksOut = ind(t, f, 'iksOut');
  if (iksOut > 0 && !dissolved) {
    // With no profit shared this week, the one member whose income rose is the one helped.
    const rose: number[] = [];
    for (let i = 0; i < n; i++) if (t.income[f * n + i] > t.income[(f - 1) * n + i]) rose.push(i);
    if (payouts === 0 && rose.length === 1) add('iks', s.frame.iksTo(plain(rose[0]), rp(iksOut, lang)), 'good', rose);
    else add('iks', s.frame.iks(rp(iksOut, lang)), 'good', []);
  }
  const moves: { i: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!t.active[f * n + i] || !t.active[(f - 1) * n + i]) continue;
    const d = t.trustIn[f * n + i] - t.trustIn[(f - 1) * n + i];
    if (Math.abs(d) >= TRUST_STEP) moves.push({ i, d });
  }
  moves.sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || a.i - b.i);
  for (const { i, d } of moves.slice(0, 2)) {
    const [from, to] = pctPair(t.trustIn[(f - 1) * n + i], t.trustIn[f * n + i], lang);
    if (d < 0) add('trustFell', s.frame.trustFell(plain(i), from, to), 'bad', [i]);
    else add('trustRose', s.frame.trustRose(plain(i), from, to), 'good', [i]);
  }

  const kept = [...lines].sort((a, b) => a.weight - b.weight || a.order - b.order).slice(0, MAX_LINES);
  kept.sort((a, b) => a.place - b.place || a.order - b.order);
  return kept.map(({ weight: _w, place: _p, order: _o, ...line }) => line);
}

/** The active member holding office r (ROLES index) at frame g, or -1. */
function holder(t: Trace, g: number, r: number): number {
  for (let i = 0; i < t.n; i++) if (t.active[g * t.n + i] && t.role[g * t.n + i] === r) return i;
  return -1;
}

/**
 * The week's changes of officers, from the offices held at frames f − 1 and f: who took an
 * office, who lost one and why (found taking money, left the group, moved up to chair), and an
 * office left empty. What another line already says is not repeated: a leaderReplaced line names
 * the new chair (and the old), an exit line names the office its member held. A change that
 * follows a line is told right after it (and weighs just after it).
 */
function offices(
  t: Trace,
  f: number,
  lang: Lang,
  evs: KubeEvent[],
  told: Map<KubeEvent, Rec>,
  add: (kind: string, text: string, tone: Line['tone'], members: number[]) => Rec,
): void {
  const s = STORIES[lang];
  const plain = (i: number) => plainName(t, i, lang);
  const eventOf = (type: KubeEvent['type'], i: number) => evs.find((e) => e.type === type && e.member === i);
  const elected = evs.filter((e) => e.type === 'leaderReplaced').at(-1);
  for (const r of [0, 1, 2]) {
    let was = holder(t, f - 1, r);
    const now = holder(t, f, r);
    // The chair's change is told by leaderReplaced: start from the chair it names.
    if (r === 0 && elected) was = elected.member;
    if (was === now) continue;
    const key = ROLES[r] as Exclude<(typeof ROLES)[number], 'anggota'>;
    const role = s.roles[key];
    const noun = s.office.noun[key];
    const found = was >= 0 ? eventOf('misuseDetected', was) : undefined;
    const left = was >= 0 ? eventOf('exit', was) : undefined;
    const promoted = was >= 0 && r !== 0 && elected?.member === was;
    let text: string;
    let after: KubeEvent | undefined;
    if (found) {
      after = found;
      text = now >= 0 ? `${s.office.misuse(plain(was), role)} ${s.office.taken(plain(now), role)}` : s.office.misuseEmpty(plain(was), noun);
    } else if (left) {
      after = left;
      text = now >= 0 ? s.office.taken(plain(now), role) : s.office.leftEmpty(plain(was), noun);
    } else if (promoted) {
      after = elected;
      text = now >= 0 ? s.office.takenFrom(plain(now), role, plain(was)) : s.office.empty(noun);
    } else if (was >= 0) {
      text = now >= 0 ? s.office.takenFrom(plain(now), role, plain(was)) : `${s.office.lost(plain(was), role)} ${s.office.empty(noun)}`;
    } else text = s.office.taken(plain(now), role);
    const line = add('office', text, now >= 0 ? 'neutral' : 'bad', [was, now].filter((i) => i >= 0));
    const cause = after && told.get(after);
    if (cause) {
      line.weight = cause.weight + 0.1;
      line.place = cause.place;
      line.order = cause.order + 0.5;
    }
  }
}

/** The last frame before f with a meeting, or 0. */
function lastMeeting(t: Trace, f: number): number {
  let p = f - 1;
  while (p > 0 && ind(t, p, 'meetingHeld') !== 1) p--;
  return p;
}

function driversAt(t: Trace, f: number): Drivers {
  const d = createDrivers();
  DRIVER_KEYS.forEach((k, j) => (d[k] = t.drivers[f * D + j]));
  return d;
}

function elementOf(d: Drivers, e: number): number {
  const out = new Array<number>(ELEMENT_KEYS.length).fill(0);
  elementsOf(d, out);
  return out[e];
}

/**
 * One element of group dynamics (0–8, ELEMENT_KEYS order) at frame f: its name, what it means in
 * a KUBE, and what moved it this week. Each driver is put back to last week's value in turn; the
 * one whose change moved the element most is named, with its direction.
 */
export function explainElement(t: Trace, f: number, e: number, lang: Lang): ElementExplanation {
  checkFrame(t, f);
  if (!Number.isInteger(e) || e < 0 || e >= ELEMENT_KEYS.length) throw new RangeError(`element: got ${e}; allowed: 0 to ${ELEMENT_KEYS.length - 1}`);
  const s = STORIES[lang];
  const key = ELEMENT_KEYS[e] as keyof Story['meaning'];
  const name = INDICATORS[e].text[lang];
  const meaning = s.meaning[key];
  if (f === 0) return { name, meaning, moved: s.moved.start, driver: null };
  const prev = driversAt(t, f - 1);
  const now = driversAt(t, f);
  const before = elementOf(prev, e);
  const after = elementOf(now, e);
  if (Math.abs(after - before) < ELEMENT_STEP) return { name, meaning, moved: s.moved.hardly, driver: null };
  let best: (typeof DRIVER_KEYS)[number] | null = null;
  let bestEffect = 0;
  for (const k of DRIVER_KEYS) {
    if (now[k] === prev[k]) continue;
    const back = { ...now, [k]: prev[k] };
    const effect = Math.abs(after - elementOf(back, e));
    if (effect > bestEffect) {
      best = k;
      bestEffect = effect;
    }
  }
  const [from, to] = pctPair(before, after, lang);
  const rose = after > before;
  // A driver is named only when it alone explains at least half of the move.
  if (best === null || bestEffect < 0.5 * Math.abs(after - before)) {
    return { name, meaning, moved: rose ? s.moved.roseOnly(from, to) : s.moved.fellOnly(from, to), driver: null };
  }
  const why = s.drivers[best][now[best] > prev[best] ? 'up' : 'down'];
  return { name, meaning, moved: rose ? s.moved.rose(from, to, why) : s.moved.fell(from, to, why), driver: best };
}

/**
 * A member at frame f: the name with office as the title, then their office, whether still in the
 * group, traits in plain words, income from the group so far, whom they trust most, and how much
 * the others trust them.
 */
export function describeMember(t: Trace, f: number, i: number, lang: Lang): { title: string; lines: string[] } {
  checkFrame(t, f);
  if (!Number.isInteger(i) || i < 0 || i >= t.n) throw new RangeError(`member: got ${i}; allowed: 0 to ${t.n - 1}`);
  const s = STORIES[lang].person;
  const n = t.n;
  const at = f * n + i;
  const active = t.active[at] === 1;
  const lines: string[] = [];
  lines.push(s.roleTitle[ROLES[active ? t.role[at] : 3]]);
  const exit = t.events.find((e) => e.type === 'exit' && e.member === i && e.week < f);
  const end = t.events.find((e) => e.type === 'dissolution' && e.week < f);
  if (!active && exit) lines.push(s.left(exit.week + 1));
  else if (end) lines.push(s.inAtEnd(end.week + 1));
  else lines.push(s.stillIn);
  const p = (v: number) => pct(v, lang);
  lines.push(s.traits(p(t.skill[at]), p(t.commitment[at]), p(t.integrity[i]), p(t.need[i]), p(t.leadership[i])));
  lines.push(s.disposition[t.disposition[i]]);
  if (t.hiddenAgenda[i]) lines.push(s.hiddenAgenda);
  lines.push(s.income(rp(t.income[at], lang)));
  const others: { j: number; v: number }[] = [];
  for (let j = 0; j < n; j++) if (j !== i && t.active[f * n + j]) others.push({ j, v: t.trust[at * n + j] });
  others.sort((a, b) => b.v - a.v || a.j - b.j);
  lines.push(
    others.length ? s.trustsMost(STORIES[lang].list(others.slice(0, 3).map(({ j, v }) => s.trustItem(plainName(t, j, lang), p(v))))) : s.trustsNobody,
  );
  if (active) lines.push(s.trustedBy(p(t.trustIn[at])));
  return { title: memberName(t, i, f, lang), lines };
}

const TOUR_ORDER: TourStep['target'][] = ['network', 'week', 'controls', 'inject', 'elements', 'story', 'compare'];

/** The guided tour, seven steps, one per part of the view (its data-tour key). */
export const TOUR: Record<Lang, TourStep[]> = {
  en: TOUR_ORDER.map((target) => ({ target, ...storyEn.tour[target] })),
  id: TOUR_ORDER.map((target) => ({ target, ...storyId.tour[target] })),
};

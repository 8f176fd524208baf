/**
 * The workshop's debrief, computed in the projector's page and free of the DOM: the played run
 * re-run from the session's answers and injections (checked against the indicators the server
 * logged), the model's own run of the same luck (same scenario, seed and injections, no answers:
 * "had everyone behaved as the model's members do"), and the moments that changed the group's
 * course, told by trainer mode's narration (web/trainer/narrate.ts).
 */
import { ELEMENT_KEYS, externalOf, INDICATOR_KEYS, INDICATORS, parseScenario, trace, type Debrief, type Injection, type Trace } from '../../src/browser.ts';
import { formats } from '../app/i18n.ts';
import { narrateFrame, type Lang, type Line } from '../trainer/narrate.ts';
import { WORDS } from './words.ts';

export interface DebriefRuns {
  /** The run the room played, frames 0…weeks. */
  played: Trace;
  /** The model's own members on the same luck. */
  own: Trace;
  weeks: number;
  /** The played run, re-run here, gives every indicator the server logged, bit for bit. */
  same: boolean;
}

export function rerun(d: Debrief): DebriefRuns {
  const { played, same, sc, opts } = replayed(d);
  return { played, own: trace(sc, opts), weeks: d.weeks, same };
}

/**
 * The played run alone, re-run here from the session's answers and injections (the projector's
 * network, week by week), and whether it gives every indicator the server logged, bit for bit.
 */
export function playedRun(d: Debrief): { played: Trace; weeks: number; same: boolean } {
  const { played, same } = replayed(d);
  return { played, weeks: d.weeks, same };
}

function replayed(d: Debrief) {
  const parsed = parseScenario(d.scenario, 'session');
  // The processes never read the horizon: a shorter one only stops the run where the workshop stopped.
  const sc = { ...parsed, horizonWeeks: d.weeks };
  const n = sc.members.roster?.length ?? sc.group.size;
  const injections: Injection[] = d.injections.flatMap((list, week) => list.map((x) => ({ week, ...x })));
  const opts = { seed: d.seed, replication: d.replication, injections };
  const played = trace(sc, { ...opts, external: d.decisions.map((ds) => externalOf(n, ds)) });
  const K = INDICATOR_KEYS.length;
  let same = d.indicators.length === d.weeks;
  for (let w = 0; same && w < d.weeks; w++) {
    for (let k = 0; k < K; k++) {
      const v = played.indicators[(w + 1) * K + k];
      if (!Object.is(Number.isFinite(v) ? v : null, d.indicators[w][k])) {
        same = false;
        break;
      }
    }
  }
  return { played, same, sc, opts };
}

/** An indicator's series over frames 0…weeks. */
export function series(t: Trace, key: string, weeks: number): number[] {
  const K = INDICATOR_KEYS.length;
  const k = INDICATOR_KEYS.indexOf(key);
  return Array.from({ length: weeks + 1 }, (_, f) => t.indicators[f * K + k]);
}

/** Kinds of trainer-mode story lines that can turn a group's course, most telling first. */
export const MOMENT_KINDS = [
  'dissolution', 'capitalSplit', 'misuseDetected', 'misuse', 'exit', 'leaderReplaced', 'trainerShock', 'marketShock',
  'quarrel', 'stagnant', 'revived', 'stayedAway', 'trustFell', 'trustRose',
] as const;

export interface Moment extends Line {
  /** The model's own run told the same line that week: luck or the trainer, not the players. */
  alsoInModel: boolean;
}

/**
 * The moments that changed the group's course: the played run's weeks told as trainer mode tells
 * them, kept where the line is of a turning kind; what the model's own members did not live through
 * (the players' doing) comes first, then by kind. At most `max`, in week order.
 */
export function moments(runs: DebriefRuns, lang: Lang, max = 8): Moment[] {
  const key = (l: Line) => `${l.week}|${l.kind}|${l.text}`;
  const theirs = new Set<string>();
  for (let f = 1; f <= runs.weeks; f++) for (const l of narrateFrame(runs.own, f, lang)) theirs.add(key(l));
  const all: Moment[] = [];
  for (let f = 1; f <= runs.weeks; f++) {
    for (const l of narrateFrame(runs.played, f, lang)) {
      if ((MOMENT_KINDS as readonly string[]).includes(l.kind)) all.push({ ...l, alsoInModel: theirs.has(key(l)) });
    }
  }
  const apart = parting(runs, lang);
  if (apart) all.push(apart);
  const rank = (m: Moment) => (m.kind === 'parted' ? -1 : (m.alsoInModel ? 100 : 0) + (MOMENT_KINDS as readonly string[]).indexOf(m.kind));
  return all
    .map((m, order) => ({ m, order }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.m.week - b.m.week || a.order - b.order)
    .map(({ m }) => m);
}

/** An element whose gap between the two runs at the end is at least this is told as a parting. */
export const PARTING_GAP = 0.03;

/**
 * Where the room's group parted from the model's own: the element of group dynamics furthest apart
 * at the end (if at least PARTING_GAP), told at the first week its gap reached PARTING_GAP and
 * stayed on the same side to the end. Null when the runs end close together.
 */
export function parting(runs: DebriefRuns, lang: Lang): Moment | null {
  const W = runs.weeks;
  let best = -1;
  let gap = 0;
  ELEMENT_KEYS.forEach((key, e) => {
    const d = series(runs.played, key, W)[W] - series(runs.own, key, W)[W];
    if (Number.isFinite(d) && Math.abs(d) >= PARTING_GAP && Math.abs(d) > Math.abs(gap)) {
      best = e;
      gap = d;
    }
  });
  if (best < 0) return null;
  const yours = series(runs.played, ELEMENT_KEYS[best], W);
  const theirs = series(runs.own, ELEMENT_KEYS[best], W);
  let week = W;
  while (week > 1 && Math.sign(yours[week - 1] - theirs[week - 1]) === Math.sign(gap) && Math.abs(yours[week - 1] - theirs[week - 1]) >= PARTING_GAP) week--;
  const f = formats(lang);
  return {
    week, kind: 'parted', tone: gap > 0 ? 'good' : 'bad', members: [], injected: false, alsoInModel: false,
    text: WORDS[lang].parted(INDICATORS[best].text[lang], gap > 0, f.num(yours[W], 2), f.num(theirs[W], 2)),
  };
}

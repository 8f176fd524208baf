/**
 * The workshop's debrief, computed in the projector's page and free of the DOM: the played run
 * re-run from the session's answers and injections (checked against the indicators the server
 * logged), the model's own run of the same luck (same scenario, seed and injections, no answers:
 * "had everyone behaved as the model's members do"), and the moments that changed the group's
 * course, told by trainer mode's narration (web/trainer/narrate.ts).
 */
import { externalOf, INDICATOR_KEYS, parseScenario, trace, type Debrief, type Injection, type Trace } from '../../src/browser.ts';
import { narrateFrame, type Lang, type Line } from '../trainer/narrate.ts';

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
  const parsed = parseScenario(d.scenario, 'session');
  // The processes never read the horizon: a shorter one only stops the run where the workshop stopped.
  const sc = { ...parsed, horizonWeeks: d.weeks };
  const n = sc.members.roster?.length ?? sc.group.size;
  const injections: Injection[] = d.injections.flatMap((list, week) => list.map((x) => ({ week, ...x })));
  const opts = { seed: d.seed, replication: d.replication, injections };
  const played = trace(sc, { ...opts, external: d.decisions.map((ds) => externalOf(n, ds)) });
  const own = trace(sc, opts);
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
  return { played, own, weeks: d.weeks, same };
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
  const rank = (m: Moment) => (m.alsoInModel ? 100 : 0) + (MOMENT_KINDS as readonly string[]).indexOf(m.kind);
  return all
    .map((m, order) => ({ m, order }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map(({ m }) => m);
}

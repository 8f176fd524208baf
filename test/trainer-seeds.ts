/**
 * Seeds whose group is still at work at a given week, for tests that step or play into a live
 * group: some groups divide their grant at the founding meeting and end in week 0, and which seeds
 * do depends on the calibrated worlds, so the tests look for a live one.
 */
import { INDICATORS, simulate, trace, type Scenario, type SimulateOptions, type Trace } from '../src/index.ts';

const STATUS = INDICATORS.findIndex((d) => d.key === 'status');

/** Whether the group of a trace is active (not stagnant, not dissolved) at frame f. */
export const activeAt = (t: Trace, f: number): boolean => t.indicators[f * INDICATORS.length + STATUS] === 0;

/**
 * The first k seeds from `from` (at most 100 tried) whose run of the scenario is active at frame
 * f. `withSeed` runs the scenario with the seed written into it too, as a page opened with
 * ?seed= does.
 */
export function seedsActiveAt(sc: Scenario, f: number, k: number, from = 1, withSeed = false): number[] {
  const out: number[] = [];
  for (let seed = from; out.length < k && seed < from + 100; seed++) {
    if (activeAt(trace(withSeed ? { ...sc, seed } : sc, { seed }), f)) out.push(seed);
  }
  return out;
}

/** Whether the run of `sc` with `opts` (seed, replication) has not dissolved before week `week`. */
export function goingAt(sc: Scenario, week: number, opts: SimulateOptions): boolean {
  const o = simulate(sc, opts).outcome;
  return o.status !== 'dissolved' || o.statusWeek! >= week;
}

/** The first seed from 1 (at most 100 tried) for which `fits(seed)` holds. */
export function firstSeed(fits: (seed: number) => boolean): number {
  for (let seed = 1; seed <= 100; seed++) if (fits(seed)) return seed;
  throw new Error('no seed from 1 to 100 fits');
}

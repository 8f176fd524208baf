/**
 * Pin-and-compare from real ensembles run in this thread: a result against itself differs in
 * nothing, weekly mentoring beats none on survival in every seed tried, only the replications both
 * finished are paired, and the rows put the main outcomes first with survival in percentage points.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison, Difference, Estimate } from '../../src/index.ts';
import { compareRows, MAIN_OUTCOMES, outcomeName, pairRuns, verdict } from '../../web/app/compare-data.ts';
import { DICTS } from '../../web/app/i18n.ts';
import { ensembleRun } from './runs.ts';

const REPS = 60;
const none = ensembleRun({ preset: 'mentoring-none', seed: 3, reps: REPS }, false);
const weekly = ensembleRun({ preset: 'mentoring-weekly', seed: 3, reps: REPS }, false);

describe('pairRuns', () => {
  it('finds no difference between a result and itself: every difference 0, every P(B better) ½', () => {
    const c = pairRuns(none, none);
    expect(c.paired).toBe(REPS);
    expect(c.replications).toBe(REPS);
    expect(c.sameSeed).toBe(true);
    expect(c.differences.length).toBeGreaterThan(10);
    for (const d of c.differences) {
      expect(d.diff.mean, d.key).toBe(0);
      expect(d.pBetter, d.key).toBe(0.5);
      expect(d.a, d.key).toEqual(d.b);
      expect(verdict(d), d.key).toBe('unclear');
    }
  });

  it('finds weekly mentoring keeps more groups alive than none, in every seed tried', () => {
    for (const seed of [1, 2, 3, 4]) {
      const a = seed === 3 ? none : ensembleRun({ preset: 'mentoring-none', seed, reps: REPS }, false);
      const b = seed === 3 ? weekly : ensembleRun({ preset: 'mentoring-weekly', seed, reps: REPS }, false);
      const survived = pairRuns(a, b).differences.find((d) => d.key === 'survived')!;
      expect(survived.better).toBe(1);
      expect(survived.diff.mean, `seed ${seed}`).toBeGreaterThan(0);
      expect(survived.pBetter, `seed ${seed}`).toBeGreaterThan(0.5);
      // Turned round, the same pairs say A is better.
      const back = pairRuns(b, a).differences.find((d) => d.key === 'survived')!;
      expect(back.diff.mean).toBeCloseTo(-survived.diff.mean, 12);
      expect(back.pBetter).toBeCloseTo(1 - survived.pBetter, 12);
    }
  });

  it('pairs B − A replication by replication', () => {
    const c = pairRuns(none, weekly);
    const survived = c.differences.find((d) => d.key === 'survived')!;
    expect(survived.diff.mean).toBeCloseTo(weekly.ensemble.summary().headline.survivalRate.mean - none.ensemble.summary().headline.survivalRate.mean, 12);
    expect(survived.a.mean).toBeCloseTo(none.ensemble.summary().headline.survivalRate.mean, 12);
  });

  it('pairs only the replications both have finished', () => {
    const short = ensembleRun({ preset: 'mentoring-weekly', seed: 3, reps: 25 }, false);
    const c = pairRuns(none, short);
    expect(c.paired).toBe(25);
    expect(c.replications).toBe(25);
    // The same as pairing a stopped run of 60 that got as far as 25.
    const stopped = { ...weekly, done: 25, state: 'cancelled' as const };
    expect(pairRuns(none, stopped)).toEqual(c);
    expect(pairRuns(stopped, none).paired).toBe(25);
    // And the same as A's first 25 replications run on their own (a run's luck is its seed and replication).
    const first = ensembleRun({ preset: 'mentoring-none', seed: 3, reps: 25 }, false);
    expect(pairRuns(first, short)).toEqual(c);
  });

  it('says when the seeds differ (the pairs then share no luck)', () => {
    const other = ensembleRun({ preset: 'mentoring-weekly', seed: 4, reps: REPS }, false);
    expect(pairRuns(none, other).sameSeed).toBe(false);
    expect(pairRuns(none, weekly).sameSeed).toBe(true);
  });
});

const est = (mean: number, lo: number, hi: number): Estimate => ({ mean, ci: [lo, hi], n: 50 });
const diff = (lo: number, hi: number, better: 1 | -1, key = 'survived'): Difference => ({
  key,
  a: est(0.5, 0.4, 0.6),
  b: est(0.5, 0.4, 0.6),
  diff: est((lo + hi) / 2, lo, hi),
  pBetter: 0.5,
  pairsBetter: 0.5,
  better,
});

describe('verdict', () => {
  it('calls B better or worse only when the whole interval says so, in the direction of "better"', () => {
    expect(verdict(diff(0.1, 0.3, 1))).toBe('b');
    expect(verdict(diff(-0.3, -0.1, 1))).toBe('a');
    expect(verdict(diff(0.1, 0.3, -1))).toBe('a');
    expect(verdict(diff(-0.3, -0.1, -1))).toBe('b');
  });

  it('calls an interval holding or touching zero, or one not known, unclear', () => {
    expect(verdict(diff(-0.1, 0.2, 1))).toBe('unclear');
    expect(verdict(diff(-0.1, 0.2, -1))).toBe('unclear');
    expect(verdict(diff(0, 0.2, 1))).toBe('unclear');
    expect(verdict(diff(-0.2, 0, -1))).toBe('unclear');
    expect(verdict(diff(0, 0, 1))).toBe('unclear');
    expect(verdict(diff(Number.NaN, 0.2, 1))).toBe('unclear');
    expect(verdict(diff(-Infinity, Infinity, 1))).toBe('unclear');
    expect(verdict(diff(0.1, Infinity, 1))).toBe('unclear');
  });
});

describe('compareRows', () => {
  const c = pairRuns(none, weekly);

  it('puts the main outcomes first, in their order, then the rest as the comparison lists them', () => {
    const rows = compareRows(c, 'en');
    const keys = rows.map((r) => r.key);
    expect([...keys].sort()).toEqual(c.differences.map((d) => d.key).sort());
    const main = MAIN_OUTCOMES.filter((k) => keys.includes(k));
    expect(main.length).toBe(MAIN_OUTCOMES.length); // every main outcome is compared
    expect(keys.slice(0, main.length)).toEqual(main);
    const rest = c.differences.map((d) => d.key).filter((k) => !MAIN_OUTCOMES.includes(k));
    expect(keys.slice(main.length)).toEqual(rest);
  });

  it('names every outcome in the page’s language', () => {
    for (const lang of ['en', 'id'] as const) {
      for (const r of compareRows(c, lang)) {
        expect(r.name, r.key).not.toBe(r.key);
        expect(r.name).toBe(outcomeName(r.key, lang));
      }
    }
    expect(outcomeName('survived', 'id')).toBe(DICTS.id.outcomes.survived);
    expect(outcomeName('cohesionMean', 'en')).not.toBe(outcomeName('cohesionMean', 'id'));
  });

  it('writes survival as percentages and its difference in percentage points, with signs', () => {
    const hand: Comparison = {
      replications: 50,
      a: c.a,
      b: c.b,
      differences: [
        { ...diff(0.01, 0.094, 1), a: est(0.5, 0.4, 0.6), b: est(0.552, 0.45, 0.65), diff: est(0.052, 0.01, 0.094), pBetter: 0.61 },
        { ...diff(-0.05, -0.012, 1), key: 'survived' },
      ],
    };
    const [up, down] = compareRows(hand, 'en');
    expect(up).toMatchObject({ key: 'survived', a: '50.0%', b: '55.2%', diff: '+5.2 pp', interval: '+1.0 pp … +9.4 pp', pBetter: '61%', verdict: 'b' });
    expect(down).toMatchObject({ diff: '−3.1 pp', interval: '−5.0 pp … −1.2 pp', verdict: 'a' });
    const [upId] = compareRows(hand, 'id');
    expect(upId).toMatchObject({ a: '50,0%', b: '55,2%', diff: '+5,2 pp', interval: '+1,0 pp … +9,4 pp', pBetter: '61%' });
  });

  it('writes rupiah outcomes in rupiah, and leaves out an interval that is not known', () => {
    const hand: Comparison = {
      replications: 1,
      a: c.a,
      b: c.b,
      differences: [{ key: 'memberIncomeMonthly', a: est(100_000, 90_000, 110_000), b: est(125_000, 110_000, 140_000), diff: est(25_000, Number.NaN, Number.NaN), pBetter: 1, pairsBetter: 1, better: 1 }],
    };
    const [row] = compareRows(hand, 'id');
    expect(row).toMatchObject({ a: 'Rp\u00a0100.000', b: 'Rp\u00a0125.000', diff: '+Rp\u00a025.000', interval: '', verdict: 'unclear' });
  });

  it('gives real rows text with no NaN in it', () => {
    for (const lang of ['en', 'id'] as const) {
      for (const r of compareRows(c, lang)) {
        for (const t of [r.a, r.b, r.diff, r.interval, r.pBetter]) expect(t, r.key).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
    const s = compareRows(c, 'en').find((r) => r.key === 'survived')!;
    expect(s.diff).toMatch(/^\+\d+\.\d pp$/);
  });
});

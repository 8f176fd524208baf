/**
 * Ensembles and paired comparisons checked against numbers computed the slow, obvious way from
 * the kept runs: exact type-7 quantiles from sorted arrays, shares counted week by week, means
 * and standard errors in two passes.
 */
import { describe, expect, it } from 'vitest';
import { PairedComparison } from '../../src/experiment/compare.ts';
import { BAND_QUANTILES, Ensemble, type EnsembleSummary } from '../../src/experiment/ensemble.ts';
import { F, writeRunRow } from '../../src/experiment/outcomes.ts';
import { normalCdf, Z95 } from '../../src/experiment/stats.ts';
import { INDICATORS, parseScenario, simulate, type RunResult, type Scenario } from '../../src/index.ts';

const K = INDICATORS.length;

/** Runs 0..n-1 of a scenario, kept whole, with their rows and series blocks as workers send them. */
function runsOf(sc: Scenario, seed: number, n: number) {
  const H = sc.horizonWeeks;
  const results: RunResult[] = [];
  const rows = new Float64Array(n * F);
  const series = new Float64Array(n * K * H);
  for (let r = 0; r < n; r++) {
    const res = simulate(sc, { seed, replication: r });
    results.push(res);
    writeRunRow(res, rows, r * F);
    INDICATORS.forEach((d, k) => series.set(res.series[d.key], r * K * H + k * H));
  }
  return { results, rows, series, H };
}

/** Feed runs to an ensemble in batches of the given sizes (cycled). */
function ensembleOf(sc: Scenario, data: ReturnType<typeof runsOf>, sizes: number[], bands = true, bandKeys?: string[]): EnsembleSummary {
  const e = new Ensemble(sc, bands);
  const n = data.results.length;
  const KH = K * data.H;
  for (let from = 0, i = 0; from < n; i++) {
    const to = Math.min(n, from + sizes[i % sizes.length]);
    e.add(data.rows.slice(from * F, to * F), bands ? data.series.slice(from * KH, to * KH) : null);
    from = to;
  }
  return e.summary(bandKeys);
}

/** Exact type-7 quantile (Hyndman & Fan 1996, R's default) of a sorted array. */
function quantile7(sorted: number[], p: number): { q: number; lo: number; hi: number } {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  const lo = sorted[i];
  const hi = sorted[Math.min(sorted.length - 1, i + 1)];
  return { q: lo + (h - i) * (hi - lo), lo, hi };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Mean ± 1.96 standard errors, variance in two passes. */
function meanCi(xs: number[]): [number, number, number] {
  const m = mean(xs);
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  const half = Z95 * Math.sqrt(v / xs.length);
  return [m, m - half, m + half];
}

/** Every number of a summary as its exact bits, so toEqual means bit-identical. */
const bits = (x: unknown) =>
  JSON.stringify(x, (_k, v) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array);
    if (typeof v === 'number') return Buffer.from(new Float64Array([v]).buffer).toString('hex');
    return v;
  });

// Without mentoring about a quarter of groups dissolve, at many different weeks: a varied ensemble.
const varied = parseScenario({ intervention: { mentoring: { visitsPerMonth: 0 } } });
const N = 300;
const data = runsOf(varied, 3, N);

describe('Ensemble bands', () => {
  const summary = ensembleOf(varied, data, [N]);

  it('has a band for every indicator, over every week', () => {
    expect(summary.bands.map((b) => b.key)).toEqual(INDICATORS.map((d) => d.key));
    for (const b of summary.bands) {
      expect(b.q).toHaveLength(BAND_QUANTILES.length);
      for (const q of b.q) expect(q).toHaveLength(data.H);
    }
  });

  it('quantiles match exact type-7 quantiles of the kept series (shares ±0.002, counts exact, rupiah ~2%)', () => {
    let checked = 0;
    const worst: Record<string, number> = {};
    INDICATORS.forEach((d, k) => {
      const band = summary.bands[k];
      for (let t = 0; t < data.H; t++) {
        const column = data.results.map((r) => r.series[d.key][t]).sort((a, b) => a - b);
        BAND_QUANTILES.forEach((p, i) => {
          const exact = quantile7(column, p);
          const got = band.q[i][t];
          const where = `${d.key} (${d.unit}) week ${t + 1} q${p}: got ${got}, exact ${exact.q}`;
          if (d.unit === 'Rp') {
            // Bins 3% wide: each neighbour is off by at most ~1.5% (a few rupiah near 0).
            const tol = 0.02 * Math.max(Math.abs(exact.lo), Math.abs(exact.hi)) + 5;
            expect(Math.abs(got - exact.q), where).toBeLessThanOrEqual(tol);
          } else if (d.unit === 'families' || d.unit.startsWith('0 active')) {
            expect(got, where).toBe(exact.q);
          } else {
            expect(Math.abs(got - exact.q), where).toBeLessThanOrEqual(0.002);
          }
          worst[d.unit] = Math.max(worst[d.unit] ?? 0, Math.abs(got - exact.q));
          checked++;
        });
      }
    });
    expect(checked).toBe(K * data.H * BAND_QUANTILES.length);
    // Quantiles are ordered: q05 ≤ q25 ≤ q50 ≤ q75 ≤ q95 at every week.
    for (const b of summary.bands) {
      for (let t = 0; t < data.H; t++) for (let i = 1; i < BAND_QUANTILES.length; i++) expect(b.q[i][t]).toBeGreaterThanOrEqual(b.q[i - 1][t]);
    }
  });

  it('band means are the exact weekly means', () => {
    INDICATORS.forEach((d, k) => {
      for (let t = 0; t < data.H; t += 13) {
        const exact = mean(data.results.map((r) => r.series[d.key][t]));
        expect(summary.bands[k].mean[t]).toBeCloseTo(exact, Math.abs(exact) > 1e3 ? 3 : 10);
      }
    });
  });
});

describe('Ensemble survival and outcomes', () => {
  const summary = ensembleOf(varied, data, [N]);

  it('the ensemble is varied enough to test: some groups dissolve, at different weeks', () => {
    const weeks = new Set(data.results.filter((r) => r.outcome.status === 'dissolved').map((r) => r.outcome.statusWeek));
    expect(weeks.size).toBeGreaterThan(5);
  });

  it('the survival curve is the share of runs not dissolved at the end of each week', () => {
    const statusCol = INDICATORS.findIndex((d) => d.key === 'status');
    expect(statusCol).toBeGreaterThanOrEqual(0);
    for (let t = 0; t < data.H; t++) {
      const notDissolved = data.results.filter((r) => r.series.status[t] !== 2).length;
      expect(summary.survival.surviving[t], `week ${t + 1}`).toBe(notDissolved / N);
      expect(summary.survival.lo[t]).toBeLessThanOrEqual(summary.survival.surviving[t]);
      expect(summary.survival.hi[t]).toBeGreaterThanOrEqual(summary.survival.surviving[t]);
      expect(summary.survival.lo[t]).toBeGreaterThanOrEqual(0);
      expect(summary.survival.hi[t]).toBeLessThanOrEqual(1);
    }
  });

  it('survivalRate is the share active at the horizon, its interval inside [0, 1] around it', () => {
    const active = data.results.filter((r) => r.outcome.status === 'active').length;
    const s = summary.headline.survivalRate;
    expect(s.mean).toBe(active / N);
    expect(s.ci[0]).toBeLessThan(s.mean);
    expect(s.ci[1]).toBeGreaterThan(s.mean);
    expect(s.ci[0]).toBeGreaterThanOrEqual(0);
    expect(s.ci[1]).toBeLessThanOrEqual(1);
    const dissolved = data.results.filter((r) => r.outcome.status === 'dissolved').length;
    expect(summary.headline.dissolvedRate.mean).toBe(dissolved / N);
    expect(Object.values(summary.causes).reduce((a, b) => a + b, 0)).toBe(dissolved);
  });

  it('when no group survives, the interval is [0, z²/(n + z²)] (Wilson at zero successes)', () => {
    const doomed = parseScenario({ horizonWeeks: 52, intervention: { grant: { amount: 0 } } });
    const d = runsOf(doomed, 1, 40);
    expect(d.results.every((r) => r.outcome.status !== 'active')).toBe(true);
    const s = ensembleOf(doomed, d, [7], false).headline;
    expect(s.survivalRate.mean).toBe(0);
    expect(s.survivalRate.ci[0]).toBe(0);
    expect(s.survivalRate.ci[1]).toBeCloseTo((Z95 * Z95) / (40 + Z95 * Z95), 12);
    expect(s.costPerSurvivingGroup).toBeNull();
  });

  it('outcome means and intervals equal two-pass means ± 1.96 SE of the runs’ outcomes', () => {
    const h = summary.headline;
    const checks: [string, (r: RunResult) => number, { mean: number; ci: [number, number] }][] = [
      ['memberIncomeMonthly', (r) => r.outcome.incomePerMemberMonthly, h.memberIncomeMonthly],
      ['capitalFinal', (r) => r.outcome.capital, h.capitalFinal],
      ['activeMembersFinal', (r) => r.outcome.activeMembers, h.activeMembersFinal],
      ['exitsPerMember', (r) => r.outcome.exitsPerMember, h.exitsPerMember],
      ['misuseCommitted', (r) => r.outcome.misuseCommitted, h.misuseCommitted],
      ['misuseDetected', (r) => r.outcome.misuseDetected, h.misuseDetected],
    ];
    for (const [key, get, est] of checks) {
      const [m, lo, hi] = meanCi(data.results.map(get));
      const scale = Math.max(1, Math.abs(m));
      expect(Math.abs(est.mean - m) / scale, key).toBeLessThan(1e-9);
      expect(Math.abs(est.ci[0] - lo) / scale, key).toBeLessThan(1e-9);
      expect(Math.abs(est.ci[1] - hi) / scale, key).toBeLessThan(1e-9);
    }
    const survivors = data.results.filter((r) => r.outcome.status === 'active').length;
    const cost = data.results.reduce((s, r) => s + r.outcome.interventionCost, 0);
    expect(h.costPerSurvivingGroup!.mean).toBeCloseTo(cost / survivors, 3);
    expect(h.costPerSurvivingGroup!.ci[0]).toBeLessThan(h.costPerSurvivingGroup!.mean);
    expect(h.costPerSurvivingGroup!.ci[1]).toBeGreaterThan(h.costPerSurvivingGroup!.mean);
  });

  it('the same runs fed in different batch splits give bit-identical summaries', () => {
    const whole = bits(summary);
    expect(bits(ensembleOf(varied, data, [1]))).toBe(whole);
    expect(bits(ensembleOf(varied, data, [4, 29, 1, 50, 7, 13]))).toBe(whole);
    expect(bits(ensembleOf(varied, data, [N - 1, 1]))).toBe(whole);
  });

  it('a summary limited to some bands gives exactly those, equal to the full summary’s', () => {
    const some = ensembleOf(varied, data, [N], true, ['capital', 'cohesion']);
    expect(some.bands.map((b) => b.key)).toEqual(['cohesion', 'capital']);
    for (const b of some.bands) expect(b).toEqual(summary.bands.find((x) => x.key === b.key));
    expect(some.headline).toEqual(summary.headline);
  });

  it('refuses rows without series when it keeps bands', () => {
    const e = new Ensemble(varied, true);
    expect(() => e.add(data.rows.slice(0, F), null)).toThrow(/series/);
  });
});

describe('PairedComparison', () => {
  /** Rows of A and B interleaved by replication: [A 0, B 0, A 1, B 1, ...]. */
  function pairedRows(a: Scenario, b: Scenario, seed: number, n: number) {
    const rows = new Float64Array(2 * n * F);
    const pairs: [RunResult, RunResult][] = [];
    for (let r = 0; r < n; r++) {
      const ra = simulate(a, { seed, replication: r });
      const rb = simulate(b, { seed, replication: r });
      writeRunRow(ra, rows, 2 * r * F);
      writeRunRow(rb, rows, (2 * r + 1) * F);
      pairs.push([ra, rb]);
    }
    return { rows, pairs };
  }

  it('a scenario against itself: every difference is 0 with interval [0, 0] and P(B better) 0.5', () => {
    const sc = parseScenario({ horizonWeeks: 104 });
    const { rows } = pairedRows(sc, sc, 2, 80);
    const cmp = new PairedComparison(sc, sc);
    cmp.add(rows);
    const c = cmp.summary(2);
    expect(c.replications).toBe(80);
    expect(c.differences.map((d) => d.key)).toContain('survived');
    expect(c.differences.map((d) => d.key)).toContain('costPerSurvivingGroup');
    for (const d of c.differences) {
      expect(d.diff.mean, d.key).toBe(0);
      expect(d.diff.ci, d.key).toEqual([0, 0]);
      expect(d.pBetter, d.key).toBe(0.5);
      expect(d.a.mean, d.key).toBe(d.b.mean);
    }
  });

  it('batches that split pairs anywhere (odd sizes, a lone A row) give the same comparison, bit for bit', () => {
    const none = parseScenario({ horizonWeeks: 104, intervention: { mentoring: { visitsPerMonth: 0 } } });
    const four = parseScenario({ horizonWeeks: 104, intervention: { mentoring: { visitsPerMonth: 4 } } });
    const { rows } = pairedRows(none, four, 5, 9);
    const whole = new PairedComparison(none, four);
    whole.add(rows);
    for (const sizes of [[3, 3, 3, 3, 3, 3], [1, 17], [5, 1, 1, 11], [7, 4, 7]]) {
      const split = new PairedComparison(none, four);
      let at = 0;
      for (const runs of sizes) {
        split.add(rows.subarray(at * F, (at + runs) * F));
        at += runs;
      }
      expect(at).toBe(18);
      expect(split.n).toBe(9);
      expect(JSON.stringify(split.summary(5)), sizes.join('+')).toBe(JSON.stringify(whole.summary(5)));
    }
  });

  it('monthly visits of 4 against none: more groups survive, in each of four seeds', () => {
    // Five years, not two: the calibrated mentoring moves survival by a few points a year, as the
    // evidence has it (docs/EVIDENCE.md), which 100 pairs over two years cannot always tell from luck.
    const none = parseScenario({ horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 0 } } });
    const four = parseScenario({ horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 4 } } });
    for (const seed of [1, 2, 3, 4]) {
      const n = 100;
      const { rows, pairs } = pairedRows(none, four, seed, n);
      const cmp = new PairedComparison(none, four);
      // Fed in two pieces that do not split a pair.
      cmp.add(rows.subarray(0, 2 * 37 * F));
      cmp.add(rows.subarray(2 * 37 * F));
      const c = cmp.summary(seed);
      const survived = c.differences.find((d) => d.key === 'survived')!;
      // The same quantities counted directly from the pairs.
      const d = pairs.map(([a, b]) => (b.outcome.status === 'active' ? 1 : 0) - (a.outcome.status === 'active' ? 1 : 0));
      const wins = d.filter((x) => x > 0).length + 0.5 * d.filter((x) => x === 0).length;
      expect(survived.diff.mean, `seed ${seed}`).toBeCloseTo(mean(d), 12);
      expect(survived.pairsBetter, `seed ${seed}`).toBe(wins / n);
      expect(survived.diff.mean, `seed ${seed}`).toBeGreaterThan(0);
      // P(B better on average) is Φ(d̄ / se) of the paired differences.
      const se = Math.sqrt(d.reduce((v, x) => v + (x - mean(d)) ** 2, 0) / (n - 1) / n);
      expect(survived.pBetter, `seed ${seed}`).toBeCloseTo(normalCdf(mean(d) / se), 9);
      expect(survived.pBetter, `seed ${seed}`).toBeGreaterThan(0.5);
      expect(survived.diff.ci[0]).toBeLessThan(survived.diff.mean);
      // For "less is better" outcomes a win is a decrease.
      const exits = c.differences.find((x) => x.key === 'exitsPerMember')!;
      expect(exits.better).toBe(-1);
      const ex = pairs.map(([a, b]) => b.outcome.exitsPerMember - a.outcome.exitsPerMember);
      expect(exits.pairsBetter).toBe((ex.filter((x) => x < 0).length + 0.5 * ex.filter((x) => x === 0).length) / n);
      const exSe = Math.sqrt(ex.reduce((v, x) => v + (x - mean(ex)) ** 2, 0) / (n - 1) / n);
      expect(exits.pBetter).toBeCloseTo(normalCdf(-mean(ex) / exSe), 9);
    }
  });
});

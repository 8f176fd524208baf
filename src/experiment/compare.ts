/**
 * Scenario A against scenario B, paired by replication: replication r of A and of B draw from the
 * same streams (common random numbers), so their difference shows the effect of what differs
 * between the scenarios, not of luck. Reports each outcome's mean in A and in B, the paired
 * difference with its 95% interval, and the probability that B beats A.
 */
import { percentile95 } from './bootstrap.ts';
import { seededUniform } from './factors.ts';
import { Ensemble, type Headline } from './ensemble.ts';
import { F, FIELD, RUN_FIELDS } from './outcomes.ts';
import { normalCdf, RunningMean, type Estimate } from './stats.ts';
import type { Scenario } from '../model/index.ts';

/** One outcome compared. */
export interface Difference {
  key: string;
  a: Estimate;
  b: Estimate;
  /** Mean of (B − A) over the pairs, with its 95% interval. */
  diff: Estimate;
  /**
   * Chance that B is better than A on average: for a per-run outcome Φ(d̄ / se) of the paired
   * differences (in the better direction; the normal approximation of the mean's sampling
   * distribution, 0.5 when there is no difference at all), for the package ratios the share of
   * bootstrap resamples where B is better.
   */
  pBetter: number;
  /** For a per-run outcome: the share of pairs in which B's run did better (ties count half). */
  pairsBetter: number | null;
  /** +1 if more is better, −1 if less is better. */
  better: 1 | -1;
}

export interface Comparison {
  replications: number;
  differences: Difference[];
  a: Headline;
  b: Headline;
}

/** Φ(d̄ / se) in the better direction; without spread, 1, 0 or 0.5 by the sign of d̄. */
function meanBetter(d: RunningMean, better: 1 | -1): number {
  const m = better * d.mean;
  const se = d.n > 1 ? Math.sqrt(d.variance / d.n) : 0;
  if (!(se > 0)) return m > 0 ? 1 : m < 0 ? 0 : 0.5;
  return normalCdf(m / se);
}

/** Paired comparison, fed rows in pairs (A's replication r, then B's replication r). */
export class PairedComparison {
  private readonly ea: Ensemble;
  private readonly eb: Ensemble;
  private readonly diff = RUN_FIELDS.map(() => new RunningMean());
  private readonly wins = new Float64Array(RUN_FIELDS.length);
  // Per-pair cost, survival and income for the bootstrap of the package ratios (4 numbers a pair).
  private pairs = new Float64Array(4 * 1024);
  n = 0;

  constructor(a: Scenario, b: Scenario) {
    this.ea = new Ensemble(a, false);
    this.eb = new Ensemble(b, false);
  }

  // A's row of a pair whose B row has not come yet (a batch may end between the two).
  private pendingA: Float64Array | null = null;

  /**
   * Add run rows in run order: A's replication r, B's replication r, A's r + 1, … (F numbers
   * each). Batches may split anywhere, even between the two rows of a pair.
   */
  add(rows: Float64Array): void {
    for (let o = 0; o + F <= rows.length; o += F) {
      if (!this.pendingA) {
        this.pendingA = rows.slice(o, o + F);
        continue;
      }
      const a = this.pendingA;
      const b = rows.subarray(o, o + F);
      this.pendingA = null;
      this.ea.add(a, null);
      this.eb.add(b, null);
      for (let k = 0; k < F; k++) {
        const d = b[k] - a[k];
        this.diff[k].add(d);
        const sign = RUN_FIELDS[k].better === -1 ? -1 : 1;
        this.wins[k] += d * sign > 0 ? 1 : d === 0 ? 0.5 : 0;
      }
      if (4 * (this.n + 1) > this.pairs.length) {
        const grown = new Float64Array(this.pairs.length * 2);
        grown.set(this.pairs);
        this.pairs = grown;
      }
      const p = 4 * this.n;
      this.pairs[p] = a[FIELD.interventionCost];
      this.pairs[p + 1] = b[FIELD.interventionCost];
      this.pairs[p + 2] = a[FIELD.survived];
      this.pairs[p + 3] = b[FIELD.survived];
      this.n++;
    }
  }

  summary(seed = 0, resamples = 1000): Comparison {
    const A = this.ea.summary();
    const B = this.eb.summary();
    const differences: Difference[] = [];
    RUN_FIELDS.forEach((f, k) => {
      if (f.names || f.key === 'statusWeek' || f.better === 0) return;
      differences.push({ key: f.key, a: A.outcomes[f.key], b: B.outcomes[f.key], diff: this.diff[k].estimate(), pBetter: meanBetter(this.diff[k], f.better), pairsBetter: this.n ? this.wins[k] / this.n : 0.5, better: f.better });
    });
    const cps = this.bootstrapCostPerSurvivor(seed, resamples);
    if (cps && A.headline.costPerSurvivingGroup && B.headline.costPerSurvivingGroup) {
      differences.push({ key: 'costPerSurvivingGroup', a: A.headline.costPerSurvivingGroup, b: B.headline.costPerSurvivingGroup, diff: cps.diff, pBetter: cps.pBetter, pairsBetter: null, better: -1 });
    }
    return { replications: this.n, differences, a: A.headline, b: B.headline };
  }

  /** Paired bootstrap of cost per surviving group (B − A): resample pairs, seeded. */
  private bootstrapCostPerSurvivor(seed: number, resamples: number): { diff: Estimate; pBetter: number } | null {
    const n = this.n;
    if (n < 2) return null;
    const P = this.pairs;
    const ratio = (idx: Uint32Array | null) => {
      let ca = 0, cb = 0, sa = 0, sb = 0;
      for (let i = 0; i < n; i++) {
        const j = 4 * (idx ? idx[i] : i);
        ca += P[j]; cb += P[j + 1]; sa += P[j + 2]; sb += P[j + 3];
      }
      return sa > 0 && sb > 0 ? cb / sb - ca / sa : Number.NaN;
    };
    const point = ratio(null);
    if (!Number.isFinite(point)) return null;
    const rng = seededUniform(seed, 'compare');
    const idx = new Uint32Array(n);
    const d: number[] = [];
    let lower = 0;
    for (let s = 0; s < resamples; s++) {
      for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
      const r = ratio(idx);
      if (!Number.isFinite(r)) continue; // a resample with no survivor in A or B has no ratio
      d.push(r);
      if (r < 0) lower++;
      else if (r === 0) lower += 0.5; // a tie counts half, as for the per-run outcomes
    }
    return { diff: { mean: point, ci: d.length ? percentile95(Float64Array.from(d)) : [point, point], n }, pBetter: d.length ? lower / d.length : 0.5 };
  }
}

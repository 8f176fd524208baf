/**
 * Small statistics for ensembles: running means with 95% intervals, proportions with Wilson
 * intervals. Pure and deterministic: results depend only on the values and the order they came in.
 */

/** An estimate with its 95% interval. */
export interface Estimate {
  mean: number;
  /** 95% interval [low, high]. */
  ci: [number, number];
  n: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** The standard normal distribution function Φ(z): the model's own (src/model/random.ts). */
export { normalCdf } from '../model/random.ts';

/** Running mean and variance (Welford), fed one value at a time, in order. */
export class RunningMean {
  n = 0;
  mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  /** Sample variance (n − 1 in the denominator); 0 for fewer than two values. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : 0;
  }

  /**
   * The mean with a normal-approximation 95% interval (the mean ± 1.96 standard errors), cut to
   * [lo, hi] when the quantity cannot leave that range (a count is never negative). One value has
   * no spread to measure: its interval is (−∞, ∞), null in JSON.
   */
  estimate(lo = -Infinity, hi = Infinity): Estimate {
    if (this.n < 2) return { mean: this.mean, ci: [-Infinity, Infinity], n: this.n };
    const half = Z95 * Math.sqrt(this.variance / this.n);
    return { mean: this.mean, ci: [Math.max(lo, this.mean - half), Math.min(hi, this.mean + half)], n: this.n };
  }
}

/**
 * A proportion with its Wilson score 95% interval, which stays inside [0, 1] and behaves at 0
 * and n successes (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it over the Wald interval).
 */
export function proportion(successes: number, n: number): Estimate {
  if (n === 0) return { mean: Number.NaN, ci: [0, 1], n: 0 };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; rounding can land a hair inside and leave p out.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { mean: p, ci: [lo, hi], n };
}

/**
 * The change of a paired mean, B / A − 1, in per cent, with a delta-method 95% interval that
 * accounts for the pairing (the covariance of A and B over the pairs). NaN when A's mean is not
 * positive.
 */
export function pairedChangePct(a: RunningMean, b: RunningMean, covariance: number): Estimate {
  const n = a.n;
  if (!(a.mean > 0)) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN], n };
  const ratio = b.mean / a.mean;
  const v = (b.variance + ratio * ratio * a.variance - 2 * ratio * covariance) / (a.mean * a.mean * n);
  const half = Z95 * Math.sqrt(Math.max(0, v));
  return { mean: 100 * (ratio - 1), ci: [100 * (ratio - 1 - half), 100 * (ratio - 1 + half)], n };
}

/** Two measures over the same pairs (A's and B's run of one replication): their means and covariance. */
export class PairedMeans {
  readonly a = new RunningMean();
  readonly b = new RunningMean();
  private cab = 0;

  add(x: number, y: number): void {
    const dx = x - this.a.mean;
    this.a.add(x);
    this.b.add(y);
    this.cab += dx * (y - this.b.mean);
  }

  /** Sample covariance of A and B (n − 1 in the denominator); 0 for fewer than two pairs. */
  get covariance(): number {
    return this.a.n > 1 ? this.cab / (this.a.n - 1) : 0;
  }

  /** B / A − 1 in per cent, with its paired delta-method interval (pairedChangePct). */
  changePct(): Estimate {
    return pairedChangePct(this.a, this.b, this.covariance);
  }
}

/**
 * A paired change of rates: counts over exposures (misuse per year of a group's life), A's and B's
 * run of one replication together. The change is (ΣcB/ΣeB)/(ΣcA/ΣeA) − 1 in per cent (a ratio of
 * totals, so a group that lived a week weighs a week), with a delta-method interval from the
 * sample covariance of the four per-run quantities (cA, eA, cB, eB).
 */
export class PairedRates {
  private n = 0;
  private readonly mean = new Float64Array(4);
  private readonly co = new Float64Array(16);
  private readonly dx = new Float64Array(4);

  add(countA: number, exposureA: number, countB: number, exposureB: number): void {
    const x = [countA, exposureA, countB, exposureB];
    this.n++;
    for (let i = 0; i < 4; i++) {
      this.dx[i] = x[i] - this.mean[i];
      this.mean[i] += this.dx[i] / this.n;
    }
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) this.co[4 * i + j] += this.dx[i] * (x[j] - this.mean[j]);
  }

  /** Each side's rate: total counts over total exposure (NaN without exposure). */
  rates(): [number, number] {
    const [ca, ea, cb, eb] = this.mean;
    return [ea > 0 ? ca / ea : Number.NaN, eb > 0 ? cb / eb : Number.NaN];
  }

  changePct(): Estimate {
    const n = this.n;
    const [ca, ea, cb, eb] = this.mean;
    if (!(ca > 0 && ea > 0 && eb > 0)) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN], n };
    // No event at all in B: the ratio is 0, and the delta method's interval would shrink to a
    // point there (false certainty); say that the interval cannot be given.
    if (!(cb > 0)) return { mean: -100, ci: [Number.NaN, Number.NaN], n };
    const ratio = (cb / eb) / (ca / ea);
    const g = [-1 / ca, 1 / ea, 1 / cb, -1 / eb];
    let v = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) v += g[i] * g[j] * (n > 1 ? this.co[4 * i + j] / (n - 1) : 0);
    const half = Z95 * ratio * Math.sqrt(Math.max(0, v) / n);
    return { mean: 100 * (ratio - 1), ci: [100 * (ratio - 1 - half), 100 * (ratio - 1 + half)], n };
  }
}

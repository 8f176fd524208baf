/**
 * Sensitivity indices from a design and its outputs: Morris mu*, mu and sigma, and Sobol
 * first-order and total indices, each with a seeded bootstrap 95% interval. Pure: y is one output
 * per design point, in the design's order.
 */
import { bootstrapStream, checkOutputs, drawRows, percentile95, type BootstrapOptions } from './bootstrap.ts';
import type { Design } from './factors.ts';

export type { BootstrapOptions } from './bootstrap.ts';

/** Morris screening measures of one factor, with effects in output units per full factor range. */
export interface MorrisIndex {
  path: string;
  /** Mean absolute elementary effect (Campolongo, Cariboni & Saltelli 2007). */
  muStar: number;
  /** Mean elementary effect (Morris 1991); signed, so effects of both signs can cancel. */
  mu: number;
  /** Standard deviation of the effects: non-linearity or interaction (Morris 1991). NaN below 2 effects. */
  sigma: number;
  /** Bootstrap 95% interval of muStar, resampling trajectories. */
  muStarCi: [number, number];
  /** Elementary effects used (steps that rounding made zero are skipped). */
  effects: number;
}

/** Sobol indices of one factor, each with a bootstrap 95% interval. */
export interface SobolIndex {
  path: string;
  /** First-order index S_i (the estimator Saltelli et al. 2010 recommend). */
  first: number;
  firstCi: [number, number];
  /** Total-effect index S_Ti (Jansen 1999). */
  total: number;
  totalCi: [number, number];
}

/**
 * Morris indices from a Morris design's outputs. Each effect is (Δy / Δx) · (hi − lo), with Δx the
 * actual difference of the scaled (and for int factors rounded) values, so effects compare across
 * factors and rounding does not distort them; steps rounding made zero are skipped.
 */
export function morrisIndices(design: Design, y: Float64Array, opts: BootstrapOptions = {}): MorrisIndex[] {
  if (design.kind !== 'morris') throw new RangeError(`morrisIndices needs a morris design; got ${design.kind}`);
  checkOutputs(y, design.points.length);
  const { factors, points, meta } = design;
  const k = factors.length;
  const r = meta.trajectories;
  // ee[t * k + i]: factor i's effect in trajectory t; NaN where the step vanished.
  const ee = new Float64Array(r * k).fill(Number.NaN);
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < k; s++) {
      const p = t * (k + 1) + s;
      const f = factors[meta.changed[t * k + s]];
      const dx = points[p + 1][f.path] - points[p][f.path];
      if (dx !== 0) ee[t * k + meta.changed[t * k + s]] = ((y[p + 1] - y[p]) / dx) * (f.hi - f.lo);
    }
  }
  const { rng, resamples } = bootstrapStream(opts, 'morris-bootstrap');
  const boot = new Float64Array(k * resamples);
  const idx = new Int32Array(r);
  for (let b = 0; b < resamples; b++) {
    drawRows(idx, rng); // the same trajectories for every factor: factors stay comparable.
    for (let i = 0; i < k; i++) {
      let sum = 0;
      let n = 0;
      for (let j = 0; j < r; j++) {
        const e = ee[idx[j] * k + i];
        if (e === e) {
          sum += Math.abs(e);
          n++;
        }
      }
      boot[i * resamples + b] = n > 0 ? sum / n : Number.NaN;
    }
  }
  return factors.map((f, i) => {
    let n = 0;
    let sum = 0;
    let sumAbs = 0;
    for (let t = 0; t < r; t++) {
      const e = ee[t * k + i];
      if (e !== e) continue;
      n++;
      sum += e;
      sumAbs += Math.abs(e);
    }
    const mu = n > 0 ? sum / n : Number.NaN;
    let ss = 0;
    for (let t = 0; t < r; t++) {
      const e = ee[t * k + i];
      if (e === e) ss += (e - mu) * (e - mu);
    }
    return {
      path: f.path,
      muStar: n > 0 ? sumAbs / n : Number.NaN,
      mu,
      sigma: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
      muStarCi: percentile95(boot, i * resamples, resamples),
      effects: n,
    };
  });
}

/** Outputs of a Sobol design split by matrix: yA, yB (N each) and yAB (k × N, factor-major). */
interface SobolOutputs {
  k: number;
  n: number;
  yA: Float64Array;
  yB: Float64Array;
  yAB: Float64Array;
}

/**
 * First-order (Saltelli et al. 2010: V_i ≈ mean(f(B)(f(AB_i) − f(A)))) and total (Jansen 1999:
 * E_Ti ≈ mean((f(A) − f(AB_i))²) / 2) indices over the base rows idx, divided by the variance of
 * the outputs of A and B together (as SALib does). Writes NaN when the output does not vary.
 */
function sobolEstimate(o: SobolOutputs, idx: Int32Array, first: Float64Array, total: Float64Array, at: number, stride: number): void {
  const { k, n, yA, yB, yAB } = o;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += yA[idx[j]] + yB[idx[j]];
  mean /= 2 * n;
  let v = 0;
  for (let j = 0; j < n; j++) {
    const a = yA[idx[j]] - mean;
    const b = yB[idx[j]] - mean;
    v += a * a + b * b;
  }
  v /= 2 * n;
  for (let i = 0; i < k; i++) {
    let s1 = 0;
    let st = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) {
      const row = idx[j];
      const d = yAB[off + row] - yA[row];
      s1 += yB[row] * d;
      st += d * d;
    }
    first[i * stride + at] = v > 0 ? s1 / n / v : Number.NaN;
    total[i * stride + at] = v > 0 ? st / (2 * n) / v : Number.NaN;
  }
}

/** Sobol first-order and total indices from a Sobol design's outputs; bootstrap resamples base rows. */
export function sobolIndices(design: Design, y: Float64Array, opts: BootstrapOptions = {}): SobolIndex[] {
  if (design.kind !== 'sobol') throw new RangeError(`sobolIndices needs a sobol design; got ${design.kind}`);
  checkOutputs(y, design.points.length);
  const k = design.factors.length;
  const n = design.meta.n;
  const o: SobolOutputs = { k, n, yA: new Float64Array(n), yB: new Float64Array(n), yAB: new Float64Array(k * n) };
  for (let j = 0; j < n; j++) {
    const base = j * (k + 2);
    o.yA[j] = y[base];
    for (let i = 0; i < k; i++) o.yAB[i * n + j] = y[base + 1 + i];
    o.yB[j] = y[base + k + 1];
  }
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = j;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  sobolEstimate(o, idx, first, total, 0, 1);
  const { rng, resamples } = bootstrapStream(opts, 'sobol-bootstrap');
  const bootFirst = new Float64Array(k * resamples);
  const bootTotal = new Float64Array(k * resamples);
  for (let b = 0; b < resamples; b++) {
    drawRows(idx, rng);
    sobolEstimate(o, idx, bootFirst, bootTotal, b, resamples);
  }
  return design.factors.map((f, i) => ({
    path: f.path,
    first: first[i],
    firstCi: percentile95(bootFirst, i * resamples, resamples),
    total: total[i],
    totalCi: percentile95(bootTotal, i * resamples, resamples),
  }));
}

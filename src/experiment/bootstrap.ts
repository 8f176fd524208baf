/**
 * Seeded bootstrap helpers for the sensitivity indices: percentile intervals from resampled
 * estimates (Efron & Tibshirani 1993, ch. 13). Seeded so that an analysis reruns to the bit.
 */
import { seededUniform, type Uniform } from './factors.ts';

/** Options of a bootstrap: how many resamples, and the seed of the resampling stream. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 500). */
  resamples?: number;
  /** Seed of the resampling stream (default 0). */
  seed?: number;
}

/** The resampling stream and count from the options, checked. */
export function bootstrapStream(opts: BootstrapOptions, purpose: string): { rng: Uniform; resamples: number } {
  const resamples = opts.resamples ?? 500;
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000) {
    throw new RangeError(`bootstrap resamples must be a whole number from 1 to 1000000; got ${resamples}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`bootstrap seed must be a finite number; got ${seed}`);
  return { rng: seededUniform(seed, purpose), resamples };
}

/** Fill idx with n row indices drawn with replacement from 0..n−1. */
export function drawRows(idx: Int32Array, rng: Uniform): void {
  const n = idx.length;
  for (let j = 0; j < n; j++) idx[j] = Math.floor(rng() * n);
}

/**
 * The central 95% percentile interval of the finite values in xs[from, from + count), by linear
 * interpolation between order statistics (Hyndman & Fan 1996, type 7). [NaN, NaN] if none finite.
 */
export function percentile95(xs: Float64Array, from = 0, count = xs.length - from): [number, number] {
  const v = xs.slice(from, from + count).filter(Number.isFinite).sort();
  if (v.length === 0) return [Number.NaN, Number.NaN];
  const q = (p: number): number => {
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
  };
  return [q(0.025), q(0.975)];
}

/** Check that y holds one finite output per design point. */
export function checkOutputs(y: Float64Array, points: number): void {
  if (y.length !== points) {
    throw new RangeError(`y must hold one output per design point: expected ${points}, got ${y.length}`);
  }
  for (let j = 0; j < y.length; j++) {
    if (!Number.isFinite(y[j])) throw new RangeError(`y[${j}] is ${y[j]}; every output must be a finite number`);
  }
}

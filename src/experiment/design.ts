/**
 * Experiment designs: which parameter points a sweep runs. Full grids, Latin hypercubes, Morris
 * trajectories and Saltelli's Sobol scheme. Pure and seeded: the same arguments give the same
 * points, in the same order, on every machine, so shards of a sweep can rebuild the design alone.
 */
import {
  MAX_DESIGN_POINTS,
  checkCount,
  checkFactors,
  levelValue,
  sampleValue,
  seededUniform,
  type Design,
  type DesignPoint,
  type Factor,
  type GridFactor,
  type Uniform,
} from './factors.ts';

export * from './factors.ts';

/** Digits after the decimal point in x's shortest representation (1e-7 → 7, 0.25 → 2). */
function decimals(x: number): number {
  const s = String(Math.abs(x));
  const e = s.indexOf('e-');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf('.');
  return (dot < 0 ? 0 : mantissa.length - dot - 1) + (e < 0 ? 0 : Number(s.slice(e + 2)));
}

/**
 * The values FROM:TO:STEP takes. TO is included when it lands on the grid within 1e-9 relative;
 * each value is from + i·step rounded to the inputs' decimals, so 0:1:0.1 gives 0.3, not
 * 0.30000000000000004, and no error accumulates along the grid.
 */
export function gridValues(f: GridFactor): number[] {
  if (!Number.isFinite(f.step) || f.step <= 0) {
    throw new RangeError(`factor ${f.path}: step must be a positive number; got ${f.step}`);
  }
  if (f.int && !Number.isInteger(f.step)) {
    throw new RangeError(`factor ${f.path} is integer-valued: step must be a whole number; got ${f.step}`);
  }
  const q = (f.hi - f.lo) / f.step;
  const m = Math.round(q);
  const lands = Math.abs(q - m) <= 1e-9 * Math.max(1, Math.abs(q));
  const count = (lands ? m : Math.floor(q)) + 1;
  if (count > MAX_DESIGN_POINTS) {
    throw new RangeError(`factor ${f.path}: ${f.lo}:${f.hi}:${f.step} has ${count} values; at most ${MAX_DESIGN_POINTS} allowed`);
  }
  const dec = Math.min(100, Math.max(decimals(f.lo), decimals(f.step)));
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = Number((f.lo + i * f.step).toFixed(dec));
  if (lands) values[count - 1] = f.hi;
  return values;
}

/** The index-th point of a grid (first factor slowest), without building the others: for shards. */
export function gridPointAt(factors: readonly Factor[], values: readonly number[][], index: number): DesignPoint {
  const k = factors.length;
  const digit = new Array<number>(k);
  let rest = index;
  for (let i = k - 1; i >= 0; i--) {
    digit[i] = rest % values[i].length;
    rest = Math.floor(rest / values[i].length);
  }
  // Keys in factor order, so every point lists its paths the same way (CSV columns, JSON).
  const point: DesignPoint = {};
  for (let i = 0; i < k; i++) point[factors[i].path] = values[i][digit[i]];
  return point;
}

/** Full factorial grid of FROM:TO:STEP factors; the first factor varies slowest. */
export function gridDesign(factors: readonly GridFactor[]): Design {
  checkFactors(factors);
  const values = factors.map(gridValues);
  const size = values.reduce((n, v) => n * v.length, 1);
  if (size > MAX_DESIGN_POINTS) {
    const counts = values.map((v, i) => `${factors[i].path}: ${v.length}`).join(', ');
    throw new RangeError(`grid has ${size} points (${counts}); at most ${MAX_DESIGN_POINTS} allowed`);
  }
  const points = new Array<DesignPoint>(size);
  for (let j = 0; j < size; j++) points[j] = gridPointAt(factors, values, j);
  return { kind: 'grid', factors: [...factors], points, meta: { values } };
}

/** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
function permutation(n: number, rng: Uniform): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Latin hypercube of `samples` points: each factor's range is cut into `samples` equal strata and
 * each stratum holds exactly one point (McKay, Beckman & Conover 1979), jittered within it.
 */
export function latinHypercube(factors: readonly Factor[], samples: number, seed: number): Design {
  checkFactors(factors);
  checkCount('samples', samples, 2);
  const rng = seededUniform(seed, 'lhs');
  const points: DesignPoint[] = Array.from({ length: samples }, () => ({}));
  for (const f of factors) {
    const perm = permutation(samples, rng);
    for (let j = 0; j < samples; j++) points[j][f.path] = sampleValue(f, (perm[j] + rng()) / samples);
  }
  return { kind: 'lhs', factors: [...factors], points, meta: { samples, seed } };
}

/**
 * Morris (1991) elementary-effects design: r trajectories of k + 1 points on a p-level grid, each
 * step moving one factor by ±delta = p / (2(p − 1)) of its range. Points are in the factors' units;
 * int factors are rounded, so a narrow int range can make a step vanish (sensitivity skips it).
 */
export function morrisDesign(factors: readonly Factor[], trajectories: number, levels = 4, seed = 0): Design {
  checkFactors(factors);
  const k = factors.length;
  checkCount('trajectories', trajectories, 2, Math.floor(MAX_DESIGN_POINTS / (k + 1)));
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0 || levels > 1000) {
    // Odd p puts p/(2(p−1)) off the grid; Morris (1991) recommends even p.
    throw new RangeError(`levels must be an even whole number from 2 to 1000; got ${levels}`);
  }
  const rng = seededUniform(seed, 'morris');
  const half = levels / 2; // delta in grid steps: (p/2)/(p−1) of the range.
  const toPoint = (lv: Int32Array): DesignPoint => {
    const point: DesignPoint = {};
    for (let i = 0; i < k; i++) point[factors[i].path] = levelValue(factors[i], lv[i] / (levels - 1));
    return point;
  };
  const points: DesignPoint[] = [];
  const changed: number[] = [];
  const lv = new Int32Array(k);
  const dir = new Int32Array(k);
  for (let t = 0; t < trajectories; t++) {
    // Morris's B* construction: base level in the lower half, random direction per factor,
    // random factor order; moving down starts delta higher so every point stays in the grid.
    for (let i = 0; i < k; i++) {
      dir[i] = rng() < 0.5 ? 1 : -1;
      lv[i] = Math.floor(rng() * half) + (dir[i] < 0 ? half : 0);
    }
    const order = permutation(k, rng);
    points.push(toPoint(lv));
    for (let s = 0; s < k; s++) {
      const i = order[s];
      lv[i] += dir[i] * half;
      changed.push(i);
      points.push(toPoint(lv));
    }
  }
  const delta = levels / (2 * (levels - 1));
  return { kind: 'morris', factors: [...factors], points, meta: { trajectories, levels, delta, changed, seed } };
}

/**
 * Saltelli et al. (2010) design for Sobol indices: base matrices A and B (N × k) and, for each
 * factor i, AB_i = A with column i from B: N(k + 2) points, in blocks A_j, AB_1j … AB_kj, B_j.
 * A and B are seeded pseudo-random uniforms (alea), not a Sobol' low-discrepancy sequence, so
 * estimates converge as 1/√N; rows are drawn in order, so a smaller N is a prefix of a larger one.
 */
export function sobolDesign(factors: readonly Factor[], n: number, seed: number): Design {
  checkFactors(factors);
  const k = factors.length;
  checkCount('N (base samples)', n, 2, Math.floor(MAX_DESIGN_POINTS / (k + 2)));
  const rng = seededUniform(seed, 'sobol');
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  const points: DesignPoint[] = [];
  const row = (pick: (i: number) => number): DesignPoint => {
    const point: DesignPoint = {};
    for (let i = 0; i < k; i++) point[factors[i].path] = sampleValue(factors[i], pick(i));
    return point;
  };
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < k; i++) a[i] = rng();
    for (let i = 0; i < k; i++) b[i] = rng();
    points.push(row((i) => a[i]));
    for (let c = 0; c < k; c++) points.push(row((i) => (i === c ? b[i] : a[i])));
    points.push(row((i) => b[i]));
  }
  return { kind: 'sobol', factors: [...factors], points, meta: { n, layout: 'A,AB_1..AB_k,B per base row', seed } };
}

/**
 * Factors and the designs built from them: the shared types, input checks and the map from the
 * unit interval to a factor's own units. Pure: no I/O, no clock, no unseeded randomness.
 */
import seedrandom from 'seedrandom';

/** One varied scenario parameter: a dotted path and the range [lo, hi] it spans. */
export interface Factor {
  /** Dotted scenario parameter path, e.g. "intervention.mentoring.visitsPerMonth". */
  path: string;
  lo: number;
  hi: number;
  /** Integer-valued parameter: design values are whole numbers. */
  int?: boolean;
}

/** A factor of a full-factorial grid: FROM:TO:STEP. */
export interface GridFactor extends Factor {
  step: number;
}

/** One design point: parameter path → value. */
export type DesignPoint = Record<string, number>;

/** Grid meta: the values each factor takes, in the order they are enumerated. */
export interface GridMeta {
  values: number[][];
}

/** Latin-hypercube meta. */
export interface LhsMeta {
  samples: number;
  seed: number;
}

/** Morris meta: what the elementary effects need to pair points up. */
export interface MorrisMeta {
  trajectories: number;
  levels: number;
  /** Step in the unit cube, p / (2(p − 1)). */
  delta: number;
  /** For trajectory t and step s, `changed[t * k + s]` is the factor moved between point s and s + 1. */
  changed: number[];
  seed: number;
}

/**
 * Sobol meta. Points come in N blocks of k + 2, one per base row j, in SALib's order:
 * A_j, AB_1j … AB_kj, B_j (AB_i is A with column i taken from B; Saltelli et al. 2010).
 */
export interface SobolMeta {
  n: number;
  layout: 'A,AB_1..AB_k,B per base row';
  seed: number;
}

/** An experiment design: the factors, the points to run, and what the analysis needs. */
export type Design =
  | { kind: 'grid'; factors: GridFactor[]; points: DesignPoint[]; meta: GridMeta }
  | { kind: 'lhs'; factors: Factor[]; points: DesignPoint[]; meta: LhsMeta }
  | { kind: 'morris'; factors: Factor[]; points: DesignPoint[]; meta: MorrisMeta }
  | { kind: 'sobol'; factors: Factor[]; points: DesignPoint[]; meta: SobolMeta };

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/** The largest design any builder will enumerate: beyond it the points alone outgrow memory. */
export const MAX_DESIGN_POINTS = 10_000_000;

/** A seeded uniform stream (seedrandom's alea), the only source of randomness in this layer. */
export function seededUniform(seed: number, purpose: string): Uniform {
  return seedrandom.alea(`${seed}:${purpose}`) as Uniform;
}

/** Check factors: non-empty, unique paths, finite lo < hi, whole-number bounds for int factors. */
export function checkFactors(factors: readonly Factor[]): void {
  if (factors.length === 0) throw new RangeError('a design needs at least one factor; got none');
  const seen = new Set<string>();
  for (const f of factors) {
    if (typeof f.path !== 'string' || f.path.trim() === '') {
      throw new RangeError(`factor path must be a non-empty dotted path; got ${JSON.stringify(f.path)}`);
    }
    if (seen.has(f.path)) throw new RangeError(`factor ${f.path} is given more than once`);
    seen.add(f.path);
    if (!Number.isFinite(f.lo) || !Number.isFinite(f.hi)) {
      throw new RangeError(`factor ${f.path}: lo and hi must be finite numbers; got lo=${f.lo}, hi=${f.hi}`);
    }
    if (!(f.lo < f.hi)) throw new RangeError(`factor ${f.path}: lo must be below hi; got lo=${f.lo}, hi=${f.hi}`);
    if (f.int && (!Number.isInteger(f.lo) || !Number.isInteger(f.hi))) {
      throw new RangeError(`factor ${f.path} is integer-valued: lo and hi must be whole numbers; got lo=${f.lo}, hi=${f.hi}`);
    }
  }
}

/** Check a count argument: a whole number within [min, max]. */
export function checkCount(name: string, value: number, min: number, max = MAX_DESIGN_POINTS): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}; got ${value}`);
  }
}

/**
 * Map u in [0, 1) to a sampled value. An int factor takes each whole number in [lo, hi] with
 * equal probability (rounding lo + u(hi − lo) would give the two ends half the weight).
 */
export function sampleValue(f: Factor, u: number): number {
  if (!f.int) return f.lo + u * (f.hi - f.lo);
  return Math.min(f.hi, f.lo + Math.floor(u * (f.hi - f.lo + 1)));
}

/** Map a grid level u in [0, 1] to a value; int factors round to the nearest whole number. */
export function levelValue(f: Factor, u: number): number {
  const x = f.lo + u * (f.hi - f.lo);
  return f.int ? Math.round(x) : x;
}

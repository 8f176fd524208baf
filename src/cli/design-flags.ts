/** --vary and --design: the factors of a sweep or sensitivity analysis, checked against the schema. */
import { gridPointAt, gridValues, latinHypercube, morrisDesign, sobolDesign, MAX_DESIGN_POINTS, type Design, type Factor, type GridFactor } from '../experiment/design.ts';
import { settableParameters, withOverrides, type JobSpec } from '../experiment/jobs.ts';
import { nearestPaths } from '../experiment/nearest.ts';
import { ScenarioError } from '../model/index.ts';
import type { Scenario } from '../model/index.ts';
import { UsageError } from './args.ts';

/** Parse one --vary PATH=A:B[:C]; `withStep` for grids (FROM:TO:STEP), else LO:HI. */
export function parseVary(text: string, withStep: boolean): GridFactor | Factor {
  const form = withStep ? 'PATH=FROM:TO:STEP' : 'PATH=LO:HI';
  const m = /^([\w.]+)=(.*)$/.exec(text.trim());
  if (!m) throw new UsageError(`--vary: got "${text}"; allowed: ${form}, e.g. intervention.mentoring.visitsPerMonth=${withStep ? '0:8:1' : '0:8'}`);
  const [, path, range] = m;
  if (path === 'seed') {
    throw new UsageError('--vary seed: the seed is not a design parameter: every point shares the replications\' luck (common random numbers). Use --seed, or run one sweep per seed');
  }
  const info = settableParameters().get(path);
  if (!info) {
    const near = nearestPaths(path, settableParameters().keys());
    throw new UsageError(`--vary: "${path}" is not a parameter${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (kube-sim schema lists them)`);
  }
  // The roster carries min/max too (its length), so a range alone does not make a number.
  if (info.min === undefined || info.max === undefined || typeof info.default !== 'number') throw new UsageError(`--vary: ${path} is not a number (allowed: ${info.options?.join(', ') ?? 'see kube-sim schema'}); vary it with separate runs and --set`);
  const parts = range.split(':');
  const nums = parts.map(Number);
  if (parts.length !== (withStep ? 3 : 2) || parts.some((p) => p.trim() === '') || nums.some((x) => !Number.isFinite(x))) {
    throw new UsageError(`--vary ${path}: got "${range}"; allowed: ${withStep ? 'FROM:TO:STEP' : 'LO:HI'} (numbers)`);
  }
  const [lo, hi, step] = nums;
  for (const [name, v] of [['from', lo], ['to', hi]] as const) {
    if (v < info.min || v > info.max) throw new UsageError(`--vary ${path}: ${withStep ? name : name === 'from' ? 'LO' : 'HI'} ${v} is outside the parameter's range ${info.min} to ${info.max} (${info.unit})`);
  }
  if (withStep ? lo > hi : lo >= hi) throw new UsageError(`--vary ${path}: got ${lo} to ${hi}; the first number must be ${withStep ? 'at most' : 'below'} the second`);
  if (info.int && !(Number.isInteger(lo) && Number.isInteger(hi) && (!withStep || Number.isInteger(step)))) {
    throw new UsageError(`--vary ${path}: a whole-number parameter; got "${range}"`);
  }
  if (withStep && !(step > 0)) throw new UsageError(`--vary ${path}: STEP must be above 0; got ${step}`);
  return withStep ? { path, lo, hi, step, int: info.int } : { path, lo, hi, int: info.int };
}

export type DesignKind = 'grid' | 'lhs' | 'morris' | 'sobol';

export interface DesignChoice {
  kind: DesignKind;
  factors: Factor[];
  /** The design (for lhs/morris/sobol), or the grid's values (built lazily). */
  design: Design | null;
  grid: { factors: Factor[]; values: number[][] } | null;
  points: number;
  samples?: number;
}

/** Build the design from the flags (RangeErrors from the design layer become usage errors). */
export function buildDesign(kind: DesignKind, varies: string[], samples: number | undefined, seed: number): DesignChoice {
  if (varies.length === 0) throw new UsageError(`--vary: give at least one ${kind === 'grid' ? 'PATH=FROM:TO:STEP' : 'PATH=LO:HI'}`);
  const factors = varies.map((v) => parseVary(v, kind === 'grid'));
  const paths = factors.map((f) => f.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup) throw new UsageError(`--vary: ${dup} is given twice`);
  try {
    if (kind === 'grid') {
      if (samples !== undefined) throw new UsageError('--samples: a grid takes every FROM:TO:STEP value; --samples is for --design lhs, morris or sobol');
      const values = (factors as GridFactor[]).map(gridValues);
      values.forEach((v, i) => {
        const f = factors[i];
        if (v[v.length - 1] !== f.hi) process.stderr.write(`note: --vary ${f.path}: ${f.hi} is not on the grid from ${f.lo} in steps of ${(f as GridFactor).step}; the last value is ${v[v.length - 1]}\n`);
      });
      const points = values.reduce((n, v) => n * v.length, 1);
      if (points > MAX_DESIGN_POINTS) throw new UsageError(`--vary: the grid has ${points.toLocaleString('en')} points (${values.map((v, i) => `${paths[i]} ${v.length}`).join(' × ')}); at most ${MAX_DESIGN_POINTS.toLocaleString('en')}`);
      return { kind, factors, design: null, grid: { factors, values }, points };
    }
    if (samples === undefined) throw new UsageError(`--design ${kind}: --samples N is required (${kind === 'morris' ? 'trajectories' : kind === 'sobol' ? 'base samples N; runs N × (factors + 2) points' : 'points'})`);
    checkDesignSize(kind, samples, factors.length);
    const design = kind === 'lhs' ? latinHypercube(factors, samples, seed) : kind === 'morris' ? morrisDesign(factors, samples, 4, seed) : sobolDesign(factors, samples, seed);
    return { kind, factors, design, grid: null, points: design.points.length, samples };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${kind === 'grid' ? '--vary' : '--vary/--samples'}: ${e.message}`);
    throw e;
  }
}

/**
 * Values (points × factors) an lhs, morris or sobol design may hold. Unlike a grid, whose points
 * are computed when needed, these points are built as objects (about 37 bytes a value, measured)
 * in the main thread and copied into every worker, so 5,000,000 values is about 185 MB a copy,
 * 1.7 GB with the default 8 workers: more would exhaust a laptop's memory, or Node's heap, before
 * the first run.
 */
export const MAX_DESIGN_VALUES = 5_000_000;

/** Refuse an lhs, morris or sobol design too big to hold, before building it. */
export function checkDesignSize(kind: Exclude<DesignKind, 'grid'>, samples: number, k: number): void {
  const points = kind === 'lhs' ? samples : kind === 'morris' ? samples * (k + 1) : samples * (k + 2);
  const values = points * k;
  if (values <= MAX_DESIGN_VALUES) return;
  const most = Math.max(1, Math.floor(MAX_DESIGN_VALUES / (k * (points / samples))));
  throw new UsageError(
    `--samples: got ${samples}; ${kind === 'lhs' ? 'an' : 'a'} ${kind} design of ${samples.toLocaleString('en')} samples over ${k} parameter${k === 1 ? '' : 's'} has ${points.toLocaleString('en')} points × ${k} = ${values.toLocaleString('en')} values, ` +
      `about ${Math.round((values * 37) / 1e6).toLocaleString('en')} MB in the main thread and again in each worker; allowed: at most ${MAX_DESIGN_VALUES.toLocaleString('en')} values ` +
      `(--samples ${most.toLocaleString('en')} or fewer with these parameters, or fewer --vary)`,
  );
}

/** The job of a design: the base scenario, one design point per override, replications each. */
export function designJob(base: Scenario, d: DesignChoice, seed: number, reps: number): JobSpec {
  return d.grid
    ? { base, grid: d.grid, seed, replications: reps, order: 'point', series: false }
    : { base, overrides: d.design!.points, seed, replications: reps, order: 'point', series: false };
}

const CHECK_ALL_UP_TO = 10_000;
const MAX_CORNER_FACTORS = 12;

/**
 * Refuse, before any run, a design whose points break a rule that links parameters (such as
 * group.minMembers ≤ group.size). Every point is checked when there are at most 10,000; beyond
 * that the corners of the design's box (and the first 10,000 points): the schema's cross-field
 * rules are monotone in each parameter, so if every corner passes, every point inside does.
 */
export function checkDesignPoints(base: Scenario, d: DesignChoice): void {
  const check = (point: Record<string, number>, what: string) => {
    try {
      withOverrides(base, point, '--vary');
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      const where = Object.entries(point).map(([k, v]) => `${k}=${v}`).join(', ');
      throw new UsageError(`--vary: ${what} (${where}) is not a valid scenario:\n  ${e.problems.map((p) => p.message).join('\n  ')}`);
    }
  };
  const n = Math.min(d.points, CHECK_ALL_UP_TO);
  for (let i = 0; i < n; i++) {
    check(d.grid ? gridPointAt(d.grid.factors, d.grid.values, i) : d.design!.points[i], `design point ${i}`);
  }
  if (d.points <= CHECK_ALL_UP_TO || d.factors.length > MAX_CORNER_FACTORS) return;
  const k = d.factors.length;
  for (let mask = 0; mask < 1 << k; mask++) {
    const corner: Record<string, number> = {};
    d.factors.forEach((f, i) => {
      const values = d.grid?.values[i];
      corner[f.path] = mask & (1 << i) ? (values ? values[values.length - 1] : f.hi) : values ? values[0] : f.lo;
    });
    check(corner, 'a corner of the design');
  }
}

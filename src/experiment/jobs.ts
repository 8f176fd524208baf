/**
 * Batch runs are data: a job is a list of design points (scenarios) × replications, and every run
 * in it has an index. A run's luck comes from (seed, replication) alone, and its scenario from its
 * design point, so any worker, process or machine can execute any slice of a job and get the same
 * numbers; results are reassembled by run index.
 */
import { parameterTable, parseScenario, ScenarioError, type Scenario } from '../model/index.ts';
import { gridPointAt, type Factor } from './design.ts';
import { nearestPaths } from './nearest.ts';

/** A value for one parameter, by dotted path ("intervention.mentoring.visitsPerMonth"). */
export type Override = Record<string, number | string | boolean>;

/** Plain, structured-cloneable description of a batch of runs. */
export interface JobSpec {
  /** The design points: one full scenario each, or a base scenario plus per-point overrides. */
  scenarios?: Scenario[];
  base?: Scenario;
  overrides?: Override[];
  /** A full grid, enumerated lazily (point i is gridPointAt(factors, values, i)): big grids stay small. */
  grid?: { factors: Factor[]; values: number[][] };
  /** The seed all runs derive from (the scenario's own seed is ignored). */
  seed: number;
  /** Replications per design point. */
  replications: number;
  /**
   * Order of the runs: 'point' (all replications of point 0, then point 1, ...) or 'replication'
   * (replication 0 of every point, then replication 1, ...; pairs sit next to each other).
   */
  order: 'point' | 'replication';
  /** Keep the weekly series of every run (ensembles need them for the bands; sweeps do not). */
  series: boolean;
  /** Debug mode: check the model's invariants every week of every run (docs/MODEL.md §8.4). */
  check?: boolean;
}

/** Number of design points of a job. */
export function pointCount(job: JobSpec): number {
  if (job.grid) return job.grid.values.reduce((n, v) => n * v.length, 1);
  return job.scenarios?.length ?? job.overrides?.length ?? 1;
}

/** Number of runs of a job. */
export function runCount(job: JobSpec): number {
  return pointCount(job) * job.replications;
}

/** The design point and replication of run `j`. */
export function runAt(job: JobSpec, j: number): { point: number; replication: number } {
  const P = pointCount(job);
  return job.order === 'replication'
    ? { point: j % P, replication: Math.floor(j / P) }
    : { point: Math.floor(j / job.replications), replication: j % job.replications };
}

/** The scenario of design point `p`. */
export function scenarioAt(job: JobSpec, p: number): Scenario {
  if (job.scenarios) return job.scenarios[p];
  if (!job.base) throw new Error('job has neither scenarios nor a base scenario');
  if (job.grid) return withOverrides(job.base, gridPointAt(job.grid.factors, job.grid.values, p));
  return job.overrides ? withOverrides(job.base, job.overrides[p]) : job.base;
}

let settable: Map<string, ReturnType<typeof parameterTable>[number]> | undefined;

/** Parameters that can be set by path (every leaf of the schema). */
export function settableParameters() {
  settable ??= new Map(parameterTable().map((p) => [p.path, p]));
  return settable;
}

/**
 * The scenario with some parameters replaced, validated again as a whole: an unknown path or a
 * value out of range throws a ScenarioError naming the path, the value and what is allowed.
 */
export function withOverrides(sc: Scenario, set: Override, source = '--set'): Scenario {
  const raw = structuredClone(sc) as Record<string, unknown>;
  const known = settableParameters();
  for (const [path, value] of Object.entries(set)) {
    if (!known.has(path) && path !== 'name') {
      const near = nearestPaths(path, known.keys());
      const hint = near.length ? `; did you mean ${near.join(' or ')}?` : '; `kube-sim schema` lists every parameter';
      throw new ScenarioError([{ path, value: String(value), allowed: 'a parameter path', message: `${path}: no such parameter${hint}` }], source);
    }
    const keys = path.split('.');
    let node = raw;
    for (const k of keys.slice(0, -1)) {
      if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
    // A roster fixes the group size; setting the size means a generated group instead.
    if (path === 'group.size') delete (raw.members as Record<string, unknown>).roster;
  }
  return parseScenario(raw, source);
}

/**
 * Parse "PATH=VALUE" as given on a command line: numbers and true/false become numbers and
 * booleans, anything else stays text (the schema then says whether it is allowed).
 */
export function parseAssignment(text: string, flag = '--set'): [string, number | string | boolean] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new AssignmentError(`${flag}: got "${text}"; allowed: PATH=VALUE, e.g. intervention.grant.amount=30000000 (kube-sim schema lists the paths)`);
  const path = text.slice(0, eq).trim();
  const v = text.slice(eq + 1).trim();
  // Plain decimal numbers only (no 0x10, no Infinity): what a scenario file's JSON would hold.
  const value = v === 'true' ? true : v === 'false' ? false : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) && Number.isFinite(Number(v)) ? Number(v) : v;
  return [path, value];
}

/** A PATH=VALUE that is not one: thrown by {@link parseAssignment}. */
export class AssignmentError extends Error {
  override name = 'AssignmentError';
}

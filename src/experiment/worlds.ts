/**
 * Ensembles and paired comparisons across plausible worlds (exploratory modelling): the same
 * packages run in W worlds (a value for every uncertain constant) × R replications, with common
 * random numbers across worlds and packages (a run's luck depends on its replication alone). The
 * intervals of ensemble.ts and compare.ts cover luck; these summaries add the uncertainty about
 * the model itself: how an outcome spreads across worlds, in what share of worlds B beats A, and
 * how much each package loses against the best one world by world (regret; Savage 1951, as used
 * in robust decision making, Lempert, Popper & Bankes 2003).
 *
 * A world's result is plain JSON (finite numbers or null), so a resumed or sharded run that reads
 * it back from a file summarises to the same bits as one that kept it in memory.
 */
import { median, quantileSorted } from 'd3-array';
import { z } from 'zod';
import { CONSTANT_NAMES, CONSTANTS, type Scenario, type World } from '../model/index.ts';
import type { WorldsFile } from './calibrate.ts';
import { PairedComparison } from './compare.ts';
import { Ensemble } from './ensemble.ts';
import { seededUniform } from './factors.ts';
import { F, RUN_FIELDS } from './outcomes.ts';
import { proportion, type Estimate } from './stats.ts';

/** Where the worlds come from: the calibration's accepted worlds, or draws over the priors. */
export type WorldsSource = 'calibrated' | 'prior';

/** Significant digits of a prior draw (as calibration keeps them: the worlds stay readable). */
const DIGITS = 4;

/**
 * `count` worlds drawn over the uncertain constants' prior ranges (CONSTANTS low–high) by a Latin
 * hypercube (McKay, Beckman & Conover 1979): each constant's range is cut into `count` strata,
 * each holding one world. Seeded; world i of a draw of n is the same whatever else runs.
 */
export function priorWorlds(count: number, seed: number): World[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`prior worlds: count must be a whole number ≥ 1; got ${count}`);
  const rng = seededUniform(seed, 'worlds-prior');
  const worlds = Array.from({ length: count }, () => ({}) as World);
  for (const k of CONSTANT_NAMES) {
    const { low, high } = CONSTANTS[k];
    // Fisher–Yates permutation of the strata, then a uniform point in each.
    const perm = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    for (let i = 0; i < count; i++) {
      const x = Number((low + ((perm[i] + rng()) / count) * (high - low)).toPrecision(DIGITS));
      worlds[i][k] = Math.min(high, Math.max(low, x));
    }
  }
  return worlds;
}

const WorldSchema = z.strictObject(Object.fromEntries(CONSTANT_NAMES.map((k) => [k, z.number().min(CONSTANTS[k].low).max(CONSTANTS[k].high)])) as Record<keyof World, z.ZodNumber>);
const WorldsFileSchema = z
  .object({
    format: z.literal('kube-sim-worlds'),
    version: z.literal(2),
    central: z.number().int().min(0),
    // chain and step: a world that is an ABC-MCMC chain's state (calibrate --chain-steps); absent in a rejection-only file.
    worlds: z.array(z.object({ id: z.number().int(), draw: z.number().int().min(0), chain: z.number().int().min(0).optional(), step: z.number().int().min(1).optional(), constants: WorldSchema }).loose()).min(1),
  })
  .loose();

/**
 * A worlds file (calibrate's output, scenarios/worlds/model-v2.json) read from its JSON and
 * checked: every constant within its prior range, the central world one of them. `where` names it
 * in the error. Pure, so the command line (from disk) and the page (bundled) read it alike.
 */
export function parseWorldsFile(json: unknown, where: string): WorldsFile {
  const r = WorldsFileSchema.safeParse(json);
  if (!r.success) throw new Error(`${where}: not a kube-sim worlds file: ${summarizeIssues(r.error.issues)}`);
  const file = r.data as unknown as WorldsFile;
  if (file.central >= file.worlds.length) throw new Error(`${where}: central: got ${file.central}; allowed: 0 to ${file.worlds.length - 1}`);
  return file;
}

/**
 * The schema's complaints, one line per kind: the same problem in many worlds (a file written for
 * a model with other constants) is named once with the number of worlds it is in, not 200 times.
 */
function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const kinds = new Map<string, { first: string; worlds: number[] }>();
  for (const i of issues) {
    const path = i.path.join('.');
    const world = /^worlds\.(\d+)(\.|$)/.exec(path);
    const key = world ? `${path.replace(/^worlds\.\d+/, 'worlds.*')}: ${i.message}` : `${path}: ${i.message}`;
    const k = kinds.get(key) ?? { first: `${path}: ${i.message}`, worlds: [] };
    if (world) k.worlds.push(Number(world[1]));
    kinds.set(key, k);
  }
  const which = (w: number[]) => (w.length > 5 ? `${w.slice(0, 5).join(', ')}, …` : w.join(', '));
  return [...kinds].map(([key, { first, worlds }]) => (worlds.length > 1 ? `${key} (in ${worlds.length} worlds: ${which(worlds)})` : first)).join('; ');
}

/**
 * The W worlds of an experiment: the first W of a worlds file's (`calibrated`; W at most their
 * number, or worlds would repeat and count twice), or W drawn over the priors seeded by `seed`.
 * Returns null when W is more than the file holds.
 */
export function chooseWorlds(source: WorldsSource, count: number, seed: number, file: WorldsFile): World[] | null {
  if (source === 'prior') return priorWorlds(count, seed);
  if (count > file.worlds.length) return null;
  return file.worlds.slice(0, count).map((w) => ({ ...w.constants }));
}

/** The outcomes summarised across worlds: every per-run outcome with a direction, and cost per surviving group. */
export const WORLD_OUTCOMES: readonly { key: string; better: 1 | -1 }[] = [
  ...RUN_FIELDS.filter((f) => !f.names && f.key !== 'statusWeek' && f.better !== 0).map((f) => ({ key: f.key, better: f.better as 1 | -1 })),
  { key: 'costPerSurvivingGroup', better: -1 },
];

/** An estimate as JSON: non-finite numbers (no interval, no survivor) are null. */
export interface JsonEstimate {
  mean: number | null;
  ci: [number | null, number | null];
}

/** One world's result: each package's outcome means and, for two packages, B − A. */
export interface WorldResult {
  /** Index of the world in the experiment's list. */
  world: number;
  constants: World;
  /** Per package, outcome key → mean with its luck interval (over the R replications). */
  packages: Record<string, JsonEstimate>[];
  /** B − A, paired by replication, with P(B better) in this world; null for one package. */
  differences: Record<string, JsonEstimate & { pBetter: number }> | null;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
const json = (e: Estimate | null | undefined): JsonEstimate => (e ? { mean: num(e.mean), ci: [num(e.ci[0]), num(e.ci[1])] } : { mean: null, ci: [null, null] });

/**
 * The runs of one world for one or two packages, fed row by row in replication order (A's row r,
 * then B's row r, for two packages).
 */
export class WorldCollector {
  private readonly ensemble: Ensemble | null;
  private readonly paired: PairedComparison | null;
  constructor(
    readonly world: number,
    readonly constants: World,
    packages: readonly Scenario[],
  ) {
    if (packages.length < 1 || packages.length > 2) throw new RangeError(`a world collector takes one or two packages; got ${packages.length}`);
    this.ensemble = packages.length === 1 ? new Ensemble(packages[0], false) : null;
    this.paired = packages.length === 2 ? new PairedComparison(packages[0], packages[1]) : null;
  }

  /** One run row (F numbers) of the next package in turn. */
  add(row: Float64Array): void {
    if (row.length !== F) throw new RangeError(`a run row has ${F} numbers; got ${row.length}`);
    if (this.ensemble) this.ensemble.add(row, null);
    else this.paired!.add(row);
  }

  /** The world's result, as JSON would carry it (bootstrap of the cost ratio seeded by `seed`). */
  result(seed: number): WorldResult {
    if (this.ensemble) {
      const s = this.ensemble.summary();
      const pkg = Object.fromEntries(WORLD_OUTCOMES.map(({ key }) => [key, json(key === 'costPerSurvivingGroup' ? s.headline.costPerSurvivingGroup : s.outcomes[key])]));
      return roundTrip({ world: this.world, constants: this.constants, packages: [pkg], differences: null });
    }
    const c = this.paired!.summary(seed);
    const byKey = new Map(c.differences.map((d) => [d.key, d]));
    const side = (h: 'a' | 'b') =>
      Object.fromEntries(WORLD_OUTCOMES.map(({ key }) => [key, json(key === 'costPerSurvivingGroup' ? c[h].costPerSurvivingGroup : byKey.get(key)?.[h])]));
    const differences = Object.fromEntries(
      WORLD_OUTCOMES.flatMap(({ key }) => {
        const d = byKey.get(key);
        return d ? [[key, { ...json(d.diff), pBetter: d.pBetter }]] : [];
      }),
    );
    return roundTrip({ world: this.world, constants: this.constants, packages: [side('a'), side('b')], differences });
  }
}

/** Through JSON and back: what a results file would give. */
const roundTrip = (r: WorldResult): WorldResult => JSON.parse(JSON.stringify(r));

/** How an outcome spreads across worlds: the median and central 90% of the worlds' means. */
export interface Spread {
  median: number | null;
  /** 5th and 95th percentiles (type 7) of the worlds' means: the 90% range. */
  range90: [number | null, number | null];
  min: number | null;
  max: number | null;
  /** Worlds with a value (cost per surviving group has none where no run survived). */
  worlds: number;
}

/** One world's B − A, for a chart of the worlds sorted by it. */
export interface WorldDifference {
  world: number;
  mean: number;
  ci: [number | null, number | null];
  pBetter: number;
}

/** In how many worlds B beats A on one outcome. */
export interface Share {
  key: string;
  better: 'higher' | 'lower';
  /**
   * The share of worlds in which B is better, luck allowed for: the mean over the worlds of each
   * world's P(B better) (a world where B's mean is better only by luck counts for less than one).
   */
  share: number;
  /**
   * 95% interval of the share from luck alone: the number of worlds in which B is truly better
   * is a sum of independent chances, one per world (its P(B better)), so it has a Poisson-binomial
   * distribution; this is its 2.5th–97.5th percentile over W. It narrows as --reps grows. A
   * whole number of worlds: when nearly every world is sure, the share (a mean) can sit a hair
   * outside it (0.04% against [0, 0]).
   */
  luck: [number, number];
  /** Worlds where B's mean is better (wins), or equal (ties), and their share (ties half). */
  wins: number;
  ties: number;
  pointShare: number;
  worlds: number;
  /** Wilson 95% interval of the share, reading the worlds as a sample of plausible worlds. */
  sampling: [number, number];
  /** Every world's difference, sorted from B's worst to B's best. */
  perWorld: WorldDifference[];
}

/** How much a package loses against the best package, world by world, on one outcome. */
export interface Regret {
  /** Median and 90% range across worlds, in the outcome's units (0: it was the best). */
  median: number | null;
  range90: [number | null, number | null];
  /** The largest regret over the worlds (minimax regret picks the package with the smallest). */
  max: number | null;
  /** Share of worlds in which this package was the best (ties shared). */
  bestIn: number;
}

/** The across-worlds summary: plain data for the CLI, JSON and a web panel. */
export interface WorldsSummary {
  worlds: number;
  packages: string[];
  /** Per package, outcome key → spread of the worlds' means. */
  spread: Record<string, Spread>[];
  /** B against A (two packages), per outcome. */
  shares: Share[] | null;
  /** Per package, outcome key → regret (two or more packages). */
  regret: Record<string, Regret>[] | null;
  /**
   * Cost per surviving group across worlds, per package: the spread of the worlds' ratios, and
   * the pooled ratio (mean cost over all worlds ÷ mean survival over all worlds).
   */
  costPerSurvivingGroup: { spread: Spread; pooled: number | null; worldsWithoutSurvivor: number }[];
}

function spreadOf(xs: (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: null, range90: [null, null], min: null, max: null, worlds: 0 };
  return { median: median(v)!, range90: [quantileSorted(v, 0.05)!, quantileSorted(v, 0.95)!], min: v[0], max: v[v.length - 1], worlds: v.length };
}

/**
 * The 2.5th and 97.5th percentiles of a Poisson-binomial count (independent successes with
 * chances p), plus a fixed part that luck cannot move, over n.
 */
export function poissonBinomialInterval(p: readonly number[], fixed: number, n: number): [number, number] {
  let dist = new Float64Array(p.length + 1);
  dist[0] = 1;
  p.forEach((pi, i) => {
    const next = new Float64Array(p.length + 1);
    for (let k = 0; k <= i; k++) {
      next[k] += dist[k] * (1 - pi);
      next[k + 1] += dist[k] * pi;
    }
    dist = next;
  });
  const q = (target: number) => {
    let c = 0;
    for (let k = 0; k < dist.length; k++) {
      c += dist[k];
      if (c >= target - 1e-12) return k;
    }
    return p.length;
  };
  return n > 0 ? [(fixed + q(0.025)) / n, (fixed + q(0.975)) / n] : [0, 1];
}

function shareOf(results: readonly WorldResult[], key: string, better: 1 | -1): Share | null {
  const rows = results.flatMap((r) => {
    const d = r.differences?.[key];
    return d && d.mean !== null ? [{ world: r.world, mean: d.mean, ci: d.ci, pBetter: d.pBetter }] : [];
  });
  if (rows.length === 0) return null;
  let wins = 0;
  let ties = 0;
  let fixed = 0;
  const chances: number[] = [];
  for (const d of rows) {
    const m = better * d.mean;
    if (m > 0) wins++;
    else if (m === 0) ties++;
    // A difference that is exactly 0 in every pair (the same cost) is no matter of luck.
    if (d.mean === 0 && d.ci[0] === 0 && d.ci[1] === 0) fixed += 0.5;
    else chances.push(d.pBetter);
  }
  const n = rows.length;
  const expected = fixed + chances.reduce((s, p) => s + p, 0);
  return {
    key,
    better: better === 1 ? 'higher' : 'lower',
    share: expected / n,
    luck: poissonBinomialInterval(chances, fixed, n),
    wins,
    ties,
    pointShare: (wins + ties / 2) / n,
    worlds: n,
    sampling: proportion(expected, n).ci,
    perWorld: rows.sort((a, b) => better * (a.mean - b.mean) || a.world - b.world),
  };
}

function regretOf(results: readonly WorldResult[], P: number, key: string, better: 1 | -1): Regret[] {
  const per: number[][] = Array.from({ length: P }, () => []);
  const best = new Float64Array(P);
  let counted = 0;
  for (const r of results) {
    const ms = r.packages.map((p) => p[key]?.mean ?? null);
    if (ms.some((m) => m === null)) continue; // no cost per survivor in this world for some package
    const scores = ms.map((m) => better * (m as number));
    const top = Math.max(...scores);
    const tops = scores.filter((s) => s === top).length;
    scores.forEach((s, k) => {
      per[k].push(top - s);
      if (s === top) best[k] += 1 / tops;
    });
    counted++;
  }
  return per.map((xs, k) => {
    const s = spreadOf(xs);
    return { median: s.median, range90: s.range90, max: s.max, bestIn: counted ? best[k] / counted : Number.NaN };
  });
}

/** Summarise the worlds' results of one experiment (results in any order; names one per package). */
export function summariseWorlds(results: readonly WorldResult[], names: readonly string[]): WorldsSummary {
  const P = names.length;
  const sorted = [...results].sort((a, b) => a.world - b.world);
  for (const r of sorted) if (r.packages.length !== P) throw new RangeError(`world ${r.world} has ${r.packages.length} packages; expected ${P}`);
  const spread = names.map((_, k) => Object.fromEntries(WORLD_OUTCOMES.map(({ key }) => [key, spreadOf(sorted.map((r) => r.packages[k][key]?.mean ?? null))])));
  const shares = P === 2 ? WORLD_OUTCOMES.flatMap(({ key, better }) => shareOf(sorted, key, better) ?? []) : null;
  let regret: Record<string, Regret>[] | null = null;
  if (P >= 2) {
    const byKey = WORLD_OUTCOMES.map(({ key, better }) => [key, regretOf(sorted, P, key, better)] as const);
    regret = names.map((_, k) => Object.fromEntries(byKey.map(([key, rs]) => [key, rs[k]])));
  }
  const costPerSurvivingGroup = names.map((_, k) => {
    const cost = sorted.map((r) => r.packages[k].interventionCost?.mean ?? 0);
    const surv = sorted.map((r) => r.packages[k].survived?.mean ?? 0);
    const meanCost = cost.reduce((s, x) => s + x, 0) / Math.max(1, cost.length);
    const meanSurv = surv.reduce((s, x) => s + x, 0) / Math.max(1, surv.length);
    return {
      spread: spread[k].costPerSurvivingGroup,
      pooled: meanSurv > 0 ? meanCost / meanSurv : null,
      worldsWithoutSurvivor: sorted.filter((r) => r.packages[k].costPerSurvivingGroup?.mean === null).length,
    };
  });
  return { worlds: sorted.length, packages: [...names], spread, shares, regret, costPerSurvivingGroup };
}

/**
 * Feed a batch of run rows of a worlds job to its collectors. The job's points are world-major
 * (world w's package k is point w·P + k), its order 'replication', so runs come as replication 0
 * of every point, then replication 1, …; run j is point j mod (W·P).
 */
export function feedWorlds(collectors: readonly WorldCollector[], P: number, rows: Float64Array, from: number): void {
  const points = collectors.length * P;
  const runs = rows.length / F;
  for (let i = 0; i < runs; i++) {
    const point = (from + i) % points;
    collectors[Math.floor(point / P)].add(rows.subarray(i * F, (i + 1) * F));
  }
}

/** The scenarios of a worlds job: each package in each world, world-major. */
export function worldScenarios(packages: readonly Scenario[], worlds: readonly World[]): Scenario[] {
  return worlds.flatMap((w) => packages.map((sc) => ({ ...sc, constants: { ...w } })));
}

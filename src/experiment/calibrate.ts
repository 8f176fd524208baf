/**
 * Calibration by approximate Bayesian computation, rejection form (Beaumont, Zhang & Balding
 * 2002): draw the uncertain constants (model/constants.ts) from their priors, simulate the
 * calibration targets in each draw, and accept the draws whose simulated targets all fall within
 * the targets' ranges widened by a tolerance. The accepted draws are the model's plausible worlds.
 * Pure: draws come from a seeded stream, and the same seed, draws and replications give the same
 * worlds, byte for byte.
 */
import seedrandom from 'seedrandom';
import { CONSTANT_NAMES, CONSTANTS, type World } from '../model/constants.ts';
import type { Estimate } from './stats.ts';
import { verdictOf } from './validation.ts';
import { TARGETS, type Expectation, type ScenarioKey, type Target } from './targets.ts';

/** The calibration targets: the only ones calibration sees. */
export const CALIBRATION_TARGETS: readonly Target[] = TARGETS.filter((t) => t.kind === 'calibration');

/** The scenarios of the level targets: the default group at 1 and 5 years, the poultry group. */
const LEVEL_SCENARIOS: ReadonlySet<ScenarioKey> = new Set(['default1', 'default5', 'poultry3']);

/**
 * The calibration targets in the order a draw is measured: the levels first (three scenarios),
 * then the levers' effects (paired scenarios), only for the draws within tolerance on every level.
 * Exact, not an approximation: a draw outside the tolerance on one target is rejected whatever the
 * others say, so the kept draws are those a one-stage measurement would keep.
 */
export const CALIBRATION_STAGES: readonly (readonly Target[])[] = [
  CALIBRATION_TARGETS.filter((t) => t.uses.every((k) => LEVEL_SCENARIOS.has(k))),
  CALIBRATION_TARGETS.filter((t) => !t.uses.every((k) => LEVEL_SCENARIOS.has(k))),
].filter((stage) => stage.length > 0);

/** Significant digits a drawn constant keeps (the worlds file stays readable; runs use exactly these values). */
const DIGITS = 4;

/**
 * Draw `count` worlds from the priors, from draw `from` on. Draw i depends only on (seed, i), so a
 * resumed calibration draws exactly what an uninterrupted one would.
 */
export function drawWorlds(seed: number, from: number, count: number): World[] {
  const out: World[] = [];
  for (let i = from; i < from + count; i++) {
    const rng = seedrandom.alea(`calibrate:${seed >>> 0}:${i}`);
    const w = {} as World;
    for (const k of CONSTANT_NAMES) {
      const c = CONSTANTS[k];
      w[k] = Number((c.low + (c.high - c.low) * rng()).toPrecision(DIGITS));
    }
    out.push(w);
  }
  return out;
}

/**
 * How far an estimate lies outside its expected range, in units of the range's width (0 inside).
 * One-sided expectations use the value's own size as the unit.
 */
export function distanceOutside(x: number, e: Expectation): number {
  if (Number.isNaN(x)) return Number.POSITIVE_INFINITY;
  if (e.kind === 'between') {
    const w = e.high - e.low;
    return x < e.low ? (e.low - x) / w : x > e.high ? (x - e.high) / w : 0;
  }
  const unit = Math.abs(e.value) || 1;
  if (e.kind === 'atLeast') return x >= e.value ? 0 : (e.value - x) / unit;
  return x <= e.value ? 0 : (x - e.value) / unit;
}

/** One draw's result: its constants and the calibration targets' estimates in it. */
export interface Draw {
  index: number;
  constants: World;
  /** Target id → measured value (the estimate's mean); a draw rejected on the levels has only those. */
  measured: Record<string, number>;
  /** The largest distance outside any measured target's range. */
  distance: number;
  /** A chain state (src/experiment/chains.ts): its chain and step; `index` is the draw the chain started from. */
  chain?: number;
  step?: number;
}

/** A draw's result from the estimates of the calibration targets measured so far. */
export function drawResult(index: number, constants: World, estimates: Record<string, Estimate>): Draw {
  const measured: Record<string, number> = {};
  let distance = 0;
  for (const t of CALIBRATION_TARGETS) {
    if (!estimates[t.id]) continue;
    const x = estimates[t.id].mean;
    measured[t.id] = x;
    distance = Math.max(distance, distanceOutside(x, t.expected));
  }
  return { index, constants, measured, distance };
}

/**
 * The central world: the accepted world nearest (on the priors' unit scale) to the accepted
 * worlds' per-constant medians: a real accepted world, not an average of worlds.
 */
export function centralWorld(accepted: readonly Draw[]): number {
  if (accepted.length === 0) return -1;
  const unit = (k: (typeof CONSTANT_NAMES)[number], x: number) => (x - CONSTANTS[k].low) / (CONSTANTS[k].high - CONSTANTS[k].low);
  const median = Object.fromEntries(
    CONSTANT_NAMES.map((k) => {
      const xs = accepted.map((d) => d.constants[k]).sort((a, b) => a - b);
      const m = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
      return [k, m];
    }),
  ) as World;
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  accepted.forEach((d, i) => {
    let s = 0;
    for (const k of CONSTANT_NAMES) {
      const dk = unit(k, d.constants[k]) - unit(k, median[k]);
      s += dk * dk;
    }
    if (s < bestD) {
      bestD = s;
      best = i;
    }
  });
  return best;
}

/**
 * The confirmation stage: a draw accepted on its first, small measurement is measured again on
 * more replications and kept only when every calibration target passes by the rule validation
 * uses (its whole 95% interval inside the range), so that a plausible world meets the calibration
 * targets by the same standard as it is later validated.
 */
export function confirmed(draw: Draw, estimates: Record<string, Estimate>): Draw | null {
  for (const t of CALIBRATION_TARGETS) if (verdictOf(estimates[t.id].ci, t.expected) !== 'pass') return null;
  return { ...draw, measured: Object.fromEntries(CALIBRATION_TARGETS.map((t) => [t.id, estimates[t.id].mean])) };
}

/** What the worlds file says about how it was made. */
export interface WorldsManifest {
  /** The command that reproduces the file byte for byte. */
  command: string;
  method: string;
  seed: number;
  draws: number;
  replications: number;
  tolerance: number;
  /** Replications of the confirmation stage, and the draws that passed stage 1. */
  confirmReplications: number;
  acceptedFirstStage: number;
  targets: { id: string; expected: Expectation; source: string }[];
  priors: Record<string, { low: number; high: number; unit: string }>;
  accepted: number;
  /** accepted / draws; with chains, worlds per draw (it can exceed 1). */
  acceptanceRate: number;
  /** With ABC-MCMC chains only: steps per chain, every how many a state was recorded, the proposal scale, and moves per simulated step. */
  chainSteps?: number;
  thin?: number;
  step?: number;
  moveRate?: number;
}

export interface WorldsFile {
  format: 'kube-sim-worlds';
  version: 2;
  manifest: WorldsManifest;
  /** Index (into worlds) of the central world, which runs use by default. */
  central: number;
  worlds: { id: number; draw: number; chain?: number; step?: number; constants: World; measured: Record<string, number> }[];
}

/** The draws within tolerance after the first stage. */
export function firstStage(draws: readonly Draw[], tolerance: number): Draw[] {
  // A draw's distance is Infinity where a measure was NaN; the partial file stores that as null,
  // which `<=` would read as 0.
  return draws.filter((d) => typeof d.distance === 'number' && Number.isFinite(d.distance) && d.distance <= tolerance && CALIBRATION_TARGETS.every((t) => t.id in d.measured));
}

/** Assemble the worlds file from every draw and the confirmed ones (in draw order). */
export function worldsFile(
  draws: readonly Draw[],
  accepted: readonly Draw[],
  opts: { command: string; seed: number; replications: number; tolerance: number; confirmReplications: number; chains?: { chainSteps: number; thin: number; step: number; moveRate: number } },
): WorldsFile {
  const rejection = 'ABC rejection (Beaumont, Zhang & Balding 2002): uniform priors; a draw passes the first stage when every calibration target’s simulated value lies within its range widened by the tolerance (in range widths)';
  const chains = ', and each pass starts an ABC-MCMC chain (Marjoram, Molitor, Plagnol & Tavaré 2003) of chainSteps steps: every constant moves by a normal step of sd step × its sd across the passes, a proposal outside the priors stays put, one inside is measured as a draw and moved to when it passes the first stage; every thin-th state is kept (a state identical to a pass or to a state kept before is not kept twice), and the passes and kept states are';
  const confirmation = ' accepted when, measured again on confirmReplications, every calibration target’s 95% interval lies inside its range';
  return {
    format: 'kube-sim-worlds',
    version: 2,
    manifest: {
      command: opts.command,
      method: opts.chains ? `${rejection}${chains}${confirmation}` : `${rejection}, and is${confirmation}`,
      seed: opts.seed,
      draws: draws.length,
      replications: opts.replications,
      tolerance: opts.tolerance,
      confirmReplications: opts.confirmReplications,
      acceptedFirstStage: firstStage(draws, opts.tolerance).length,
      targets: CALIBRATION_TARGETS.map((t) => ({ id: t.id, expected: t.expected, source: t.source })),
      priors: Object.fromEntries(CONSTANT_NAMES.map((k) => [k, { low: CONSTANTS[k].low, high: CONSTANTS[k].high, unit: CONSTANTS[k].unit }])),
      accepted: accepted.length,
      acceptanceRate: draws.length ? accepted.length / draws.length : 0,
      ...opts.chains,
    },
    central: centralWorld(accepted),
    worlds: accepted.map((d, id) => ({ id, draw: d.index, ...(d.chain === undefined ? {} : { chain: d.chain, step: d.step }), constants: d.constants, measured: d.measured })),
  };
}

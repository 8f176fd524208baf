/**
 * ABC-MCMC chains started from the rejection stage (Marjoram, Molitor, Plagnol & Tavaré 2003).
 * Each first-stage pass starts a chain: propose the pass's constants plus a normal step per
 * constant; a proposal outside the priors stays put unmeasured; one inside is measured as a draw is
 * and moved to when it passes the first stage. With uniform priors and a symmetric proposal, the
 * Metropolis–Hastings ratio is the acceptance indicator alone, so the kernel leaves the ABC
 * posterior (the priors restricted to the acceptance region) invariant; the passes are exact draws
 * from it, so every state of every chain is one too, without burn-in. Pure: a step's randomness
 * depends on (seed, chain, step) alone, so a resumed chain proposes what an unbroken one would.
 */
import seedrandom from 'seedrandom';
import { CONSTANT_NAMES, CONSTANTS, type World } from '../model/constants.ts';
import { normal } from '../model/random.ts';
import { firstStage, type Draw } from './calibrate.ts';

/** The chain options of `kube-sim calibrate`: steps per chain, record every `thin`th, proposal scale. */
export interface ChainSettings {
  steps: number;
  thin: number;
  step: number;
}

export const CHAIN_DEFAULTS: ChainSettings = { steps: 0, thin: 5, step: 0.5 };

/** Significant digits of a proposal and a scale, as drawWorlds keeps a draw's. */
const round = (x: number) => Number(x.toPrecision(4));

/** A chain's state after `step` steps (step 0: the pass it started from), as OUT.partial keeps it. */
export interface ChainLine {
  chain: number;
  step: number;
  /** Whether this step's proposal lay within the priors (and so was measured), and was moved to. */
  simulated: boolean;
  moved: boolean;
  constants: World;
  measured: Record<string, number>;
  distance: number;
}

/** The chain a first-stage pass starts. */
export const chainStart = (chain: number, pass: Draw): ChainLine => ({ chain, step: 0, simulated: false, moved: false, constants: pass.constants, measured: pass.measured, distance: pass.distance });

/**
 * The proposal's standard deviation per constant: `step` times the constant's sample sd across the
 * first-stage passes, or across its prior (width / √12) when there are fewer than two passes.
 */
export function proposalScales(passes: readonly World[], step: number): World {
  const out = {} as World;
  for (const k of CONSTANT_NAMES) {
    const xs = passes.map((w) => w[k]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = xs.length < 2 ? (CONSTANTS[k].high - CONSTANTS[k].low) / Math.sqrt(12) : Math.sqrt(xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / (xs.length - 1));
    out[k] = round(step * sd);
  }
  return out;
}

/**
 * Step `step` (from 1) of chain `chain`: the state plus a normal draw per constant (the model's
 * deterministic polar method, the same bits in every engine),
 * rounded as a draw is, or null when a constant leaves its prior range. Rounding puts on each value
 * the probability of its rounding cell, as the prior draws do, so the kernel stays balanced.
 */
export function propose(seed: number, chain: number, step: number, from: World, scales: World): World | null {
  const rng = seedrandom.alea(`chain:${seed >>> 0}:${chain}:${step}`);
  const out = {} as World;
  for (const k of CONSTANT_NAMES) {
    out[k] = round(from[k] + scales[k] * normal(rng));
  }
  return CONSTANT_NAMES.every((k) => out[k] >= CONSTANTS[k].low && out[k] <= CONSTANTS[k].high) ? out : null;
}

/** The chain's next state: the proposal (measured as a draw, or null if never simulated) if it passes the first stage, else the same. */
export function advance(state: ChainLine, proposal: Draw | null, tolerance: number): ChainLine {
  const moved = proposal !== null && firstStage([proposal], tolerance).length === 1;
  const next = moved ? proposal : state;
  return { chain: state.chain, step: state.step + 1, simulated: proposal !== null, moved, constants: next.constants, measured: next.measured, distance: next.distance };
}

/** Moves per simulated step (0 when none was simulated). */
export function moveRate(lines: readonly ChainLine[]): number {
  const simulated = lines.filter((l) => l.simulated).length;
  return simulated ? lines.filter((l) => l.moved).length / simulated : 0;
}

/**
 * The chain states sent to confirmation: each chain's state at steps thin, 2·thin, …, step by step
 * (every chain's state at one step before any at the next, so the first worlds of the file spread
 * over the chains), as draws of the pass the chain started from. A state with the constants of a
 * pass or of a state already recorded is left out: it would be the same world twice.
 */
export function recordedStates(passes: readonly Draw[], lines: readonly ChainLine[], thin: number): Draw[] {
  const key = (w: World) => JSON.stringify(CONSTANT_NAMES.map((k) => w[k]));
  const seen = new Set(passes.map((d) => key(d.constants)));
  const out: Draw[] = [];
  const byStep = [...lines].filter((l) => l.step > 0 && l.step % thin === 0).sort((a, b) => a.step - b.step || a.chain - b.chain);
  for (const l of byStep) {
    if (seen.has(key(l.constants))) continue;
    seen.add(key(l.constants));
    out.push({ index: passes[l.chain].index, chain: l.chain, step: l.step, constants: l.constants, measured: l.measured, distance: l.distance });
  }
  return out;
}

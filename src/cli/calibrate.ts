/**
 * `kube-sim calibrate`: fit the model's uncertain constants to the calibration targets by ABC
 * rejection and write the plausible worlds (scenarios/worlds/model-v2.json) with their manifest. Draws
 * are measured a chunk at a time on the worker pool; every finished draw is appended to
 * OUT.partial, so an interrupted calibration resumes where it stopped and gives the same file.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { CALIBRATION_STAGES, CALIBRATION_TARGETS, confirmed, drawResult, drawWorlds, firstStage, worldsFile, type Draw } from '../experiment/calibrate.ts';
import { advance, CHAIN_DEFAULTS, chainStart, moveRate, proposalScales, propose, recordedStates, type ChainLine, type ChainSettings } from '../experiment/chains.ts';
import type { Estimate } from '../experiment/stats.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { CONSTANT_NAMES, type World } from '../model/index.ts';
import type { TargetFiles } from '../experiment/targets.ts';
import type { Pool } from '../runner/pool.ts';
import { outPath, parseFlags, UsageError, wholeNumber, common } from './args.ts';
import { checkWritable, interruption, pool, progress } from './common.ts';
import { loadTargetFiles, measureWorlds, WORLDS_FILE } from './worlds.ts';

/**
 * The command's defaults: a rejection-only calibration. The committed worlds file was written with
 * other flags (chains among them); its manifest and package.json's `calibrate` script hold them.
 */
export const REFERENCE_CALIBRATION = { draws: 60000, reps: 60, seed: 1, tolerance: 0, confirmReps: 1000 } as const;

export const CALIBRATE_HELP = `kube-sim calibrate [--draws N] [--reps N] [--confirm-reps N] [--seed N] [--tolerance X] [--chain-steps S [--thin T] [--step X]] [--workers N] [--out FILE.json]
    Fits the model's uncertain constants (src/model/constants.ts, each with its prior range) to
    the calibration targets of docs/VALIDATION.md by approximate Bayesian computation (rejection):
    N draws from the priors (default ${REFERENCE_CALIBRATION.draws}), each measured on --reps replications per
    target scenario (default ${REFERENCE_CALIBRATION.reps}); a draw is accepted when every calibration target lies in
    its range widened by --tolerance range widths (default ${REFERENCE_CALIBRATION.tolerance}), then measured again on
    --confirm-reps replications (default ${REFERENCE_CALIBRATION.confirmReps}; 0 skips this stage) and kept when every
    calibration target's 95% interval lies inside its range (the rule validate uses). The kept draws are the plausible worlds, written with a manifest (targets, seed, tolerance, acceptance rate, command)
    to --out (default scenarios/worlds/model-v2.json). The same flags give the same file, byte for byte.
    --chain-steps S (default 0: rejection only) extends each first-stage pass into an ABC-MCMC
    chain of S steps (Marjoram et al. 2003): each constant moves by a normal step of sd --step
    (default ${CHAIN_DEFAULTS.step}) times its sd across the passes, and the chain moves when the proposal passes the
    first stage as a draw would; every --thin-th state (default ${CHAIN_DEFAULTS.thin}) is confirmed like a pass, so
    one run gives many more worlds. A finished rejection-only OUT.partial resumes with chains added.
    Interrupted, it resumes from OUT.partial when run again with the same flags.
    Held-out targets are never used here: \`kube-sim validate\` tests them.`;

/** Draws measured (and written to OUT.partial) together. */
const CHUNK = 50;

const ChainHeader = z.object({ steps: z.number(), thin: z.number(), step: z.number(), tolerance: z.number() });
const Header = z.object({ kind: z.literal('kube-sim-calibration'), seed: z.number(), draws: z.number(), reps: z.number(), chain: ChainHeader.optional() });
type Header = z.infer<typeof Header>;

export async function calibrateCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'calibrate',
    args,
    { draws: { type: 'string' }, reps: { type: 'string' }, 'confirm-reps': { type: 'string' }, seed: { type: 'string' }, tolerance: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' }, 'chain-steps': { type: 'string' }, thin: { type: 'string' }, step: { type: 'string' } },
    {
      draws: wholeNumber('--draws', 1, 1_000_000).optional(),
      reps: wholeNumber('--reps', 10, 100_000).optional(),
      'confirm-reps': wholeNumber('--confirm-reps', 0, 100_000)
        .refine((n) => n === 0 || n >= 10, { error: (i) => `--confirm-reps: got "${String(i.input)}"; allowed: 0 (no confirmation stage) or a whole number from 10 to 100000` })
        .optional(),
      seed: common.seed,
      workers: common.workers,
      tolerance: z
        .string()
        .optional()
        .transform((t, ctx) => {
          if (t === undefined) return undefined;
          const x = Number(t);
          if (/^\s*\d+(\.\d+)?\s*$/.test(t) && x <= 10) return x;
          ctx.addIssue({ code: 'custom', message: `--tolerance: got "${t}"; allowed: a number from 0 to 10 (range widths)` });
          return z.NEVER;
        }),
      out: outPath('--out', ['.json']).optional(),
      'chain-steps': wholeNumber('--chain-steps', 0, 100_000).optional(),
      thin: wholeNumber('--thin', 1, 100_000).optional(),
      step: z
        .string()
        .optional()
        .transform((t, ctx) => {
          if (t === undefined) return undefined;
          const x = Number(t);
          if (/^\s*\d+(\.\d+)?\s*$/.test(t) && x > 0 && x <= 10) return x;
          ctx.addIssue({ code: 'custom', message: `--step: got "${t}"; allowed: a number above 0 and at most 10 (times each constant's sd across the first-stage passes)` });
          return z.NEVER;
        }),
    },
  );
  if (positionals.length) throw new UsageError(`calibrate: takes no scenario (got "${positionals[0]}"); it measures the built-in target scenarios`);
  const draws = flags.draws ?? REFERENCE_CALIBRATION.draws;
  const reps = flags.reps ?? REFERENCE_CALIBRATION.reps;
  const seed = flags.seed ?? REFERENCE_CALIBRATION.seed;
  const tolerance = flags.tolerance ?? REFERENCE_CALIBRATION.tolerance;
  const confirmReps = flags['confirm-reps'] ?? REFERENCE_CALIBRATION.confirmReps;
  const chain: ChainSettings = { steps: flags['chain-steps'] ?? CHAIN_DEFAULTS.steps, thin: flags.thin ?? CHAIN_DEFAULTS.thin, step: flags.step ?? CHAIN_DEFAULTS.step };
  if (chain.steps > 0 && chain.thin > chain.steps) throw new UsageError(`--thin: got "${chain.thin}"; allowed: a whole number from 1 to --chain-steps (${chain.steps}), or no state would be recorded`);
  const out = resolve(flags.out ?? WORLDS_FILE);
  checkWritable(out, '--out');
  const partial = `${out}.partial`;
  // Chain lines depend on the tolerance too (a proposal moves when within it); draws do not.
  const header: Header = { kind: 'kube-sim-calibration', seed, draws, reps, ...(chain.steps > 0 ? { chain: { ...chain, tolerance } } : {}) };

  const { draws: done, chains: chainLines } = resumeFrom(partial, header);
  if (done.length) process.stderr.write(`calibrate: resuming from ${partial}: ${done.length} of ${draws} draws already measured${chainLines.length ? `, ${chainLines.length} chain states` : ''}\n`);
  else writeFileAtomic(partial, `${JSON.stringify(header)}\n`);

  const files = loadTargetFiles();
  const worlds = drawWorlds(seed, done.length, draws - done.length);
  const firstNew = done.length;
  const first: Draw[] = [];
  const kept: Draw[] = [];
  let lines: ChainLine[] = [];
  let recorded = 0;
  // One pool for every stage: its workers start once.
  const p = pool(flags.workers);
  const measure = { p, files, reps, seed, tolerance };
  try {
    const bar = progress('calibrate', { unit: 'draws' });
    // A chunk of draws at a time; the chunk's draws then reach the disk together, flushed, before
    // the next chunk starts.
    for (let c0 = 0; c0 < worlds.length; c0 += CHUNK) {
      const part = worlds.slice(c0, c0 + CHUNK);
      const est = await measureAsDraws(measure, part);
      const results = part.map((w, j) => drawResult(firstNew + c0 + j, w, est[j]));
      done.push(...results);
      appendDurably(partial, results.map((d) => `${JSON.stringify(d)}\n`).join(''));
      bar.update(c0 + part.length, worlds.length);
    }
    first.push(...firstStage(done, tolerance));
    if (chain.steps > 0) lines = await runChains(measure, first, chainLines, chain, partial);

    // Confirmation: the draws that passed (and the chains' recorded states), measured again on more replications (same seed).
    const candidates = [...first, ...recordedStates(first, lines, chain.thin)];
    recorded = candidates.length - first.length;
    if (confirmReps === 0) kept.push(...candidates);
    else if (candidates.length) {
      const states = chain.steps > 0 ? ` and ${recorded} recorded chain states` : '';
      process.stderr.write(`calibrate: ${first.length} of ${draws} draws passed the first stage; confirming each${states} on ${confirmReps} replications\n`);
      const bar2 = progress('confirm');
      await measureWorlds(p, files, CALIBRATION_TARGETS, candidates.map((d) => d.constants), {
        reps: confirmReps,
        seed,
        signal: interruption.controller.signal,
        onProgress: (d, t) => bar2.update(d, t),
        onWorld: (i, est) => {
          const c = confirmed(candidates[i], est);
          if (c) kept.push(c);
        },
      });
    }
  } finally {
    p.close();
  }

  const defaults = draws === REFERENCE_CALIBRATION.draws && reps === REFERENCE_CALIBRATION.reps && seed === REFERENCE_CALIBRATION.seed && tolerance === REFERENCE_CALIBRATION.tolerance && confirmReps === REFERENCE_CALIBRATION.confirmReps;
  const where = relative(process.cwd(), out) === relative(process.cwd(), WORLDS_FILE) ? '' : ` --out ${flags.out}`;
  const chainFlags = chain.steps === 0 ? '' : ` --chain-steps ${chain.steps}${chain.thin === CHAIN_DEFAULTS.thin ? '' : ` --thin ${chain.thin}`}${chain.step === CHAIN_DEFAULTS.step ? '' : ` --step ${chain.step}`}`;
  const command = `${defaults ? 'kube-sim calibrate' : `kube-sim calibrate --draws ${draws} --reps ${reps} --confirm-reps ${confirmReps} --seed ${seed} --tolerance ${tolerance}`}${chainFlags}${where}`;
  const chains = chain.steps > 0 ? { chainSteps: chain.steps, thin: chain.thin, step: chain.step, moveRate: moveRate(lines) } : undefined;
  const file = worldsFile(done, kept, { command, seed, replications: reps, tolerance, confirmReplications: confirmReps, chains });
  if (file.worlds.length === 0) {
    process.stderr.write(`calibrate: no draw of ${draws} met every calibration target (tolerance ${tolerance}, ${first.length} passed the first stage); nothing written. Closest: ${closest(done)}\n`);
    return 1;
  }
  writeFileAtomic(out, `${JSON.stringify(file, null, 1)}\n`);
  rmSync(partial, { force: true });
  const m = file.manifest;
  const fromChains = file.worlds.filter((w) => w.chain !== undefined).length;
  const accepted = chains ? `${m.accepted} worlds accepted (${m.accepted - fromChains} of ${m.draws} draws, ${fromChains} chain states` : `${m.accepted} of ${m.draws} draws accepted (${(100 * m.acceptanceRate).toFixed(1)}%`;
  process.stdout.write(`calibrate: ${accepted}; ${m.acceptedFirstStage} passed the first stage); central world ${file.central}; wrote ${out}\n`);
  if (chains) process.stdout.write(`chains: ${first.length} (one per pass) of ${chain.steps} steps each, move rate ${(100 * chains.moveRate).toFixed(1)}%, ${recorded} distinct states recorded\n`);
  const central = file.worlds[file.central].constants;
  process.stdout.write(`central world: ${CONSTANT_NAMES.map((k) => `${k} ${central[k]}`).join(', ')}\n`);
  return 0;
}

interface Measure {
  p: Pool;
  files: TargetFiles;
  reps: number;
  seed: number;
  tolerance: number;
}

/**
 * Measure worlds as a draw is measured, stage by stage (CALIBRATION_STAGES): a world outside the
 * tolerance on the levels is not measured on the levers. Exact, not an approximation: it is
 * rejected whatever the levers say.
 */
async function measureAsDraws(m: Measure, worlds: readonly World[]): Promise<Record<string, Estimate>[]> {
  const est: Record<string, Estimate>[] = worlds.map(() => ({}));
  let alive = worlds.map((_, j) => j);
  for (const stage of CALIBRATION_STAGES) {
    if (alive.length === 0) break;
    const ids = alive;
    await measureWorlds(m.p, m.files, stage, ids.map((j) => worlds[j]), {
      reps: m.reps,
      seed: m.seed,
      signal: interruption.controller.signal,
      onWorld: (i, e) => Object.assign(est[ids[i]], e),
    });
    alive = ids.filter((j) => drawResult(0, worlds[j], est[j]).distance <= m.tolerance);
  }
  return est;
}

/**
 * The ABC-MCMC chains (src/experiment/chains.ts), one per first-stage pass, in lockstep: each step
 * measures every chain's proposal together (one pool call per stage), then appends the chains'
 * new states to OUT.partial, flushed. `done` holds the steps of a resumed run; only whole steps
 * count (a step cut short by an interruption is run again, to the same result).
 */
async function runChains(m: Measure, passes: readonly Draw[], done: ChainLine[], chain: ChainSettings, partial: string): Promise<ChainLine[]> {
  const n = passes.length;
  if (n === 0) return [];
  const whole = done.length - (done.length % n);
  if (whole < done.length) {
    const text = readFileSync(partial, 'utf8').split('\n').filter(Boolean);
    writeFileAtomic(partial, text.slice(0, text.length - (done.length - whole)).map((l) => `${l}\n`).join(''));
    done.splice(whole);
  }
  done.forEach((l, i) => {
    if (l.chain !== i % n || l.step !== Math.floor(i / n) + 1) throw new UsageError(`calibrate: ${partial}: chain line ${i + 1} is chain ${l.chain} step ${l.step}, not chain ${i % n} step ${Math.floor(i / n) + 1}; remove the file`);
  });
  const scales = proposalScales(passes.map((d) => d.constants), chain.step);
  let states = passes.map((d, c) => (whole ? done[whole - n + c] : chainStart(c, d)));
  const from = whole / n;
  const bar = progress('chains', { unit: 'steps', alreadyDone: from });
  for (let s = from + 1; s <= chain.steps; s++) {
    const proposals = states.map((st, c) => propose(m.seed, c, s, st.constants, scales));
    const ids = proposals.flatMap((w, c) => (w ? [c] : []));
    const est = await measureAsDraws(m, ids.map((c) => proposals[c] as World));
    const byChain = new Map(ids.map((c, j) => [c, drawResult(passes[c].index, proposals[c] as World, est[j])]));
    states = states.map((st, c) => advance(st, byChain.get(c) ?? null, m.tolerance));
    appendDurably(partial, states.map((l) => `${JSON.stringify(l)}\n`).join(''));
    done.push(...states);
    bar.update(s - from, chain.steps - from);
  }
  return done;
}

const sameChain = (a: Header['chain'], b: Header['chain']) => JSON.stringify(a ? [a.steps, a.thin, a.step, a.tolerance] : null) === JSON.stringify(b ? [b.steps, b.thin, b.step, b.tolerance] : null);
const chainText = (c: Header['chain']) => (c ? `--chain-steps ${c.steps} --thin ${c.thin} --step ${c.step} --tolerance ${c.tolerance}` : 'no chains');

/**
 * The draws and chain steps already in a partial file written with the same settings (a torn last
 * line is cut off). A partial file of fewer draws with the same seed and replications is extended:
 * draw i depends only on the seed and i, so its draws are the first of the longer calibration. A
 * partial without chain steps takes any chain settings (so a long rejection run gains chains); one
 * with chain steps only its own.
 */
function resumeFrom(partial: string, header: Header): { draws: Draw[]; chains: ChainLine[] } {
  if (!existsSync(partial)) return { draws: [], chains: [] };
  const text = readFileSync(partial, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').filter(Boolean);
  const h = Header.safeParse(lines.length ? JSON.parse(lines[0]) : null);
  if (!h.success || h.data.seed !== header.seed || h.data.draws > header.draws || h.data.reps !== header.reps) {
    throw new UsageError(`calibrate: ${partial} belongs to another calibration (${lines[0] ?? 'empty'}); remove it, or give the same --seed and --reps and at least as many --draws`);
  }
  const records = lines.slice(1).map((l) => JSON.parse(l) as Draw | ChainLine);
  const draws = records.filter((r): r is Draw => !('chain' in r));
  const chains = records.filter((r): r is ChainLine => 'chain' in r);
  if (chains.length && (h.data.draws !== header.draws || !sameChain(h.data.chain, header.chain))) {
    throw new UsageError(`calibrate: ${partial} already holds chain steps of ${h.data.draws} draws with ${chainText(h.data.chain)}; give those flags (and --draws ${h.data.draws}) to resume it, or remove it`);
  }
  if (h.data.draws < header.draws || !sameChain(h.data.chain, header.chain)) {
    if (h.data.draws < header.draws) process.stderr.write(`calibrate: extending ${partial} from ${h.data.draws} to ${header.draws} draws\n`);
    writeFileAtomic(partial, [JSON.stringify(header), ...lines.slice(1)].map((l) => `${l}\n`).join(''));
  } else if (end < text.length) truncateSync(partial, end);
  return { draws, chains };
}

function appendDurably(path: string, text: string): void {
  appendFileSync(path, text);
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function closest(draws: readonly Draw[]): string {
  const best = [...draws].sort((a, b) => a.distance - b.distance)[0];
  return best ? `draw ${best.index}, ${best.distance.toFixed(2)} range widths outside (${Object.entries(best.measured).map(([k, v]) => `${k} ${v.toPrecision(3)}`).join(', ')})` : 'none';
}

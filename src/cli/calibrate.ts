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
import type { Estimate } from '../experiment/stats.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { CONSTANT_NAMES } from '../model/index.ts';
import { outPath, parseFlags, UsageError, wholeNumber, common } from './args.ts';
import { checkWritable, interruption, pool, progress } from './common.ts';
import { loadTargetFiles, measureWorlds, WORLDS_FILE } from './worlds.ts';

/** The calibration that wrote the committed worlds file; its manifest holds the same command. */
export const REFERENCE_CALIBRATION = { draws: 60000, reps: 60, seed: 1, tolerance: 0, confirmReps: 1000 } as const;

export const CALIBRATE_HELP = `kube-sim calibrate [--draws N] [--reps N] [--confirm-reps N] [--seed N] [--tolerance X] [--workers N] [--out FILE.json]
    Fits the model's uncertain constants (src/model/constants.ts, each with its prior range) to
    the calibration targets of docs/VALIDATION.md by approximate Bayesian computation (rejection):
    N draws from the priors (default ${REFERENCE_CALIBRATION.draws}), each measured on --reps replications per
    target scenario (default ${REFERENCE_CALIBRATION.reps}); a draw is accepted when every calibration target lies in
    its range widened by --tolerance range widths (default ${REFERENCE_CALIBRATION.tolerance}), then measured again on
    --confirm-reps replications (default ${REFERENCE_CALIBRATION.confirmReps}; 0 skips this stage) and kept when every
    calibration target's 95% interval lies inside its range (the rule validate uses). The kept draws are the plausible worlds, written with a manifest (targets, seed, tolerance, acceptance rate, command)
    to --out (default scenarios/worlds/model-v2.json). The same flags give the same file, byte for byte.
    Interrupted, it resumes from OUT.partial when run again with the same flags.
    Held-out targets are never used here: \`kube-sim validate\` tests them.`;

/** Draws measured (and written to OUT.partial) together. */
const CHUNK = 50;

const Header = z.object({ kind: z.literal('kube-sim-calibration'), seed: z.number(), draws: z.number(), reps: z.number() });

export async function calibrateCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'calibrate',
    args,
    { draws: { type: 'string' }, reps: { type: 'string' }, 'confirm-reps': { type: 'string' }, seed: { type: 'string' }, tolerance: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' } },
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
    },
  );
  if (positionals.length) throw new UsageError(`calibrate: takes no scenario (got "${positionals[0]}"); it measures the built-in target scenarios`);
  const draws = flags.draws ?? REFERENCE_CALIBRATION.draws;
  const reps = flags.reps ?? REFERENCE_CALIBRATION.reps;
  const seed = flags.seed ?? REFERENCE_CALIBRATION.seed;
  const tolerance = flags.tolerance ?? REFERENCE_CALIBRATION.tolerance;
  const confirmReps = flags['confirm-reps'] ?? REFERENCE_CALIBRATION.confirmReps;
  const out = resolve(flags.out ?? WORLDS_FILE);
  checkWritable(out, '--out');
  const partial = `${out}.partial`;
  const header = { kind: 'kube-sim-calibration' as const, seed, draws, reps };

  const done = resumeFrom(partial, header);
  if (done.length) process.stderr.write(`calibrate: resuming from ${partial}: ${done.length} of ${draws} draws already measured\n`);
  else writeFileAtomic(partial, `${JSON.stringify(header)}\n`);

  const files = loadTargetFiles();
  const worlds = drawWorlds(seed, done.length, draws - done.length);
  const firstNew = done.length;
  const first: Draw[] = [];
  const kept: Draw[] = [];
  // One pool for both stages: its workers start once.
  const p = pool(flags.workers);
  try {
    const bar = progress('calibrate', { unit: 'draws' });
    // A chunk of draws at a time, stage by stage (CALIBRATION_STAGES): a draw outside the
    // tolerance on the levels is not measured on the levers. The chunk's draws then reach the
    // disk together, flushed, before the next chunk starts.
    for (let c0 = 0; c0 < worlds.length; c0 += CHUNK) {
      const part = worlds.slice(c0, c0 + CHUNK);
      const est: Record<string, Estimate>[] = part.map(() => ({}));
      let alive = part.map((_, j) => j);
      for (const stage of CALIBRATION_STAGES) {
        if (alive.length === 0) break;
        const ids = alive;
        await measureWorlds(p, files, stage, ids.map((j) => part[j]), {
          reps,
          seed,
          signal: interruption.controller.signal,
          onWorld: (i, e) => Object.assign(est[ids[i]], e),
        });
        alive = ids.filter((j) => drawResult(0, part[j], est[j]).distance <= tolerance);
      }
      const results = part.map((w, j) => drawResult(firstNew + c0 + j, w, est[j]));
      done.push(...results);
      appendDurably(partial, results.map((d) => `${JSON.stringify(d)}\n`).join(''));
      bar.update(c0 + part.length, worlds.length);
    }

    // Confirmation: the draws that passed, measured again on more replications (same seed).
    first.push(...firstStage(done, tolerance));
    if (confirmReps === 0) kept.push(...first);
    else if (first.length) {
      process.stderr.write(`calibrate: ${first.length} of ${draws} draws passed the first stage; confirming each on ${confirmReps} replications\n`);
      const bar2 = progress('confirm');
      await measureWorlds(p, files, CALIBRATION_TARGETS, first.map((d) => d.constants), {
        reps: confirmReps,
        seed,
        signal: interruption.controller.signal,
        onProgress: (d, t) => bar2.update(d, t),
        onWorld: (i, est) => {
          const c = confirmed(first[i], est);
          if (c) kept.push(c);
        },
      });
    }
  } finally {
    p.close();
  }

  const defaults = draws === REFERENCE_CALIBRATION.draws && reps === REFERENCE_CALIBRATION.reps && seed === REFERENCE_CALIBRATION.seed && tolerance === REFERENCE_CALIBRATION.tolerance && confirmReps === REFERENCE_CALIBRATION.confirmReps;
  const where = relative(process.cwd(), out) === relative(process.cwd(), WORLDS_FILE) ? '' : ` --out ${flags.out}`;
  const command = defaults ? `kube-sim calibrate${where}` : `kube-sim calibrate --draws ${draws} --reps ${reps} --confirm-reps ${confirmReps} --seed ${seed} --tolerance ${tolerance}${where}`;
  const file = worldsFile(done, kept, { command, seed, replications: reps, tolerance, confirmReplications: confirmReps });
  if (file.worlds.length === 0) {
    process.stderr.write(`calibrate: no draw of ${draws} met every calibration target (tolerance ${tolerance}, ${first.length} passed the first stage); nothing written. Closest: ${closest(done)}\n`);
    return 1;
  }
  writeFileAtomic(out, `${JSON.stringify(file, null, 1)}\n`);
  rmSync(partial, { force: true });
  const m = file.manifest;
  process.stdout.write(`calibrate: ${m.accepted} of ${m.draws} draws accepted (${(100 * m.acceptanceRate).toFixed(1)}%; ${m.acceptedFirstStage} passed the first stage); central world ${file.central}; wrote ${out}\n`);
  const central = file.worlds[file.central].constants;
  process.stdout.write(`central world: ${CONSTANT_NAMES.map((k) => `${k} ${central[k]}`).join(', ')}\n`);
  return 0;
}

/**
 * The draws already in a partial file written with the same settings (a torn last line is cut
 * off). A partial file of fewer draws with the same seed and replications is extended: draw i
 * depends only on the seed and i, so its draws are the first of the longer calibration.
 */
function resumeFrom(partial: string, header: z.infer<typeof Header>): Draw[] {
  if (!existsSync(partial)) return [];
  const text = readFileSync(partial, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').filter(Boolean);
  const h = Header.safeParse(lines.length ? JSON.parse(lines[0]) : null);
  if (!h.success || h.data.seed !== header.seed || h.data.draws > header.draws || h.data.reps !== header.reps) {
    throw new UsageError(`calibrate: ${partial} belongs to another calibration (${lines[0] ?? 'empty'}); remove it, or give the same --seed and --reps and at least as many --draws`);
  }
  const draws = lines.slice(1).map((l) => JSON.parse(l) as Draw);
  if (h.data.draws < header.draws) {
    process.stderr.write(`calibrate: extending ${partial} from ${h.data.draws} to ${header.draws} draws\n`);
    writeFileAtomic(partial, [JSON.stringify(header), ...lines.slice(1)].map((l) => `${l}\n`).join(''));
  } else if (end < text.length) truncateSync(partial, end);
  return draws;
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

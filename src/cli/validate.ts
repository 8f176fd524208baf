/**
 * `kube-sim validate`: run the validation targets over many replications and print the table
 * (or one JSON object with --json). Only the reference run (the defaults: 1,000 replications,
 * seed 1, no --set) or an explicit --write rewrites the measured section of the tracked
 * docs/VALIDATION.md, so a quick check never replaces the committed report with noisy rows.
 * Exit status: 0 all targets pass, 1 a target does not pass, 2 bad flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseAssignment, type Override } from '../experiment/jobs.ts';
import type { Estimate } from '../experiment/stats.ts';
import { scenariosOf, TARGETS } from '../experiment/targets.ts';
import { applyOverrides, REFERENCE_RUN, renderMarkdown, renderText, reportJson, spliceSection, validationReport } from '../experiment/validation.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { common, parseFlags, UsageError, wholeNumber } from './args.ts';
import { holdingInterrupts, interruption, pool, progress } from './common.ts';
import { loadTargetFiles, loadWorlds, measureWorlds, WORLDS_FILE } from './worlds.ts';

/** The report kube-sim validate maintains. */
export const VALIDATION_DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/VALIDATION.md');

const MAX_REPS = 100_000;

export const VALIDATE_HELP = `kube-sim validate [--reps N] [--seed N] [--worlds N] [--set PATH=VALUE]... [--workers N] [--json] [--write | --no-write]
    Runs every target of docs/VALIDATION.md, calibration and held-out, in each plausible world of
    scenarios/worlds/model-v2.json (--worlds N: the first N; default all) over N replications per
    scenario (default ${REFERENCE_RUN.reps}, 10 to ${MAX_REPS}). Prints per target its kind, the expected range,
    the central world's value with its 95% interval, and the share of worlds in which the interval
    lies in the range; a target passes when that share is at least 90%.
    Below the table, for each held-out target that was declared, or saw the model, a prior or its
    range changed, with its results in view, it says what (docs/VALIDATION.md, "How held out the
    held-out targets are"; "seen" in --json).
    --set applies an override to every target scenario (repeatable), e.g. "do the targets
    still hold with --set business.volatilityScale=1.5?". Each target keeps its own horizon,
    so horizonWeeks and seed cannot be set.
    --json prints one JSON object ({ set, targets: [{ id, kind, expected, measured, ci, worldsPassing, pass, ... }] }).
    The reference run (${REFERENCE_RUN.reps} replications, seed ${REFERENCE_RUN.seed}, every world, no --set) rewrites the
    measured section of docs/VALIDATION.md; any other run leaves it alone unless --write is given.
    --no-write never writes it.
    Exit status: 0 every target passes, 1 a target does not, 2 bad flags.`;

/**
 * Whether a run rewrites docs/VALIDATION.md: the reference run does, any other run only with
 * --write, and --no-write never. `why` says why not, for the line on stderr.
 */
export function writeDecision(o: { reps: number; seed: number; sets: number; worlds?: number; write: boolean; noWrite: boolean }): { write: boolean; reference: boolean; why: string } {
  const differs = [o.reps !== REFERENCE_RUN.reps ? `--reps ${o.reps}` : '', o.seed !== REFERENCE_RUN.seed ? `--seed ${o.seed}` : '', o.worlds ? `--worlds ${o.worlds}` : '', o.sets ? '--set' : ''].filter(Boolean);
  const reference = differs.length === 0;
  if (o.noWrite) return { write: false, reference, why: '--no-write was given' };
  if (reference || o.write) return { write: true, reference, why: '' };
  const ref = `${REFERENCE_RUN.reps} replications, seed ${REFERENCE_RUN.seed}, every world, no --set`;
  return { write: false, reference, why: `not the reference run (${ref}): ${differs.join(', ')}; --write writes it anyway` };
}

export async function validateCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'validate',
    args,
    {
      reps: { type: 'string' },
      seed: { type: 'string' },
      worlds: { type: 'string' },
      workers: { type: 'string' },
      set: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
    },
    {
      reps: wholeNumber('--reps', 10, MAX_REPS).optional(),
      seed: common.seed,
      worlds: wholeNumber('--worlds', 1, 100_000).optional(),
      workers: common.workers,
      set: common.set,
      json: z.boolean().default(false),
      write: z.boolean().default(false),
      'no-write': z.boolean().default(false),
    },
  );
  if (positionals.length) throw new UsageError(`validate: takes no scenario (got "${positionals[0]}"); it measures the built-in scenarios`);
  if (flags.write && flags['no-write']) throw new UsageError('validate: --write and --no-write contradict each other; give one of them');
  const reps = flags.reps ?? REFERENCE_RUN.reps;
  const seed = flags.seed ?? REFERENCE_RUN.seed;
  const set: Override = Object.fromEntries(flags.set.map((s) => parseAssignment(s)));
  const files = applyOverrides(loadTargetFiles(), set);
  const file = loadWorlds();
  if (flags.worlds !== undefined && flags.worlds > file.worlds.length) throw new UsageError(`--worlds: got ${flags.worlds}; allowed: a whole number from 1 to ${file.worlds.length} (the plausible worlds in ${WORLDS_FILE})`);
  const count = flags.worlds ?? file.worlds.length;
  // The central world is always measured: first, so that --worlds 1 is the central world alone.
  const order = [file.central, ...file.worlds.map((_, i) => i).filter((i) => i !== file.central)].slice(0, count);
  const worlds = order.map((i) => file.worlds[i].constants);

  const perWorld: Record<string, Estimate>[] = [];
  const bar = progress('validate', { quiet: flags.json });
  const p = pool(flags.workers);
  try {
    await measureWorlds(p, files, TARGETS, worlds, { reps, seed, signal: interruption.controller.signal, onWorld: (i, est) => (perWorld[i] = est), onProgress: (d, t) => bar.update(d, t) });
  } finally {
    p.close();
  }
  const report = validationReport(TARGETS, perWorld, { central: 0, reps, seed, set, runs: worlds.length * scenariosOf(TARGETS).length * reps });

  const { write, reference, why } = writeDecision({ reps, seed, sets: flags.set.length, worlds: flags.worlds !== undefined && count < file.worlds.length ? count : 0, write: flags.write, noWrite: flags['no-write'] });
  if (write) {
    const command = ['kube-sim validate', reps !== REFERENCE_RUN.reps ? `--reps ${reps}` : '', seed !== REFERENCE_RUN.seed ? `--seed ${seed}` : '', flags.worlds !== undefined ? `--worlds ${count}` : '', ...flags.set.map((s) => `--set ${s}`), reference ? '' : '--write']
      .filter(Boolean)
      .join(' ');
    const doc = existsSync(VALIDATION_DOC) ? readFileSync(VALIDATION_DOC, 'utf8') : '# kube-sim: validation\n';
    try {
      const text = spliceSection(doc, renderMarkdown(report, command));
      await holdingInterrupts(VALIDATION_DOC, () => writeFileAtomic(VALIDATION_DOC, text));
    } catch (e) {
      process.stderr.write(`kube-sim: cannot write ${VALIDATION_DOC}: ${(e as Error).message}\n`);
      return 1;
    }
  } else process.stderr.write(`kube-sim: left docs/VALIDATION.md alone: ${why}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
  else {
    process.stdout.write(renderText(report));
    if (write) process.stdout.write(`Wrote the measured section of ${VALIDATION_DOC}\n`);
  }
  return report.failed === 0 ? 0 : 1;
}

/**
 * `kube-sim validate`: run the validation targets over many replications, print the table
 * (or one JSON object with --json), and write the measured section of docs/VALIDATION.md
 * atomically. Exit status: 0 all targets pass, 1 a target does not pass, 2 bad flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reportJson, renderMarkdown, renderText, runValidation, spliceSection, VALIDATION_SCENARIOS, type ValidationScenarios } from '../experiment/validation.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { loadScenario, ScenarioFileError } from '../io/scenario-file.ts';
import { ScenarioError } from '../model/index.ts';

/** The report kube-sim validate maintains. */
export const VALIDATION_DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/VALIDATION.md');

const MAX_REPS = 100_000;

export const VALIDATE_HELP = `kube-sim validate [--reps N] [--seed N] [--json] [--no-write]
    Runs the validation targets (docs/VALIDATION.md) over N replications per scenario
    (default 1000, 10 to ${MAX_REPS}), prints target, expected, measured with its 95% interval,
    and pass or fail, and rewrites the measured section of docs/VALIDATION.md.
    --json prints one JSON object ({ targets: [{ id, expected, measured, ci, pass, ... }] }).
    --no-write leaves docs/VALIDATION.md alone.
    Exit status: 0 every target passes, 1 a target fails or is inconclusive, 2 bad flags.`;

const whole = (flag: string, min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\s*\d+\s*$/.test(text) && Number.isSafeInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${flag}: got "${text}"; allowed: a whole number from ${min} to ${max}` });
    return z.NEVER;
  });

const Flags = z.object({
  reps: whole('--reps', 10, MAX_REPS).default(1000),
  seed: whole('--seed', 0, 4294967295).default(1),
  json: z.boolean().default(false),
  'no-write': z.boolean().default(false),
  help: z.boolean().default(false),
});

/** Load the scenarios the targets are measured on from the built-in scenario files. */
export function loadValidationScenarios(): ValidationScenarios {
  return Object.fromEntries(VALIDATION_SCENARIOS.map((name) => [name, loadScenario(name).scenario])) as ValidationScenarios;
}

export async function validateCommand(args: string[]): Promise<number> {
  let flags: z.output<typeof Flags>;
  try {
    // `--reps -5` would read -5 as a flag: join a value flag with a following number-like value.
    const joined: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if ((args[i] === '--reps' || args[i] === '--seed') && /^-\d/.test(args[i + 1] ?? '')) joined.push(`${args[i]}=${args[++i]}`);
      else joined.push(args[i]);
    }
    const { values, positionals } = parseArgs({
      args: joined,
      allowPositionals: true,
      strict: true,
      options: { reps: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (positionals.length) throw new Error(`validate: takes no scenario (got "${positionals[0]}"); it measures the built-in scenarios`);
    const r = Flags.safeParse(values);
    if (!r.success) throw new Error(r.error.issues.map((i) => i.message).join('\n'));
    flags = r.data;
  } catch (e) {
    process.stderr.write(`kube-sim: ${(e as Error).message}\n  flags of validate: --reps N, --seed N, --json, --no-write (see kube-sim validate --help)\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  let scenarios: ValidationScenarios;
  try {
    scenarios = loadValidationScenarios();
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof ScenarioFileError) {
      process.stderr.write(`kube-sim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const progress = !flags.json && process.stderr.isTTY;
  const report = runValidation(scenarios, {
    reps: flags.reps,
    seed: flags.seed,
    onProgress: progress ? (done, total, label) => process.stderr.write(`\r  ${done}/${total} ${label}`.padEnd(60)) : undefined,
  });
  if (progress) process.stderr.write('\r'.padEnd(61) + '\r');
  if (!flags['no-write']) {
    const command = ['kube-sim validate', flags.reps !== 1000 ? `--reps ${flags.reps}` : '', flags.seed !== 1 ? `--seed ${flags.seed}` : ''].filter(Boolean).join(' ');
    const doc = existsSync(VALIDATION_DOC) ? readFileSync(VALIDATION_DOC, 'utf8') : '# kube-sim: validation\n';
    try {
      writeFileAtomic(VALIDATION_DOC, spliceSection(doc, renderMarkdown(report, command)));
    } catch (e) {
      process.stderr.write(`kube-sim: cannot write ${VALIDATION_DOC}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
  else {
    process.stdout.write(renderText(report));
    if (!flags['no-write']) process.stdout.write(`Wrote the measured section of ${VALIDATION_DOC}\n`);
  }
  return report.failed === 0 ? 0 : 1;
}

/**
 * The kube-sim command line. For now: `kube-sim run` (one replication). Every flag value goes
 * through a zod schema; bad input exits with status 2 and a message naming the flag, the value
 * and what is allowed.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { writeFileAtomic } from '../io/atomic.ts';
import { builtInScenarios, loadScenario, ScenarioFileError } from '../io/scenario-file.ts';
import { DISSOLUTION_CAUSE_TEXT, eventList, INDICATORS, ScenarioError, simulate, type RunResult, type Scenario } from '../model/index.ts';

const VERSION: string = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')).version;

const HELP = `kube-sim ${VERSION}: agent-based simulator of group dynamics in a KUBE

Usage:
  kube-sim run <scenario> [--seed N] [--replication N] [--out run.json]
      One replication. <scenario> is a JSON file or a built-in name
      (${builtInScenarios().join(', ')}).
      Prints the outcome; --out writes the weekly series, events, members
      and outcome as JSON. In events, member numbers are 0-based indexes
      into the members list (-1: none, or the whole group).
  kube-sim --help | --version

Exit status: 0 done, 2 bad input (the message says which and why), 1 other failure.`;

/** A flag value that is wrong: names the flag, the value and what is allowed. */
class UsageError extends Error {
  override name = 'UsageError';
}

const uint = (flag: string, max: number) =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\s*\d+\s*$/.test(text) && Number.isSafeInteger(n) && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${flag}: got "${text}"; allowed: a whole number from 0 to ${max}` });
    return z.NEVER;
  });

const RunFlags = z.object({
  seed: uint('--seed', 4294967295).optional(),
  replication: uint('--replication', 4294967295).optional(),
  out: z
    .string()
    .refine((p) => p.toLowerCase().endsWith('.json'), { error: (i) => `--out: got "${String(i.input)}"; allowed: a path ending in .json` })
    .optional(),
});

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join('\n'));
  return r.data;
}

const rupiah = (x: number) => `Rp ${Math.round(x).toLocaleString('id-ID')}`;

const VALUE_FLAGS = ['--seed', '--replication', '--out'];

/** `--seed -1` would read -1 as a flag; join a value flag with a following number-like value. */
function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_FLAGS.includes(args[i]) && /^-\d/.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

function runCommand(args: string[]): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(args),
    allowPositionals: true,
    strict: true,
    options: { seed: { type: 'string' }, replication: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(`run: expected one scenario (a JSON file or one of ${builtInScenarios().join(', ')}), got ${positionals.length}`);
  const flags = validate(RunFlags, values);
  const { scenario, path } = loadScenario(positionals[0]);
  if (flags.out) checkWritable(resolve(flags.out), '--out');
  const result = simulate(scenario, { seed: flags.seed, replication: flags.replication });
  // Write first: a failed write must not look like a finished run.
  if (flags.out) writeFileAtomic(resolve(flags.out), `${JSON.stringify(runDocument(scenario, path, result, args))}\n`);
  process.stdout.write(summary(scenario, result));
  if (flags.out) {
    process.stdout.write(`Wrote ${flags.out}: ${INDICATORS.length} series × ${result.weeks} weeks, ${result.events.count} events\n`);
  }
}

/** Refuse before any work when the output cannot be written. */
function checkWritable(path: string, flag: string): void {
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${flag}: cannot write ${path}: the folder ${dir} does not exist or is not writable`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${flag}: ${path} is a folder, not a file`);
}

function summary(sc: Scenario, r: RunResult): string {
  const o = r.outcome;
  const fate =
    o.status === 'active'
      ? `active after ${r.weeks} weeks`
      : o.status === 'stagnant'
        ? `stagnant since week ${o.statusWeek}`
        : `dissolved in week ${o.statusWeek}: ${DISSOLUTION_CAUSE_TEXT[o.cause!].en}`;
  return [
    `${sc.name}: seed ${r.seed}, replication ${r.replication}, ${r.weeks} weeks`,
    `Outcome: ${fate}`,
    o.status === 'dissolved'
      ? `  members left         ${o.membersAtEnd} of ${r.members.length} when it ended`
      : `  active members       ${o.activeMembers} of ${r.members.length}`,
    `  capital              ${rupiah(o.capital)}`,
    `  IKS fund             ${rupiah(o.iksFund)}`,
    `  income per member    ${rupiah(o.incomePerMemberMonthly)} a month`,
    `  exits ${o.exits} · misuse found ${o.misuseEvents} · leader changes ${o.leaderChanges} · facilitator visits ${o.mentorVisits}`,
    `  intervention cost    ${rupiah(o.interventionCost)}`,
    '',
  ].join('\n');
}

/** The JSON written by `run --out`: everything needed to read and reproduce the run. */
function runDocument(sc: Scenario, path: string, r: RunResult, args: string[]) {
  return {
    kubeSim: VERSION,
    command: ['kube-sim', 'run', ...args].join(' '),
    scenarioFile: path,
    // The scenario with the run's seed in it: running this scenario again gives this run.
    scenario: { ...sc, seed: r.seed },
    seed: r.seed,
    replication: r.replication,
    weeks: r.weeks,
    outcome: r.outcome,
    members: r.members,
    events: eventList(r.events),
    indicators: INDICATORS.map(({ key, unit, text }) => ({ key, unit, text })),
    series: Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, Array.from(v)])),
  };
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (!command) {
      process.stderr.write(`${HELP}\n`);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === 'run') {
      runCommand(rest);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"; commands: run (see kube-sim --help)`);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kube-sim: ${err.message}\n  flags of run: --seed N, --replication N, --out FILE.json (see kube-sim --help)\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ScenarioFileError) {
      process.stderr.write(`kube-sim: ${err.message}\n`);
      return 2;
    }
    if (['EACCES', 'ENOENT', 'ENOSPC', 'EROFS', 'EISDIR', 'ENOTDIR', 'EPERM', 'EDQUOT', 'EIO'].includes(err.code ?? '')) {
      process.stderr.write(`kube-sim: cannot write output: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`kube-sim: unexpected failure: ${err.stack ?? err.message}\n`);
    return 1;
  }
}

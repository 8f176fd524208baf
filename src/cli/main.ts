/**
 * The kube-sim command line. Every flag value goes through a zod schema; bad input exits with
 * status 2 and a message naming the flag, the value and what is allowed.
 */
import { AssignmentError } from '../experiment/jobs.ts';
import { RosterCsvError } from '../io/roster-csv.ts';
import { builtInScenarios, ScenarioFileError } from '../io/scenario-file.ts';
import { ScenarioError } from '../model/index.ts';
import { BatchFailedError, CancelledError } from '../runner/pool.ts';
import { UsageError } from './args.ts';
import { brokenInvariant, catchInterrupts, DiskFullError, interruption, signalExit, VERSION } from './common.ts';
import { CALIBRATE_HELP, calibrateCommand } from './calibrate.ts';
import { COMPARE_HELP, compareCommand } from './compare.ts';
import { ENSEMBLE_HELP, ensembleCommand } from './ensemble.ts';
import { MERGE_HELP, mergeCommand } from './merge.ts';
import { RUN_HELP, runCommand } from './run.ts';
import { SCHEMA_HELP, schemaCommand } from './schema.ts';
import { SENSITIVITY_HELP, sensitivityCommand } from './sensitivity.ts';
import { SWEEP_HELP, sweepCommand } from './sweep.ts';
import { VALIDATE_HELP, validateCommand } from './validate.ts';

/**
 * `interrupts`: Ctrl-C or SIGTERM cancels the command cleanly (catchInterrupts): the pool
 * commands, and merge, whose copy checks for it between chunks. run and validate compute in one
 * synchronous piece, so a signal ends them at once by default, except while they write their
 * output (holdingInterrupts).
 */
const COMMANDS: Record<string, { help: string; run: (args: string[]) => number | Promise<number>; interrupts?: true }> = {
  run: { help: RUN_HELP, run: runCommand },
  ensemble: { help: ENSEMBLE_HELP, run: ensembleCommand, interrupts: true },
  compare: { help: COMPARE_HELP, run: compareCommand, interrupts: true },
  sweep: { help: SWEEP_HELP, run: sweepCommand, interrupts: true },
  sensitivity: { help: SENSITIVITY_HELP, run: sensitivityCommand, interrupts: true },
  merge: { help: MERGE_HELP, run: mergeCommand, interrupts: true },
  schema: { help: SCHEMA_HELP, run: schemaCommand },
  validate: { help: VALIDATE_HELP, run: validateCommand },
  calibrate: { help: CALIBRATE_HELP, run: calibrateCommand, interrupts: true },
};

function help(): string {
  return `kube-sim ${VERSION}: agent-based simulator of group dynamics in a KUBE

Usage:
${Object.values(COMMANDS).map((c) => `  ${c.help.replace(/\n/g, '\n  ')}`).join('\n\n')}

  kube-sim --help | --version | <command> --help

<scenario> is a JSON file or a built-in name (${builtInScenarios().join(', ')}).
--set PATH=VALUE (repeatable) overrides one parameter; \`kube-sim schema\` lists them.
--roster FILE.csv replaces the scenario's members with a surveyed group, one row per
member: role and 1–5 scores (example: scenarios/rosters/example-group.csv). --set comes after.
--workers N: worker threads (default one per core, at most 8; 0 runs in this thread).
Results do not depend on the number of workers.

Exit status: 0 done, 1 failure (or a validation target failed; or an output could not
be written: no file is left half-written), 2 bad input (the message says which and why),
130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM: a sweep resumes when run again; the
other commands write nothing and start over.`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let release = () => {};
  try {
    if (!command) {
      process.stderr.write(`${help()}\n`);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const about = COMMANDS[rest[0] ?? ''];
      process.stdout.write(`${about ? about.help : help()}\n`);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const cmd = COMMANDS[command];
    if (!cmd) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')} (see kube-sim --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${cmd.help}\n`);
      return 0;
    }
    if (cmd.interrupts) release = catchInterrupts();
    return await cmd.run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ScenarioFileError || e instanceof AssignmentError || e instanceof RosterCsvError) {
      process.stderr.write(`kube-sim: ${err.message}\n`);
      return 2;
    }
    const invariant = brokenInvariant(e);
    if (invariant !== null) {
      process.stderr.write(`kube-sim: ${command}: the model broke an invariant (a bug in kube-sim: please report it with this command): ${invariant}; nothing was written\n`);
      return 1;
    }
    if (e instanceof CancelledError) {
      process.stderr.write(`\nkube-sim: interrupted; nothing was written (${interruption.signal ?? 'cancelled'}; run the command again to start over)\n`);
      return signalExit(interruption.signal);
    }
    if (e instanceof BatchFailedError) {
      process.stderr.write(`\nkube-sim: ${err.message}; nothing was written\n`);
      return 1;
    }
    if (e instanceof DiskFullError) {
      process.stderr.write(`kube-sim: ${err.message}\n`);
      return 1;
    }
    if (['EACCES', 'ENOENT', 'ENOSPC', 'EROFS', 'EISDIR', 'ENOTDIR', 'EPERM', 'EDQUOT', 'EIO'].includes(err.code ?? '')) {
      const path = (err as { path?: string }).path;
      process.stderr.write(`\nkube-sim: cannot write ${path ?? 'output'}: ${err.message}; no file was left half-written\n`);
      return 1;
    }
    process.stderr.write(`kube-sim: unexpected failure: ${err.stack ?? err.message}\n`);
    return 1;
  } finally {
    release();
  }
}

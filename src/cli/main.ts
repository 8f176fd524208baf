/**
 * The kube-sim command line. Every flag value goes through a zod schema; bad input exits with
 * status 2 and a message naming the flag, the value and what is allowed.
 */
import { AssignmentError } from '../experiment/jobs.ts';
import { RosterCsvError } from '../io/roster-csv.ts';
import { builtInScenarios, ScenarioFileError } from '../io/scenario-file.ts';
import { ScenarioError } from '../model/index.ts';
import { BatchFailedError, CancelledError } from '../runner/pool.ts';
import { SessionFileError } from '../server/session-file.ts';
import { UsageError } from './args.ts';
import { brokenInvariant, catchInterrupts, DiskFullError, interruption, signalExit, VERSION } from './common.ts';

/** One command: its help text and what it does. */
interface Command {
  help: string;
  run: (args: string[]) => number | Promise<number>;
}

/**
 * `interrupts`: Ctrl-C or SIGTERM cancels the command cleanly (catchInterrupts): the pool
 * commands, and merge, whose copy checks for it between chunks. run and validate compute in one
 * synchronous piece, so a signal ends them at once by default, except while they write their
 * output (holdingInterrupts).
 */
const COMMANDS: Record<string, { load: () => Promise<Command>; interrupts?: true }> = {
  // Each command's module is imported when it is run (or its help is asked for), not on start:
  // `kube-sim run` then loads only what a run needs (npm run bench:startup).
  run: { load: async () => { const m = await import('./run.ts'); return { help: m.RUN_HELP, run: m.runCommand }; } },
  ensemble: { load: async () => { const m = await import('./ensemble.ts'); return { help: m.ENSEMBLE_HELP, run: m.ensembleCommand }; }, interrupts: true },
  compare: { load: async () => { const m = await import('./compare.ts'); return { help: m.COMPARE_HELP, run: m.compareCommand }; }, interrupts: true },
  discover: { load: async () => { const m = await import('./discover.ts'); return { help: m.DISCOVER_HELP, run: m.discoverCommand }; }, interrupts: true },
  sweep: { load: async () => { const m = await import('./sweep.ts'); return { help: m.SWEEP_HELP, run: m.sweepCommand }; }, interrupts: true },
  sensitivity: { load: async () => { const m = await import('./sensitivity.ts'); return { help: m.SENSITIVITY_HELP, run: m.sensitivityCommand }; }, interrupts: true },
  merge: { load: async () => { const m = await import('./merge.ts'); return { help: m.MERGE_HELP, run: m.mergeCommand }; }, interrupts: true },
  schema: { load: async () => { const m = await import('./schema.ts'); return { help: m.SCHEMA_HELP, run: m.schemaCommand }; } },
  validate: { load: async () => { const m = await import('./validate.ts'); return { help: m.VALIDATE_HELP, run: m.validateCommand }; } },
  workshop: { load: async () => { const m = await import('./workshop.ts'); return { help: m.WORKSHOP_HELP, run: m.workshopCommand }; }, interrupts: true },
  replay: { load: async () => { const m = await import('./replay.ts'); return { help: m.REPLAY_HELP, run: m.replayCommand }; } },
  calibrate: { load: async () => { const m = await import('./calibrate.ts'); return { help: m.CALIBRATE_HELP, run: m.calibrateCommand }; }, interrupts: true },
};

async function help(): Promise<string> {
  const helps = await Promise.all(Object.values(COMMANDS).map(async (c) => (await c.load()).help));
  return `kube-sim ${VERSION}: agent-based simulator of group dynamics in a KUBE

Usage:
${helps.map((h) => `  ${h.replace(/\n/g, '\n  ')}`).join('\n\n')}

  kube-sim --help | --version | <command> --help

<scenario> is a JSON file or a built-in name (${builtInScenarios().join(', ')}).
--set PATH=VALUE (repeatable) overrides one parameter; \`kube-sim schema\` lists them.
--roster FILE.csv replaces the scenario's members with a surveyed group, one row per
member: role and 1–5 scores (example: scenarios/rosters/example-group.csv). --set comes after.
--workers N: worker threads (default one per core, at most 8; 0 runs in this thread).
Results do not depend on the number of workers.

Exit status: 0 done, 1 failure (or a validation target failed; or an output could not
be written: no file is left half-written), 2 bad input (the message says which and why),
130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM: a sweep, or a run across --worlds with
--out FILE.jsonl, resumes when run again; the other commands write nothing and start over.`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let release = () => {};
  try {
    if (!command) {
      process.stderr.write(`${await help()}\n`);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const about = COMMANDS[rest[0] ?? ''];
      process.stdout.write(`${about ? (await about.load()).help : await help()}\n`);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const cmd = COMMANDS[command];
    if (!cmd) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')} (see kube-sim --help)`);
    const loaded = await cmd.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${loaded.help}\n`);
      return 0;
    }
    if (cmd.interrupts) release = catchInterrupts();
    return await loaded.run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ScenarioFileError || e instanceof AssignmentError || e instanceof RosterCsvError || e instanceof SessionFileError) {
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

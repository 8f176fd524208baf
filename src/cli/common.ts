/** What the commands share: the version, loading a scenario with --set, manifests, checks. */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAssignment, withOverrides, type Override } from '../experiment/jobs.ts';
import { canonicalJson } from '../experiment/report.ts';
import { decodeRosterBytes, MAX_ROSTER_CHARS, parseRosterCsv } from '../io/roster-csv.ts';
import { loadScenario } from '../io/scenario-file.ts';
import { InvariantError, parseScenario, type Scenario } from '../model/index.ts';
import { defaultWorkers, nodePool } from '../runner/node-pool.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import type { BatchResult } from '../runner/api.ts';
import type { Pool, RunSummary } from '../runner/pool.ts';
import { UsageError } from './args.ts';
import { worldConstants } from './worlds.ts';
import { etaEstimator } from './eta.ts';

export const VERSION: string = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')).version;

export interface Loaded {
  scenario: Scenario;
  /** Where it came from (a file path). */
  path: string;
  /** SHA-256 of the resolved scenario (after --set), as canonical JSON. */
  hash: string;
  /** The --set values applied. */
  set: Override;
}

/**
 * Load a scenario file or built-in name, put in the members of a --roster CSV (if given), then
 * take plausible world K's constants (--world), then apply --set PATH=VALUE overrides. The hash covers the roster, as it is part of the scenario.
 */
export function load(nameOrPath: string, sets: string[] = [], rosterFile?: string, world?: number): Loaded {
  const loaded = loadScenario(nameOrPath);
  const rostered = rosterFile === undefined ? loaded.scenario : withRoster(loaded.scenario, rosterFile);
  // --world K: the model's uncertain constants of plausible world K instead of the central one.
  const scenario = world === undefined ? rostered : parseScenario({ ...rostered, constants: worldConstants(world) }, `--world ${world}`);
  const set: Override = Object.fromEntries(sets.map((s) => parseAssignment(s)));
  const sc = sets.length ? withOverrides(scenario, set, '--set') : scenario;
  return { scenario: sc, path: loaded.path, hash: scenarioHash(sc), set };
}

/** The scenario with its members replaced by a roster CSV; the CSV's warnings go to stderr. */
function withRoster(sc: Scenario, file: string): Scenario {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_ROSTER_CHARS) throw new UsageError(`--roster: ${file} has ${size.toLocaleString('en')} bytes; allowed: a CSV file of at most ${MAX_ROSTER_CHARS.toLocaleString('en')} bytes (30 members take a few KB)`);
    text = decodeRosterBytes(readFileSync(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--roster: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); allowed: a CSV file, one row per member`);
  }
  const { roster, warnings } = parseRosterCsv(text, file);
  for (const w of warnings) process.stderr.write(`kube-sim: ${file}: ${w}\n`);
  // The roster sets the group size; the old size would contradict it.
  const { size: _size, ...group } = sc.group;
  return parseScenario({ ...sc, group, members: { ...sc.members, roster } }, `--roster ${file}`);
}

/** SHA-256 of a scenario as JSON with sorted keys (the same scenario always hashes the same). */
export function scenarioHash(sc: Scenario): string {
  return createHash('sha256').update(canonicalJson(sc)).digest('hex');
}

/** Thrown when an output cannot be written for want of space (exit status 1, not bad input). */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
}

/**
 * Refuse before any work when the output cannot be written: a probe file is created beside it,
 * a block written to it and flushed, then removed. This finds a missing or read-only folder, a
 * path through a file, missing permission (root bypasses access() but not a read-only mount) and
 * a disk already full; a disk that fills up during the run is caught by the writers. The probe's
 * name is new every time (a probe left by a killed process never blocks a later run). An existing
 * output owned by another user in a sticky folder (/tmp) is refused too: the folder is writable,
 * but the rename over that file at the end would fail.
 */
export function checkWritable(path: string, flag: string): void {
  const dir = dirname(path);
  const target = existsSync(path) ? statSync(path) : null;
  if (target?.isDirectory()) throw new UsageError(`${flag}: ${path} is a folder, not a file`);
  const probe = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.probe`);
  let fd: number | undefined;
  try {
    fd = openSync(probe, 'wx');
    writeSync(fd, Buffer.alloc(4096, 10));
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new DiskFullError(`${flag}: cannot write ${path}: no space left on the device of ${dir} (${code}); nothing was run`);
    const why: Record<string, string> = {
      ENOENT: `the folder ${dir} does not exist`,
      ENOTDIR: `${dir} is not a folder`,
      EACCES: `no permission to write in ${dir}`,
      EPERM: `no permission to write in ${dir}`,
      EROFS: `${dir} is on a read-only file system`,
    };
    throw new UsageError(`${flag}: cannot write ${path}: ${why[code] ?? `${(e as Error).message}`}`);
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      rmSync(probe, { force: true });
    }
  }
  const uid = process.getuid?.();
  if (target && uid !== undefined && !canReplace(statSync(dir), target, uid)) {
    throw new UsageError(`${flag}: cannot write ${path}: it belongs to another user (uid ${target.uid}) in ${dir}, a folder where only a file's owner may replace it (sticky bit); choose another name or remove it`);
  }
}

/**
 * Whether user `uid` may rename a file over `target` in folder `dir` (given it may write in the
 * folder): in a sticky folder (mode +t, like /tmp) only the file's owner, the folder's owner or
 * root may.
 */
export function canReplace(dir: { mode: number; uid: number }, target: { uid: number }, uid: number): boolean {
  const sticky = (dir.mode & 0o1000) !== 0;
  return !sticky || uid === 0 || target.uid === uid || dir.uid === uid;
}

/** The exit status of a command stopped by a signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export const signalExit = (signal: NodeJS.Signals | null): number => (signal === 'SIGTERM' ? 143 : 130);

/**
 * Ctrl-C (SIGINT) or SIGTERM while a simulating command runs. The first cancels its pool: the
 * command writes what is complete and exits with signalExit(). A second one ends the process at
 * once (files being written are temporary ones, removed on exit; no final name is half-written).
 */
export const interruption = { signal: null as NodeJS.Signals | null, controller: new AbortController() };

/** Catch SIGINT and SIGTERM for one command; returns the function that stops catching them. */
export function catchInterrupts(): () => void {
  interruption.signal = null;
  interruption.controller = new AbortController();
  const on = (signal: NodeJS.Signals) => {
    if (interruption.signal) {
      process.stderr.write(`\nkube-sim: ${signal} again: stopping at once\n`);
      process.exit(signalExit(signal));
    }
    interruption.signal = signal;
    interruption.controller.abort();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
}

/**
 * Run a synchronous write of a command that does not catch signals while it computes (run,
 * validate: a signal then ends it at once, before anything is written). While `write` runs, a
 * SIGINT or SIGTERM is held: it cannot cut the write short and leave a temporary file behind
 * (a signal's default action skips the 'exit' hook that removes it). The write ends, whole, and
 * so does the command, as it was about to; stderr says so.
 */
export async function holdingInterrupts<T>(what: string, write: () => T): Promise<T> {
  let got: NodeJS.Signals | null = null;
  const on = (signal: NodeJS.Signals) => {
    got ??= signal;
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  try {
    return write();
  } finally {
    // A signal that came during the write is handled on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
    if (got) process.stderr.write(`kube-sim: ${got} came while ${what} was being written; it was finished first\n`);
  }
}

/**
 * The message of a broken model invariant (`--check`), or null if `e` is something else. The
 * error may come from this thread (an InvariantError), from a worker thread (a plain Error whose
 * name says InvariantError: classes do not cross threads), or wrapped in the pool's error for a
 * failed batch (as its cause, or quoted at the end of its message), which also names the batch's
 * runs: the broken run is one of them.
 */
export function brokenInvariant(e: unknown): string | null {
  let runs = '';
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const err = x as Error & { from?: unknown; to?: unknown };
    if (typeof err.from === 'number' && typeof err.to === 'number' && !runs) runs = err.to - err.from > 1 ? ` (in one of runs ${err.from}–${err.to - 1})` : ` (in run ${err.from})`;
    if (x instanceof InvariantError || err.name === 'InvariantError') return `${err.message}${runs}`;
    const quoted = err.name === 'BatchFailedError' ? INVARIANT_IN_BATCH.exec(String(err.message)) : null;
    if (quoted) return `${quoted[1]}${runs}`;
  }
  return null;
}

/** An InvariantError's message (src/model/check.ts) quoted at the end of a failed batch's. */
const INVARIANT_IN_BATCH = /\): ((?:week \d+|initial state): [^=]+ = \S+: .+)$/;

/** A pool for --workers N (default: one per core, at most 8; 0 runs in this thread). */
export function pool(workers: number | undefined): Pool {
  return nodePool(workers ?? defaultWorkers());
}

/** The manifest written beside every output file: what produced it, from what, when. */
export function manifest(fields: Record<string, unknown>, startedAt: Date): Record<string, unknown> {
  return {
    kubeSim: VERSION,
    command: ['kube-sim', ...process.argv.slice(2)].join(' '),
    node: process.version,
    ...fields,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Rupiah for the command line's English text: "Rp 42,849", "-Rp 4,050,000" (English grouping, as
 * the app's English page writes it; the Indonesian "Rp 42.849" read as 42 rupiah in an English
 * sentence). By hand rather than toLocaleString, whose first call loads ICU's locale data (16 ms
 * in a profile of `kube-sim run`, every start).
 */
export function rupiah(x: number): string {
  const n = Math.round(Math.abs(x));
  return `${x < 0 && n !== 0 ? '-' : ''}Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Where progress goes and what time it is (a test hands in its own). */
export interface ProgressOptions {
  quiet?: boolean;
  /** Runs already done by an earlier process (a resumed sweep): shown as done, not timed. */
  alreadyDone?: number;
  tty?: boolean;
  write?: (text: string) => void;
  /** Milliseconds. */
  now?: () => number;
  /** What is counted (default "runs"). */
  unit?: string;
}

/**
 * Progress on stderr: a bar with an ETA on a terminal, a plain line every ~10% otherwise.
 * `update(done, total)` takes this process's runs; the line shows them with `alreadyDone` added.
 */
export function progress(label: string, opts: ProgressOptions = {}) {
  const { quiet = false, unit = 'runs', alreadyDone = 0, tty = process.stderr.isTTY === true, write = (t: string) => void process.stderr.write(t), now: clock = () => performance.now() } = opts;
  const t0 = clock();
  const eta = etaEstimator();
  let lastPct = -1;
  let lastDraw = -Infinity;
  return {
    update(doneHere: number, totalHere: number) {
      if (quiet) return;
      const done = alreadyDone + doneHere;
      const total = alreadyDone + totalHere;
      if (total === 0) return;
      const now = clock();
      const pct = Math.floor((100 * done) / total);
      const secs = (now - t0) / 1000;
      const left = eta.update(doneHere, totalHere, secs);
      if (tty) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const fill = Math.round((width * done) / total);
        write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% ${done}/${total} ETA ${Number.isFinite(left) ? `${left.toFixed(0)} s` : '?'}  `);
        if (done === total) write('\n');
      } else if (Math.floor(pct / 10) > Math.floor(lastPct / 10) || done === total) {
        write(`${label}: ${done}/${total} ${unit} (${pct}%), ${secs.toFixed(1)} s elapsed${done < total && Number.isFinite(left) ? `, about ${left.toFixed(0)} s left` : ''}\n`);
      }
      lastPct = pct;
    },
  };
}

/**
 * Run a job (or runs [from, to) of it) on a pool of `workers`, with a progress line on stderr;
 * Ctrl-C or SIGTERM (see catchInterrupts) cancels it: the promise rejects with CancelledError,
 * at once if the signal came before. The pool is closed whatever happens. `alreadyDone` runs
 * count as done in the progress line (a resumed sweep). A batch retried on a fresh worker is
 * reported on stderr.
 */
export async function runJob(
  label: string,
  job: JobSpec,
  opts: { workers?: number; from?: number; to?: number; alreadyDone?: number; onBatch(b: BatchResult): void; recycle?: boolean },
): Promise<RunSummary> {
  const p = pool(opts.workers);
  const bar = progress(label, { alreadyDone: opts.alreadyDone ?? 0 });
  try {
    return await p.run(job, {
      from: opts.from,
      to: opts.to,
      signal: interruption.controller.signal,
      onBatch: opts.onBatch,
      recycle: opts.recycle,
      onProgress: (d, t) => bar.update(d, t),
      onRetry: (from, to, e) => process.stderr.write(`\n${label}: runs ${from}–${to - 1} failed on a worker (${e.message}); running them again on a fresh worker\n`),
    });
  } finally {
    p.close();
  }
}

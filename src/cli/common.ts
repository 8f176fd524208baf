/** What the commands share: the version, loading a scenario with --set, manifests, checks. */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAssignment, withOverrides, type Override } from '../experiment/jobs.ts';
import { canonicalJson } from '../experiment/report.ts';
import { decodeRosterBytes, MAX_ROSTER_CHARS, parseRosterCsv } from '../io/roster-csv.ts';
import { loadScenario } from '../io/scenario-file.ts';
import { parseScenario, type Scenario } from '../model/index.ts';
import { defaultWorkers, nodePool } from '../runner/node-pool.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import type { BatchResult } from '../runner/api.ts';
import type { Pool, RunSummary } from '../runner/pool.ts';
import { UsageError } from './args.ts';

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
 * apply --set PATH=VALUE overrides. The hash covers the roster, as it is part of the scenario.
 */
export function load(nameOrPath: string, sets: string[] = [], rosterFile?: string): Loaded {
  const loaded = loadScenario(nameOrPath);
  const scenario = rosterFile === undefined ? loaded.scenario : withRoster(loaded.scenario, rosterFile);
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

/** Refuse before any work when the output cannot be written. */
export function checkWritable(path: string, flag: string): void {
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${flag}: cannot write ${path}: the folder ${dir} does not exist or is not writable`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${flag}: ${path} is a folder, not a file`);
}

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

export const rupiah = (x: number) => `Rp ${Math.round(x).toLocaleString('id-ID')}`;

/** Progress on stderr: a bar with an ETA on a terminal, a plain line every ~10% otherwise. */
export function progress(label: string, quiet = false) {
  const tty = process.stderr.isTTY === true;
  const t0 = performance.now();
  let lastPct = -1;
  let lastDraw = 0;
  return {
    update(done: number, total: number) {
      if (quiet || total === 0) return;
      const now = performance.now();
      const pct = Math.floor((100 * done) / total);
      const secs = (now - t0) / 1000;
      // An ETA from the first few runs (worker start-up included) would mislead; wait for 5%.
      const eta = done >= total / 20 ? (secs * (total - done)) / done : Number.NaN;
      if (tty) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const fill = Math.round((width * done) / total);
        process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% ${done}/${total} ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}  `);
        if (done === total) process.stderr.write('\n');
      } else if (Math.floor(pct / 10) > Math.floor(lastPct / 10) || done === total) {
        process.stderr.write(`${label}: ${done}/${total} runs (${pct}%), ${secs.toFixed(1)} s elapsed${done < total && Number.isFinite(eta) ? `, about ${eta.toFixed(0)} s left` : ''}\n`);
      }
      lastPct = pct;
    },
  };
}

/**
 * Run a job (or runs [from, to) of it) on a pool of `workers`, with a progress line on stderr;
 * Ctrl-C or SIGTERM cancels it (the promise rejects with CancelledError). The pool is closed
 * whatever happens. `alreadyDone` runs count as done in the progress line (a resumed sweep).
 */
export async function runJob(
  label: string,
  job: JobSpec,
  opts: { workers?: number; from?: number; to?: number; alreadyDone?: number; onBatch(b: BatchResult): void },
): Promise<RunSummary> {
  const p = pool(opts.workers);
  const bar = progress(label);
  const base = opts.alreadyDone ?? 0;
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await p.run(job, { from: opts.from, to: opts.to, signal: ac.signal, onBatch: opts.onBatch, onProgress: (d, t) => bar.update(base + d, base + t) });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    p.close();
  }
}

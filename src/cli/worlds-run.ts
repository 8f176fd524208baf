/**
 * Running packages across W plausible worlds × R replications for `compare`, `ensemble` and
 * `discover --worlds`: the flags they share, the worlds they run in, and the per-world results
 * file (`--out FILE.jsonl`) that makes a large run resumable and shardable as `sweep` is.
 *
 * The unit of work is a world: its results (worlds.ts WorldResult, plain JSON) are appended, one
 * line per world, to FILE.jsonl.partial beside a state file, after each chunk of worlds, and the
 * finished file is renamed into place; an interrupted run resumes after its last complete world.
 * `--shard I/N` runs worlds ⌊I·W/N⌋ to ⌊(I+1)·W/N⌋ − 1; `--join` summarises the shards' files
 * (checked to be of this very experiment and to cover every world once) without running.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../experiment/report.ts';
import { chooseWorlds, priorWorlds, type WorldResult, type WorldsSource } from '../experiment/worlds.ts';
import type { World } from '../model/index.ts';
import { appendAll, naming, syncFolder, writeFileAtomic } from '../io/atomic.ts';
import { BatchFailedError, CancelledError } from '../runner/pool.ts';
import { runWorldsOn } from '../runner/worlds.ts';
import { outPath, UsageError, wholeNumber } from './args.ts';
import { checkWritable, interruption, manifest, pool, progress, signalExit, VERSION, type Loaded } from './common.ts';
import { shardFlag, takeLock } from './sweep.ts';
import { loadWorlds, WORLDS_FILE } from './worlds.ts';

/** The most worlds one experiment runs (the luck interval's Poisson-binomial is O(W²)). */
export const MAX_WORLDS = 10_000;

/** parseArgs options of the worlds flags. */
export const WORLDS_OPTIONS = {
  worlds: { type: 'string' },
  'worlds-from': { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  join: { type: 'string', multiple: true },
} as const;

/** zod shapes of the worlds flags. */
export const worldsShape = {
  worlds: wholeNumber('--worlds', 1, MAX_WORLDS).optional(),
  'worlds-from': z.enum(['calibrated', 'prior'], { error: (i) => `--worlds-from: got "${String(i.input)}"; allowed: calibrated (the calibration's plausible worlds, ${WORLDS_FILE}) or prior (worlds drawn over the constants' prior ranges)` }).optional(),
  out: outPath('--out', ['.jsonl']).optional(),
  shard: shardFlag,
  join: z.array(z.string()).default([]),
};

export interface WorldsFlags {
  worlds?: number;
  'worlds-from'?: 'calibrated' | 'prior';
  out?: string;
  shard?: { index: number; count: number };
  join: string[];
  world?: number;
}

/** Refuse worlds flags that do not go together, naming them. */
export function checkWorldsFlags(command: string, f: WorldsFlags): void {
  if (f.worlds === undefined) {
    for (const [flag, given] of [['--worlds-from', f['worlds-from'] !== undefined], ['--out', f.out !== undefined], ['--shard', f.shard !== undefined], ['--join', f.join.length > 0]] as const) {
      if (given) throw new UsageError(`${command}: ${flag} goes with --worlds W (runs across W plausible worlds)`);
    }
    return;
  }
  if (f.world !== undefined) throw new UsageError(`${command}: --world K runs one world and --worlds W runs W of them; give one of the two`);
  if (f.shard && !f.out) throw new UsageError(`${command}: --shard I/N needs --out FILE.jsonl (each shard writes its worlds' results; --join summarises them)`);
  if (f.join.length && (f.out || f.shard)) throw new UsageError(`${command}: --join reads finished results; it takes no --out or --shard`);
}

/**
 * The W worlds: the first W of the calibration's worlds file (W at most its size: more would
 * repeat worlds and count them twice), or W drawn over the priors (seeded by `seed`).
 */
export function worldList(source: WorldsSource, count: number, seed: number): { worlds: World[]; file: string | null } {
  if (source === 'prior') return { worlds: priorWorlds(count, seed), file: null };
  const file = loadWorlds();
  const worlds = chooseWorlds(source, count, seed, file);
  if (!worlds) {
    throw new UsageError(`--worlds: got ${count}; allowed: a whole number from 1 to ${file.worlds.length} with --worlds-from calibrated (the plausible worlds in ${WORLDS_FILE}); for more, --worlds-from prior draws worlds over the constants' prior ranges`);
  }
  return { worlds, file: WORLDS_FILE };
}

/** What identifies an experiment across worlds: packages, worlds, seed and replications. */
export function experimentId(packages: readonly Loaded[], worlds: readonly World[], seed: number, reps: number): string {
  return createHash('sha256').update(canonicalJson({ kubeSim: VERSION, packages: packages.map((p) => p.hash), worlds, seed, reps })).digest('hex');
}

interface Header {
  format: 'kube-sim-worlds-results';
  version: 1;
  experimentId: string;
  identity: string;
  worlds: { total: number; from: number; to: number; source: WorldsSource };
  packages: string[];
  seed: number;
  replications: number;
}

export interface WorldsRun {
  command: string;
  packages: readonly Loaded[];
  worlds: readonly World[];
  source: WorldsSource;
  seed: number;
  reps: number;
  workers?: number;
  out?: string;
  shard?: { index: number; count: number };
}

/**
 * Run the experiment (or its shard) and return every world's result in world order; with
 * `out`, written to the results file as it goes (resumable). Returns a number (an exit status)
 * when interrupted with an `out` to resume from.
 */
export async function runWorlds(r: WorldsRun): Promise<WorldResult[] | number> {
  const W = r.worlds.length;
  const shard = r.shard ?? { index: 0, count: 1 };
  const from = Math.floor((shard.index * W) / shard.count);
  const to = Math.floor(((shard.index + 1) * W) / shard.count);
  const id = experimentId(r.packages, r.worlds, r.seed, r.reps);
  const identity = createHash('sha256').update(canonicalJson({ id, from, to })).digest('hex');
  const header: Header = { format: 'kube-sim-worlds-results', version: 1, experimentId: id, identity, worlds: { total: W, from, to, source: r.source }, packages: r.packages.map((p) => p.scenario.name), seed: r.seed, replications: r.reps };
  if (!r.out) {
    const results: WorldResult[] = [];
    await execute(r, from, to, (chunk) => void results.push(...chunk));
    return results;
  }
  const out = resolve(r.out);
  checkWritable(out, '--out');
  const done = finished(out, identity);
  if (done) {
    process.stderr.write(`${r.command}: ${r.out} already holds these worlds' results (finished ${done.finishedAt}); summarising it. Delete it to run again.\n`);
    return done.results;
  }
  const partial = `${out}.partial`;
  const statePath = `${out}.partial.json`;
  const lock = takeLock(`${partial}.lock`, r.command);
  try {
    const results = resume(partial, statePath, identity, r.command);
    const startedAt = new Date();
    if (results === null) {
      writeFileAtomic(statePath, `${JSON.stringify({ identity, command: process.argv.slice(2), from, to }, null, 2)}\n`);
      writeFileAtomic(partial, `${JSON.stringify(header)}\n`);
    } else if (results.length > 0) {
      process.stderr.write(`${r.command}: resuming ${r.out} after ${results.length} of ${to - from} worlds\n`);
    }
    const kept = results ?? [];
    const fd = openSync(partial, 'a');
    let size = statSync(partial).size;
    try {
      await execute(r, from + kept.length, to, (chunk) => {
        const text = chunk.map((w) => `${JSON.stringify(w)}\n`).join('');
        try {
          appendAll(fd, text);
          fsyncSync(fd);
        } catch (e) {
          ftruncateSync(fd, size);
          throw naming(e, partial);
        }
        size += Buffer.byteLength(text);
        kept.push(...chunk);
      }, from);
    } catch (e) {
      closeSync(fd);
      if (e instanceof CancelledError) {
        process.stderr.write(`\n${r.command}: interrupted after ${kept.length} of ${to - from} worlds; ${r.out}.partial keeps them. Run the same command again to resume.\n`);
        return signalExit(interruption.signal);
      }
      if (e instanceof BatchFailedError) {
        process.stderr.write(`\n${r.command}: ${e.message}. ${r.out}.partial keeps the ${kept.length} complete worlds of ${to - from}; run the same command again to resume.\n`);
        return 1;
      }
      throw e;
    }
    closeSync(fd);
    // The manifest first, then the results: a crash between the two leaves a finished .partial
    // that the same command resumes (nothing left to run) and renames.
    writeFileAtomic(`${out}.json`, `${JSON.stringify(manifest({ ...header, shard: `${shard.index}/${shard.count}`, scenarios: r.packages.map((p) => ({ scenario: p.scenario.name, scenarioFile: p.path, scenarioHash: p.hash })) }, startedAt), null, 2)}\n`);
    renameSync(partial, out);
    syncFolder(dirname(out));
    rmSync(statePath, { force: true });
    return kept;
  } finally {
    lock.release();
  }
}

/** Run worlds [from, to) in chunks on one pool, handing each chunk's results over in order. */
async function execute(r: WorldsRun, from: number, to: number, onChunk: (results: WorldResult[]) => void, shardFrom = from): Promise<void> {
  const perWorld = r.packages.length * r.reps;
  const p = pool(r.workers);
  const bar = progress(r.command, { alreadyDone: (from - shardFrom) * perWorld });
  try {
    // Chunks of about 4000 runs: a resumed run loses at most one chunk's work.
    await runWorldsOn(p, { packages: r.packages.map((l) => l.scenario), worlds: r.worlds, seed: r.seed, reps: r.reps }, {
      from,
      to,
      chunkRuns: 4000,
      signal: interruption.controller.signal,
      onChunk,
      onProgress: (d, total) => bar.update(d, total),
    });
  } finally {
    p.close();
  }
}

/** Lines of a results file: its header and the complete world lines. */
function readResults(path: string): { header: Header; results: WorldResult[]; torn: number } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a torn line
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new UsageError(`${path}: not a kube-sim worlds results file (its first line is no JSON header)`);
  }
  if (header?.format !== 'kube-sim-worlds-results') throw new UsageError(`${path}: not a kube-sim worlds results file (format: ${String(header?.format)})`);
  const results: WorldResult[] = [];
  let good = Buffer.byteLength(`${lines[0]}\n`);
  for (const line of lines.slice(1)) {
    let w: WorldResult;
    try {
      w = JSON.parse(line);
    } catch {
      break;
    }
    if (w.world !== header.worlds.from + results.length) break;
    results.push(w);
    good += Buffer.byteLength(`${line}\n`);
  }
  return { header, results, torn: Buffer.byteLength(text) - good };
}

/** A finished results file of this very run: its results; else null. */
function finished(out: string, identity: string): { results: WorldResult[]; finishedAt: string } | null {
  if (!existsSync(out) || !existsSync(`${out}.json`)) return null;
  try {
    const m = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    if (m.identity !== identity) return null;
    const { header, results } = readResults(out);
    return header.identity === identity && results.length === header.worlds.to - header.worlds.from ? { results, finishedAt: String(m.finishedAt) } : null;
  } catch {
    return null;
  }
}

/** The complete worlds of a partial file of this run (cut back to them), or null to start afresh. */
function resume(partial: string, statePath: string, identity: string, command: string): WorldResult[] | null {
  if (!existsSync(partial)) return null;
  if (!existsSync(statePath)) throw new UsageError(`${command}: ${partial} exists but its state file ${statePath} does not, so it cannot be resumed safely; delete it, or choose another --out`);
  let state: { identity?: string } = {};
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8'));
  } catch {
    // unreadable: treated as another run's
  }
  if (state.identity !== identity) throw new UsageError(`${command}: ${partial} holds an unfinished different run (other scenarios, worlds, seed, replications or shard); finish it with its own command, delete it, or choose another --out`);
  let read;
  try {
    read = readResults(partial);
  } catch {
    return null; // not even a whole header: start afresh
  }
  if (read.torn > 0) {
    const fd = openSync(partial, 'r+');
    try {
      ftruncateSync(fd, statSync(partial).size - read.torn);
    } finally {
      closeSync(fd);
    }
  }
  return read.results;
}

/**
 * The results of an experiment from its shards' files: each must be this experiment's
 * (`expectedId`), finished, and together they must hold every world exactly once.
 */
export function joinResults(files: readonly string[], expectedId: string, W: number): WorldResult[] {
  const byWorld: (WorldResult | undefined)[] = Array.from({ length: W }, () => undefined);
  for (const f of files) {
    if (!existsSync(f)) throw new UsageError(`--join: ${f} does not exist`);
    const { header, results } = readResults(f);
    if (header.experimentId !== expectedId) throw new UsageError(`--join: ${f} is the results of another experiment (other scenarios, --set, worlds, seed or replications than this command's)`);
    if (results.length !== header.worlds.to - header.worlds.from) throw new UsageError(`--join: ${f} is unfinished (${results.length} of ${header.worlds.to - header.worlds.from} worlds); run its command again to finish it`);
    for (const w of results) {
      if (!(w.world >= 0 && w.world < W)) throw new UsageError(`--join: ${f} holds world ${w.world}; this experiment has worlds 0 to ${W - 1}`);
      if (byWorld[w.world]) throw new UsageError(`--join: world ${w.world} is in more than one file (${f} and another)`);
      byWorld[w.world] = w;
    }
  }
  const missing = byWorld.map((w, i) => (w ? -1 : i)).filter((i) => i >= 0);
  if (missing.length) throw new UsageError(`--join: worlds ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} are in none of the files (${missing.length} of ${W} missing); run the missing shards`);
  return byWorld as WorldResult[];
}

/** What `compare`, `ensemble` and `discover` do with the worlds flags: run, resume or join. */
export async function worldsResults(r: WorldsRun, join: readonly string[]): Promise<WorldResult[] | number> {
  if (join.length) return joinResults(join.map((f) => resolve(f)), experimentId(r.packages, r.worlds, r.seed, r.reps), r.worlds.length);
  return runWorlds(r);
}

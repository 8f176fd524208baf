/**
 * `kube-sim merge`: join the shards of one sweep into the file the unsharded sweep writes. Each
 * shard's manifest says which sweep and which runs it holds; merge refuses shards of different
 * sweeps, gaps, overlaps and short files, and writes the result atomically.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtomicWriter, writeFileAtomic } from '../io/atomic.ts';
import { outPath, parseFlags, UsageError } from './args.ts';
import { CancelledError } from '../runner/pool.ts';
import { checkWritable, interruption, manifest } from './common.ts';

export const MERGE_HELP = `kube-sim merge <shard.csv>... --out all.csv
    Joins the shards of one sweep (any order) into one CSV identical to the unsharded sweep's,
    with its manifest (all.csv.json). Every shard needs its manifest (shard.csv.json) beside it.`;

interface ShardManifest {
  sweepId: string;
  columns: string[];
  runs: { total: number; from: number; to: number; shard: string };
  /** CSV rows per run: 1, or the weeks of a --per week sweep. */
  rowsPerRun?: number;
  [k: string]: unknown;
}

export async function mergeCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags('merge', args, { out: { type: 'string' } }, { out: outPath('--out', ['.csv']).optional() });
  if (!flags.out) throw new UsageError('merge: --out FILE.csv is required');
  if (positionals.length === 0) throw new UsageError('merge: give the shard files to join');
  const out = resolve(flags.out);
  checkWritable(out, '--out');
  const shards = positionals.map((f) => {
    const path = resolve(f);
    if (path === out) throw new UsageError(`merge: ${f} is both a shard and --out`);
    if (!existsSync(path)) throw new UsageError(`merge: ${f}: no such file${existsSync(`${path}.partial`) ? ' (its sweep is unfinished: run its command again to finish it)' : ''}`);
    let m: ShardManifest;
    try {
      m = JSON.parse(readFileSync(`${path}.json`, 'utf8'));
    } catch {
      throw new UsageError(`merge: ${f}: its manifest ${f}.json is missing or unreadable; merge needs it to know which runs the file holds`);
    }
    if (typeof m.sweepId !== 'string' || !m.runs) throw new UsageError(`merge: ${f}.json is not a sweep manifest`);
    return { file: f, path, m };
  });
  const first = shards[0].m;
  for (const s of shards) {
    if (s.m.sweepId !== first.sweepId) throw new UsageError(`merge: ${s.file} belongs to a different sweep than ${shards[0].file} (other scenario, design, seed, replications or version)`);
  }
  shards.sort((a, b) => a.m.runs.from - b.m.runs.from);
  let next = 0;
  for (const s of shards) {
    if (s.m.runs.from > next) throw new UsageError(`merge: runs ${next}–${s.m.runs.from - 1} are missing (no shard holds them)`);
    if (s.m.runs.from < next) throw new UsageError(`merge: ${s.file} overlaps another shard (runs ${s.m.runs.from}–${next - 1} twice)`);
    next = s.m.runs.to;
  }
  if (next !== first.runs.total) throw new UsageError(`merge: runs ${next}–${first.runs.total - 1} are missing (no shard holds them)`);

  // Ctrl-C or SIGTERM (catchInterrupts) is seen between chunks: the temporary file is removed
  // and the final name is left as it was (absent, or the previous file).
  const writer = new AtomicWriter(out);
  try {
    for (const [i, s] of shards.entries()) {
      const rows = await copyRows(s.path, writer, i === 0, interruption.controller.signal);
      const expected = (s.m.runs.to - s.m.runs.from) * (s.m.rowsPerRun ?? 1);
      if (rows !== expected) throw new UsageError(`merge: ${s.file} has ${rows} rows; its manifest says ${expected} (runs ${s.m.runs.from}–${s.m.runs.to - 1}${(s.m.rowsPerRun ?? 1) > 1 ? `, ${s.m.rowsPerRun} rows each` : ''}); the file is damaged`);
    }
    writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  }
  const { startedAt: _s, finishedAt: _f, command, identity: _i, ...rest } = first as Record<string, unknown>;
  const merged = manifest({ runs: { ...first.runs, from: 0, to: first.runs.total, shard: '0/1' }, sweepCommand: command, mergedFrom: shards.map((s) => s.file) }, new Date());
  writeFileAtomic(`${out}.json`, `${JSON.stringify({ ...rest, ...merged }, null, 2)}\n`);
  process.stdout.write(`Wrote ${flags.out}: ${first.runs.total} runs from ${shards.length} shards\n`);
  return 0;
}

/**
 * Copy a CSV to the writer (its header only if `header`); returns the number of data rows. Shards
 * can be gigabytes: after each 1 MiB chunk the copy lets the event loop turn, so that a signal is
 * handled, and stops with CancelledError once `signal` is aborted.
 */
async function copyRows(path: string, writer: AtomicWriter, header: boolean, signal: AbortSignal): Promise<number> {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  let inHeader = true;
  let carry = '';
  try {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) throw new CancelledError();
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      let text = carry + buf.toString('utf8', 0, n);
      // Keep the partial last line for the next chunk (rows are ASCII: numbers and names).
      const cut = text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      text = text.slice(0, cut);
      if (inHeader && text) {
        const eol = text.indexOf('\n') + 1;
        if (header) writer.write(text.slice(0, eol));
        text = text.slice(eol);
        inHeader = false;
      }
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
      writer.write(text);
    }
  } finally {
    closeSync(fd);
  }
  if (carry) throw new UsageError(`merge: ${path} ends in the middle of a row; the file is damaged`);
  return lines;
}

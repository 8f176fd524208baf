/**
 * `kube-sim sweep`: a design of scenario points × replications, streamed to a tidy CSV (one row
 * per run). Rows are appended in run order to OUT.partial beside a small state file; an
 * interrupted sweep run again with the same command resumes after the last complete row, and the
 * finished file is renamed into place, so it is the same file an uninterrupted run writes.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, rmSync, statfsSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { gridPointAt } from '../experiment/design.ts';
import { runAt, runCount } from '../experiment/jobs.ts';
import { F, FIELD, fieldText, RUN_FIELD_KEYS } from '../experiment/outcomes.ts';
import { appendAll, naming, removeOnExit, syncFolder, writeFileAtomic } from '../io/atomic.ts';
import { csvLine, weekCells } from '../io/csv.ts';
import { INDICATORS } from '../model/index.ts';
import { BatchFailedError, CancelledError } from '../runner/pool.ts';
import { common, MAX_REPS, outPath, parseFlags, UsageError, wholeNumber } from './args.ts';
import { canonicalJson } from '../experiment/report.ts';
import { checkWritable, interruption, load, manifest, runJob, signalExit, VERSION } from './common.ts';
import { buildDesign, checkDesignPoints, designJob, type DesignChoice } from './design-flags.ts';
import { createHash } from 'node:crypto';

export const SWEEP_HELP = `kube-sim sweep <scenario> --vary PATH=FROM:TO:STEP ... --reps N --out sweep.csv
kube-sim sweep <scenario> --design lhs|morris|sobol --samples N --vary PATH=LO:HI ... --reps N --out sweep.csv
                [--per run|week] [--shard I/N] [--workers N] [--seed N] [--set PATH=VALUE]... [--roster FILE.csv]
    One CSV row per run (run, point, replication, seed, the varied parameters, every
    outcome), or with --per week one row per run and week (every indicator), and a JSON
    manifest beside it (OUT.json). Interrupted (Ctrl-C, kill)? Run
    the same command again: it resumes and ends with the same file. --shard I/N
    (I from 0 to N-1) runs a deterministic 1/N of the runs; \`kube-sim merge\` joins them.
    Every point uses the same replications' luck (common random numbers).`;

export const shardFlag = z
  .string()
  .transform((text, ctx) => {
    const m = /^(\d+)\/(\d+)$/.exec(text.trim());
    const i = m ? Number(m[1]) : NaN;
    const n = m ? Number(m[2]) : NaN;
    if (m && n >= 1 && n <= 100_000 && i < n) return { index: i, count: n };
    ctx.addIssue({ code: 'custom', message: `--shard: got "${text}"; allowed: I/N with N from 1 to 100000 and I from 0 to N-1 (e.g. 0/4 … 3/4)` });
    return z.NEVER;
  })
  .optional();

export const MAX_SWEEP_RUNS = 1e10;

export async function sweepCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'sweep',
    args,
    {
      vary: { type: 'string', multiple: true }, design: { type: 'string' }, samples: { type: 'string' },
      reps: { type: 'string' }, out: { type: 'string' }, shard: { type: 'string' }, per: { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, world: { type: 'string' }, 
    },
    {
      ...common,
      vary: z.array(z.string()).default([]),
      design: z.enum(['grid', 'lhs', 'morris', 'sobol'], { error: (i) => `--design: got "${String(i.input)}"; allowed: grid, lhs, morris, sobol` }).optional(),
      samples: wholeNumber('--samples', 1, MAX_REPS).optional(),
      out: outPath('--out', ['.csv']).optional(),
      shard: shardFlag,
      per: z.enum(['run', 'week'], { error: (i) => `--per: got "${String(i.input)}"; allowed: run (one row per run) or week (one row per run and week)` }).optional(),
    },
  );
  if (positionals.length !== 1) throw new UsageError(`sweep: expected one scenario (a JSON file or a built-in name), got ${positionals.length}`);
  if (flags.reps === undefined) throw new UsageError('sweep: --reps N is required (replications per design point)');
  if (!flags.out) throw new UsageError('sweep: --out FILE.csv is required');
  const loaded = load(positionals[0], flags.set, flags.roster, flags.world);
  const seed = flags.seed ?? loaded.scenario.seed;
  const design = buildDesign(flags.design ?? 'grid', flags.vary, flags.samples, seed);
  const weekly = flags.per === 'week';
  if (weekly && design.factors.some((f) => f.path === 'horizonWeeks')) throw new UsageError('--per week: every run must have the same weeks; do not --vary horizonWeeks');
  checkDesignPoints(loaded.scenario, design);
  const job = { ...designJob(loaded.scenario, design, seed, flags.reps), series: weekly };
  const H = loaded.scenario.horizonWeeks;
  const K = INDICATORS.length;
  const total = runCount(job);
  if (total > MAX_SWEEP_RUNS) throw new UsageError(`sweep: ${design.points} points × ${flags.reps} replications = ${total.toLocaleString('en')} runs; at most ${MAX_SWEEP_RUNS.toLocaleString('en')}`);
  const shard = flags.shard ?? { index: 0, count: 1 };
  const from = Math.floor((shard.index * total) / shard.count);
  const to = Math.floor(((shard.index + 1) * total) / shard.count);
  const out = resolve(flags.out);
  checkWritable(out, '--out');
  const columns = ['run', 'point', 'replication', 'seed', ...design.factors.map((f) => f.path), ...(weekly ? ['week', ...INDICATORS.map((d) => d.key)] : RUN_FIELD_KEYS)];
  const describe = { kind: design.kind, factors: design.factors, samples: design.samples ?? null, points: design.points };
  // The sweep (same for every shard), and this shard of it.
  const sweepId = createHash('sha256').update(canonicalJson({ kubeSim: VERSION, scenarioHash: loaded.hash, design: describe, seed, reps: flags.reps, columns, per: flags.per ?? 'run' })).digest('hex');
  const identity = createHash('sha256').update(canonicalJson({ sweepId, from, to })).digest('hex');

  const rowsPerRun = weekly ? H : 1;
  const partial = `${out}.partial`;
  const statePath = `${out}.partial.json`;
  const finished = existsSync(partial) ? null : finishedBefore(out, identity);
  if (finished) {
    process.stdout.write(`${flags.out} is already complete (the same sweep, finished ${finished}); nothing to do. Delete it to run it again.\n`);
    return 0;
  }
  const lock = takeLock(`${out}.partial.lock`);
  try {
    return await sweepLocked();
  } finally {
    lock.release();
  }

  async function sweepLocked(): Promise<number> {
    let done = resumeCount(partial, statePath, identity, rowsPerRun);
    const startedAt = new Date();
    if (done === null) {
      writeFileAtomic(statePath, `${JSON.stringify({ identity, command: process.argv.slice(2), from, to }, null, 2)}\n`);
      writeFileAtomic(partial, `${csvLine(columns)}\n`);
      done = 0;
    } else if (done > 0) {
      process.stderr.write(`sweep: resuming ${flags.out} after ${done} of ${to - from} runs\n`);
    }
    warnIfDiskShort(out, (to - from - done) * rowsPerRun * columns.length * BYTES_PER_CELL);

    const pointValues = (p: number): number[] =>
      design.grid ? Object.values(gridPointAt(design.grid.factors, design.grid.values, p)) : design.factors.map((f) => design.design!.points[p][f.path]);
    const fd = openSync(partial, 'a');
    let written = done;
    // Bytes of complete rows: a write that fails half-way (a full disk) is cut back to here.
    let size = statSync(partial).size;
    let lastSync = performance.now();
    const t0 = performance.now();
    try {
      await runJob('sweep', job, {
        workers: flags.workers,
        from: from + done,
        to,
        alreadyDone: done,
        onBatch(b) {
          const lines: string[] = [];
          let point = -1;
          let values: number[] = [];
          for (let j = b.from; j < b.to; j++) {
            const at = runAt(job, j);
            if (at.point !== point) {
              point = at.point;
              values = pointValues(point);
            }
            if (weekly) {
              const o = (j - b.from) * K * H;
              const r = (j - b.from) * F;
              const end = b.rows[r + FIELD.status] === 2 ? b.rows[r + FIELD.statusWeek] - 1 : H;
              for (let t = 0; t < H; t++) lines.push(csvLine([j, at.point, at.replication, seed, ...values, t + 1, ...weekCells(b.series!, o, H, t, end)]));
            } else {
              const o = (j - b.from) * F;
              lines.push(csvLine([j, at.point, at.replication, seed, ...values, ...RUN_FIELD_KEYS.map((_, k) => fieldText(k, b.rows[o + k]))]));
            }
          }
          const text = `${lines.join('\n')}\n`;
          try {
            appendAll(fd, text);
          } catch (e) {
            ftruncateSync(fd, size);
            throw naming(e, partial);
          }
          size += Buffer.byteLength(text);
          written += b.to - b.from;
          if (performance.now() - lastSync > 2000) {
            fsyncSync(fd);
            lastSync = performance.now();
          }
        },
      });
    } catch (e) {
      try {
        fsyncSync(fd);
      } catch {
        // The rows written are in the file either way; only their durability is in doubt.
      }
      closeSync(fd);
      if (e instanceof CancelledError) {
        process.stderr.write(`\nsweep: interrupted after ${written} of ${to - from} runs; ${flags.out}.partial keeps them. Run the same command again to resume.\n`);
        return signalExit(interruption.signal);
      }
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO') {
        process.stderr.write(`\nsweep: cannot write ${partial}: ${(e as Error).message}. It keeps the ${written} complete runs of ${to - from}; make room and run the same command again to resume.\n`);
        return 1;
      }
      if (e instanceof BatchFailedError) {
        process.stderr.write(`\nsweep: ${e.message}. ${flags.out}.partial keeps the ${written} complete runs of ${to - from}; run the same command again to resume.\n`);
        return 1;
      }
      throw e;
    }
    fsyncSync(fd);
    closeSync(fd);
    const seconds = (performance.now() - t0) / 1000;
    // The manifest first, then the CSV: a crash between the two leaves a finished .partial that
    // the same command renames on its next start, never a CSV without its manifest.
    writeFileAtomic(
      `${out}.json`,
      `${JSON.stringify(
        manifest({ scenario: loaded.scenario.name, scenarioFile: loaded.path, scenarioHash: loaded.hash, set: loaded.set, seed, replications: flags.reps, design: describe, per: weekly ? 'week' : 'run', rowsPerRun, runs: { total, from, to, shard: `${shard.index}/${shard.count}` }, sweepId, identity, columns, scenarioResolved: loaded.scenario }, startedAt),
        null,
        2,
      )}\n`,
    );
    renameSync(partial, out);
    syncFolder(dirname(out));
    rmSync(statePath, { force: true });
    const ran = to - from - done;
    process.stdout.write(`Wrote ${flags.out}: ${to - from} runs${weekly ? ` × ${H} weeks` : ''} (${shard.count > 1 ? `shard ${shard.index}/${shard.count} of ` : ''}${design.points} points × ${flags.reps} replications)${ran > 0 ? `; ran ${ran} in ${seconds.toFixed(1)} s (${Math.round(ran / seconds)} runs/s)` : ''}\n`);
    return 0;
  }
}

/** A CSV cell with its comma, on average (a per-run sweep of the default scenario: 9.3 bytes). */
const BYTES_PER_CELL = 9;

/** Say before the first run when the rows to write will likely not fit on the disk. */
function warnIfDiskShort(out: string, bytes: number): void {
  let free: number;
  try {
    const fs = statfsSync(dirname(out));
    free = fs.bavail * fs.bsize;
  } catch {
    return; // not every platform or file system can tell
  }
  if (bytes <= free) return;
  const size = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${Math.ceil(b / 1e3)} kB`);
  process.stderr.write(`sweep: about ${size(bytes)} to write and ${size(free)} free in ${dirname(out)}: the sweep will stop when the disk is full, keeping its complete rows, and resume when run again once there is room\n`);
}

/**
 * Runs already in a partial file of this same sweep, or null to start afresh. The file is cut
 * back to the end of its last complete run (`linesPerRun` rows each): a torn last line, or a run
 * whose weeks were only partly written, is dropped and run again. A partial file of a different
 * sweep is never overwritten.
 */
function resumeCount(partial: string, statePath: string, identity: string, linesPerRun: number): number | null {
  if (!existsSync(partial)) return null;
  if (!existsSync(statePath)) {
    throw new UsageError(`sweep: ${partial} exists but its state file ${statePath} does not, so it cannot be resumed safely; delete it, or choose another --out`);
  }
  let state: { identity?: string };
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8'));
  } catch {
    state = {};
  }
  if (state.identity !== identity) {
    throw new UsageError(`sweep: ${partial} holds an unfinished different sweep (other scenario, design, seed, replications, rows or shard); finish it with its own command, delete it, or choose another --out`);
  }
  // Count complete lines, streaming (the file may be large).
  const fd = openSync(partial, 'r+');
  try {
    const size = statSync(partial).size;
    const buf = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let keepBytes = -1; // end of the last complete run (or of the header)
    let keepLines = 0;
    for (let pos = 0; pos < size; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) {
        if (buf[i] !== 10) continue;
        lines++;
        if ((lines - 1) % linesPerRun === 0) {
          keepBytes = pos + i + 1;
          keepLines = lines;
        }
      }
      pos += n;
    }
    if (keepLines === 0) return null; // not even a whole header: start afresh
    if (keepBytes < size) ftruncateSync(fd, keepBytes);
    return (keepLines - 1) / linesPerRun;
  } finally {
    closeSync(fd);
  }
}

/** When `out` holds this very sweep, finished (its manifest says so), the finish time; else null. */
function finishedBefore(out: string, identity: string): string | null {
  if (!existsSync(out) || !existsSync(`${out}.json`)) return null;
  try {
    const m = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    return m.identity === identity ? String(m.finishedAt) : null;
  } catch {
    return null;
  }
}

/**
 * One writer per sweep file: a lock file beside it (created exclusively) holds the writer's host
 * and pid, and its time is refreshed every 10 s. A second process (a retried Kubernetes index
 * while the old pod is still stopping, a Slurm requeue race) is refused while the lock is fresh;
 * a lock left by a killed process is taken over (staleLock says when). The lock is removed when
 * the sweep ends, and by the 'exit' hook when the process ends before that (a second Ctrl-C).
 */
export function takeLock(path: string, command = 'sweep'): { release(): void } {
  const me = `${hostname()} ${process.pid}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const forget = removeOnExit(path);
      writeSync(fd, me);
      closeSync(fd);
      const beat = setInterval(() => {
        try {
          const now = new Date();
          utimesSync(path, now, now);
        } catch {
          // The lock is gone (deleted by hand); nothing to refresh.
        }
      }, 10_000);
      beat.unref();
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          clearInterval(beat);
          rmSync(path, { force: true });
          forget();
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = '';
      let age = Infinity;
      try {
        owner = readFileSync(path, 'utf8').trim();
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue; // it went away meanwhile: try again
      }
      if (!staleLock(owner, age)) {
        throw new UsageError(`${command}: another kube-sim (${owner || 'unknown'}) is writing ${path.replace(/\.lock$/, '')}; wait for it to finish, or delete ${path} if that process is gone`);
      }
      rmSync(path, { force: true }); // stale: its writer is gone
    }
  }
  throw new UsageError(`${command}: cannot take the lock ${path}`);
}

/**
 * Whether a sweep's lock held by `owner` ("host pid"), last refreshed `ageMs` ago, is left by a
 * writer that is gone. On this host: when that process no longer runs, or when it is this very
 * process (it has not taken the lock, so the lock is from an earlier life under the same pid: a
 * restarted container has the same host name and its command is pid 1 again). On another host
 * (a shared file system): when it has not been refreshed for a minute.
 */
export function staleLock(owner: string, ageMs: number, here: { host: string; pid: number } = { host: hostname(), pid: process.pid }): boolean {
  const [host, pidText] = owner.split(' ');
  const pid = Number(pidText);
  if (host === here.host) return !(Number.isInteger(pid) && pid > 0) || pid === here.pid || !processAlive(pid);
  return ageMs >= 60_000;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A comparison (or ensemble) across plausible worlds on a pool: the worlds in chunks, each chunk
 * one pool job (every package in every world of the chunk, replication order), fed to one
 * collector per world (experiment/worlds.ts). The command line (resumable, a chunk at a time) and
 * the page (one chunk) run this same code; a world's result depends only on its packages, its
 * constants, the seed and the replications, so any chunking and any number of workers give the
 * same bits.
 */
import { feedWorlds, WorldCollector, worldScenarios, type WorldResult } from '../experiment/worlds.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import type { Scenario, World } from '../model/index.ts';
import type { Pool } from './pool.ts';

/** What a worlds run needs: the packages, the worlds (by index), the seed and the replications per world. */
export interface WorldsJob {
  packages: readonly Scenario[];
  worlds: readonly World[];
  seed: number;
  reps: number;
}

export interface WorldsRunOptions {
  /** Worlds [from, to) of the job (default all). */
  from?: number;
  to?: number;
  /** Runs per pool job, rounded to whole worlds (default: all the worlds in one job). */
  chunkRuns?: number;
  signal?: AbortSignal;
  /** Each chunk's results, in world order, as soon as the chunk is done. */
  onChunk?(results: WorldResult[]): void;
  /** Runs done (from `from`) and runs in all. */
  onProgress?(done: number, total: number): void;
  /**
   * Awaited after each world's summary (a few ms: its bootstrap): a page hands in a macrotask, so
   * that summarising a chunk of worlds does not hold its main thread in one long task. The next
   * chunk runs on the workers meanwhile.
   */
  pause?(): Promise<void>;
}

/** Run worlds [from, to) of a job on `pool`; resolves to their results in world order. */
export async function runWorldsOn(pool: Pool, job: WorldsJob, opts: WorldsRunOptions = {}): Promise<WorldResult[]> {
  const P = job.packages.length;
  const from = opts.from ?? 0;
  const to = opts.to ?? job.worlds.length;
  const perWorld = P * job.reps;
  const chunk = Math.max(1, opts.chunkRuns === undefined ? to - from : Math.floor(opts.chunkRuns / perWorld));
  const total = (to - from) * perWorld;
  const all: WorldResult[] = [];
  // A chunk's worlds are summarised while the next chunk runs on the workers, and handed over in
  // order; a failure or cancel still hands over every chunk whose runs had all come back.
  let summarising: Promise<void> = Promise.resolve();
  // A summary that failed (a results file that cannot be written): no more chunks are started.
  let failed: { error: unknown } | null = null;
  const summarise = async (collectors: WorldCollector[]) => {
    const results: WorldResult[] = [];
    for (const c of collectors) {
      results.push(c.result(job.seed));
      if (opts.pause) await opts.pause();
    }
    all.push(...results);
    opts.onChunk?.(results);
  };
  try {
    for (let w0 = from; w0 < to && !failed; w0 += chunk) {
      const w1 = Math.min(to, w0 + chunk);
      const worlds = job.worlds.slice(w0, w1);
      const collectors = worlds.map((w, i) => new WorldCollector(w0 + i, w, job.packages));
      const spec: JobSpec = { scenarios: worldScenarios(job.packages, worlds), seed: job.seed, replications: job.reps, order: 'replication', series: false };
      const before = (w0 - from) * perWorld;
      await pool.run(spec, {
        signal: opts.signal,
        onBatch: (b) => feedWorlds(collectors, P, b.rows, b.from),
        onProgress: (d) => opts.onProgress?.(before + d, total),
      });
      summarising = summarising.then(() => (failed ? undefined : summarise(collectors))).catch((error: unknown) => {
        failed ??= { error };
      });
    }
  } finally {
    await summarising;
  }
  if (failed) throw (failed as { error: unknown }).error;
  return all;
}

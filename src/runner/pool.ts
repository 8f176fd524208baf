/**
 * A pool of workers that runs a job in batches, reports progress, cancels, retries a failed batch
 * once on a fresh worker, and hands batches to the caller strictly in run order. A run's numbers
 * depend only on its index, and the caller sees runs in index order, so 1 worker and 8 give
 * bit-identical results whatever the batch sizes.
 */
import { pointCount, runCount, type JobSpec } from '../experiment/jobs.ts';
import { releaseProxy, type Remote } from 'comlink';
import type { BatchResult, WorkerApi } from './api.ts';

/** What the pool needs of one worker: its API (possibly remote) and a way to end it. */
export interface WorkerHandle {
  prepare(id: number, job: JobSpec): Promise<void> | void;
  runBatch(id: number, from: number, to: number): Promise<BatchResult> | BatchResult;
  release(id: number): Promise<void> | void;
  /** Rejects if the worker dies (crash, out of memory, terminated from outside). */
  readonly dead: Promise<never>;
  /** Ends the worker; calling it again does nothing. */
  terminate(): void;
}

/**
 * A handle on a worker that speaks the API over comlink (a browser Worker or a Node
 * worker_thread): `dead` rejects when the worker dies, `end` stops the worker itself.
 */
export function remoteHandle(api: Remote<WorkerApi>, dead: Promise<never>, end: () => void): WorkerHandle {
  dead.catch(() => {}); // observed by the pool, one reaction per worker
  let ended = false;
  return {
    prepare: (id, job) => api.prepare(id, job),
    runBatch: (id, from, to) => api.runBatch(id, from, to),
    release: (id) => api.release(id),
    dead,
    // Idempotent: two jobs sharing a worker may both give it up (a released proxy throws).
    terminate() {
      if (ended) return;
      ended = true;
      api[releaseProxy]();
      end();
    },
  };
}

/** Makes a fresh worker. */
export type WorkerFactory = () => WorkerHandle;

export interface RunOptions {
  /** First and last-plus-one run index to execute (a shard, or the rest of a resumed sweep). */
  from?: number;
  to?: number;
  /** Called for each batch, in run order; may be async (the pool waits before handing the next). */
  onBatch(batch: BatchResult): void | Promise<void>;
  /** Called after each batch is handed over: runs done (from `from`) and runs in the range. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Aim for batches of about this many milliseconds (default 80; never less than 50). */
  batchMs?: number;
  /** Called when runs [from, to) failed on a worker and are about to be retried on a fresh one. */
  onRetry?(from: number, to: number, error: Error): void;
}

export interface RunSummary {
  runs: number;
  memberWeeks: number;
  batches: number;
  retries: number;
}

/** Thrown when a run is cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

/** Thrown when a batch failed twice: on its worker, then on a fresh one. Names the runs and the job. */
export class BatchFailedError extends Error {
  override name = 'BatchFailedError';
  constructor(
    message: string,
    /** The failed batch: runs [from, to). */
    readonly from: number,
    readonly to: number,
  ) {
    super(message);
  }
}

let nextJobId = 1;

export class Pool {
  readonly size: number;
  private readonly factory: WorkerFactory;
  private workers: (WorkerHandle | null)[];

  constructor(factory: WorkerFactory, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers: got ${size}; allowed: a whole number from 1`);
    this.factory = factory;
    this.size = size;
    this.workers = Array.from({ length: size }, () => null);
  }

  private worker(k: number): WorkerHandle {
    let w = this.workers[k];
    if (!w) {
      w = this.workers[k] = this.factory();
      // One reaction on `dead` per worker, fanned out to the calls in flight. (Racing every call
      // against `dead` would leave a reaction per call on a promise that never settles, keeping
      // every batch's result alive: 200 bytes a run, 350 MB over a million-run sweep.)
      const watch = { error: null as Error | null, listeners: new Set<(e: Error) => void>() };
      this.deaths.set(w, watch);
      w.dead.catch((e: Error) => {
        watch.error = e ?? new Error('worker died');
        for (const l of watch.listeners) l(watch.error);
        watch.listeners.clear();
      });
    }
    return w;
  }

  private readonly deaths = new WeakMap<WorkerHandle, { error: Error | null; listeners: Set<(e: Error) => void> }>();

  /** The call's result, or the worker's death if it comes first. */
  private untilDeath<T>(w: WorkerHandle, call: () => Promise<T> | T): Promise<T> {
    const watch = this.deaths.get(w)!;
    if (watch.error) return Promise.reject(watch.error);
    this.count(w, +1);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        watch.listeners.delete(onDeath);
        this.count(w, -1);
        return true;
      };
      const onDeath = (e: Error) => settle() && reject(e);
      watch.listeners.add(onDeath);
      Promise.resolve()
        .then(call)
        .then(
          (v) => settle() && resolve(v),
          (e) => settle() && reject(e),
        );
    });
  }

  /**
   * Give up `old`, worker k, after a failure: it is terminated, and slot k gets a fresh worker when
   * next needed. When two jobs share the pool both see the death, but only the first frees the
   * slot; the second must not end the replacement the first has already started.
   */
  private discard(k: number, old: WorkerHandle): void {
    if (this.workers[k] === old) this.retire(k);
    else this.end(old);
  }

  /** Terminate worker k now (a fresh one is made when next needed). */
  private retire(k: number): void {
    const w = this.workers[k];
    this.workers[k] = null;
    if (w) this.end(w);
  }

  /** A terminated browser Worker never answers its calls in flight: forget them with it. */
  private end(w: WorkerHandle): void {
    w.terminate();
    this.calls.delete(w);
  }

  /** Calls in flight on each worker, over every job running on the pool. */
  private readonly calls = new Map<WorkerHandle, number>();

  private count(w: WorkerHandle, by: number): void {
    const n = (this.calls.get(w) ?? 0) + by;
    if (n > 0) this.calls.set(w, n);
    else this.calls.delete(w);
  }

  /** End every worker. */
  close(): void {
    for (const w of this.workers) w?.terminate();
    this.workers = this.workers.map(() => null);
  }

  /** Run a job (or a range of its runs); resolves when every batch has been handed over in order. */
  run(job: JobSpec, opts: RunOptions): Promise<RunSummary> {
    const id = nextJobId++;
    const start = opts.from ?? 0;
    const end = opts.to ?? runCount(job);
    if (!(start >= 0 && end >= start && end <= runCount(job))) throw new RangeError(`runs ${start}–${end}: outside the job's ${runCount(job)} runs`);
    const points = pointCount(job);
    const jobName = `job ${id} (${points} scenario${points === 1 ? '' : 's'} × ${job.replications} replications, seed ${job.seed})`;
    const total = end - start;
    const targetMs = Math.max(50, opts.batchMs ?? 80);
    const summary: RunSummary = { runs: 0, memberWeeks: 0, batches: 0, retries: 0 };
    const prepared = new Set<WorkerHandle>();
    // The worker each slot is running this job's batch on, while it runs.
    const running = new Array<WorkerHandle | null>(this.size).fill(null);
    const done = new Map<number, BatchResult>();
    // Runs per millisecond, learned from the first batches; starts small so results come early.
    let perMs = 0;
    let cursor = start;
    let delivered = start;
    let delivering = false;
    let failed = false;
    const maxAhead = this.size * 3;

    return new Promise<RunSummary>((resolve, reject) => {
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        opts.signal?.removeEventListener('abort', onAbort);
        // A batch of this job still running is wasted work: its worker is stopped at once rather
        // than waited for (a cancel then ends within a few ms, not a batch's length), unless
        // another job on the pool has a call on it too.
        running.forEach((w, k) => {
          if (w && this.workers[k] === w && this.calls.get(w) === 1) {
            prepared.delete(w);
            this.retire(k);
          }
        });
        for (const w of prepared) void Promise.resolve(w.release(id)).catch(() => {});
        reject(e);
      };
      const onAbort = () => fail(new CancelledError());
      if (opts.signal?.aborted) return fail(new CancelledError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const nextSize = () => {
        const remaining = end - cursor;
        const ideal = perMs > 0 ? Math.ceil(perMs * targetMs) : 4;
        // Leave work for every worker near the end, so no one waits on a single long batch.
        const fair = Math.ceil(remaining / this.size);
        return Math.max(1, Math.min(ideal, fair, remaining, 100_000));
      };

      const deliver = async () => {
        if (delivering) return;
        delivering = true;
        try {
          while (!failed && done.has(delivered)) {
            const b = done.get(delivered)!;
            done.delete(delivered);
            await opts.onBatch(b);
            if (failed) return;
            summary.runs += b.to - b.from;
            summary.memberWeeks += b.memberWeeks;
            summary.batches++;
            delivered = b.to;
            opts.onProgress?.(delivered - start, total);
            pump();
          }
          if (!failed && delivered === end) {
            opts.signal?.removeEventListener('abort', onAbort);
            for (const w of prepared) void Promise.resolve(w.release(id)).catch(() => {});
            resolve(summary);
          }
        } catch (e) {
          fail(e);
        } finally {
          delivering = false;
        }
      };

      const busy = new Array<boolean>(this.size).fill(false);
      const execute = async (k: number, from: number, to: number, attempt: number): Promise<void> => {
        let w: WorkerHandle | null = null;
        try {
          w = running[k] = this.worker(k);
          const worker = w;
          if (!prepared.has(worker)) {
            await this.untilDeath(worker, () => worker.prepare(id, job));
            prepared.add(worker);
          }
          const t0 = performance.now();
          const b = await this.untilDeath(worker, () => worker.runBatch(id, from, to));
          running[k] = null;
          const ms = performance.now() - t0;
          if (ms > 1) perMs = perMs > 0 ? 0.5 * perMs + 0.5 * ((to - from) / ms) : (to - from) / ms;
          if (failed) return;
          done.set(from, b);
          busy[k] = false;
          void deliver();
          pump();
        } catch (e) {
          running[k] = null;
          if (failed) return;
          const why = (e as Error)?.message ?? String(e);
          try {
            if (w) {
              prepared.delete(w);
              this.discard(k, w);
            }
            if (attempt === 0) {
              summary.retries++;
              opts.onRetry?.(from, to, e instanceof Error ? e : new Error(why));
              return execute(k, from, to, 1);
            }
          } catch (e2) {
            return fail(e2);
          }
          fail(new BatchFailedError(`runs ${from}–${to - 1} of ${jobName} failed twice (the second time on a fresh worker): ${why}`, from, to));
        }
      };

      const pump = () => {
        for (let k = 0; k < this.size && !failed; k++) {
          if (busy[k] || cursor >= end) continue;
          if (done.size + busy.filter(Boolean).length >= maxAhead) return;
          const from = cursor;
          const to = from + nextSize();
          cursor = to;
          busy[k] = true;
          void execute(k, from, to, 0);
        }
      };

      if (total === 0) resolve(summary);
      else pump();
    });
  }
}

/**
 * A pool of workers that runs a job in batches, reports progress, cancels, retries a failed batch
 * once on a fresh worker (not a broken model invariant, which would fail again), and hands batches
 * to the caller strictly in run order. Jobs may share it; one job's failure or cancel never fails
 * another's calls, and close() ends every worker and every job still running. A run's numbers
 * depend only on its index, and the caller sees runs in index order, so 1 worker and 8 give
 * bit-identical results whatever the batch sizes.
 */
import { pointCount, runCount, type JobSpec } from '../experiment/jobs.ts';
import { releaseProxy, type Remote } from 'comlink';
import type { BatchResult, WorkerApi } from './api.ts';
import { clearSlot, readSlot } from './slots.ts';

/** What the pool needs of one worker: its API (possibly remote) and a way to end it. */
export interface WorkerHandle {
  prepare(id: number, job: JobSpec, opts?: { slots?: boolean }): Promise<void> | void;
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
  // The worker's slots of shared memory, each from the first batch it wrote there (slots.ts).
  const memories = new Map<number, SharedArrayBuffer>();
  const fromSlot = (b: BatchResult): BatchResult => {
    const ref = b.slot;
    if (!ref) return b;
    if (ref.memory) memories.set(ref.index, ref.memory);
    const memory = memories.get(ref.index);
    if (!memory) throw new Error(`batch of runs ${b.from}–${b.to - 1}: in slot ${ref.index} of shared memory, which this pool was never given`);
    const { series, bins } = readSlot(memory, ref);
    let released = false;
    return {
      from: b.from, to: b.to, rows: b.rows, series, bins, memberWeeks: b.memberWeeks,
      release() {
        if (released || ended) return;
        released = true;
        clearSlot(memory);
        api.freeSlot(ref.index).catch(() => {});
      },
    };
  };
  return {
    // Once ended, the proxy is released and any call on it throws synchronously: a job that had
    // prepared this worker may still try to free its entry (another job ended the worker).
    prepare: (id, job, opts) => (ended ? Promise.reject(new Error('worker terminated')) : api.prepare(id, job, opts)),
    runBatch: (id, from, to) => (ended ? Promise.reject(new Error('worker terminated')) : api.runBatch(id, from, to).then(fromSlot)),
    release: (id) => (ended ? undefined : api.release(id)),
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
  /**
   * onBatch keeps nothing of a batch's `series` and `bins` once it has returned (or its promise
   * has settled), so workers that can share memory with this thread write them into slots of it
   * (slots.ts), given back after each batch. Without it, each batch's series and bins are buffers
   * of their own, moved to this thread (slower with bands: docs/PERFORMANCE.md, "Workers").
   */
  recycle?: boolean;
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

/**
 * Thrown when a batch failed twice (on its worker, then on a fresh one), or once with a broken model
 * invariant (deterministic: not retried). Names the runs and the job; `cause` is the worker's error
 * (through comlink a plain Error keeping the original's `name` and `message`, e.g. 'InvariantError').
 */
export class BatchFailedError extends Error {
  override name = 'BatchFailedError';
  constructor(
    message: string,
    /** The failed batch: runs [from, to). */
    readonly from: number,
    readonly to: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Thrown by run() on a closed pool, and by a job still running when its pool is closed. */
export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
  constructor() {
    super('the worker pool was closed');
  }
}

/**
 * A call cut off because the pool ended its worker for another job, or never sent because the
 * worker had already gone: not the batch's fault, so it runs again without using up its retry.
 */
class WorkerGoneError extends Error {
  override name = 'WorkerGoneError';
  constructor() {
    super('worker terminated by the pool');
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

  /** Worker k, alive: a fresh one if the slot is empty or its worker died while idle. */
  private worker(k: number): WorkerHandle {
    if (this.closed) throw new PoolClosedError();
    let w = this.workers[k];
    if (w && this.deaths.get(w)!.error) {
      this.workers[k] = null;
      this.end(w);
      w = null;
    }
    if (!w) {
      const fresh = (w = this.workers[k] = this.factory());
      this.live.add(fresh);
      // One reaction on `dead` per worker, fanned out to the calls in flight. (Racing every call
      // against `dead` would leave a reaction per call on a promise that never settles, keeping
      // every batch's result alive: 200 bytes a run, 350 MB over a million-run sweep.)
      this.deaths.set(fresh, { error: null, listeners: new Set() });
      fresh.dead.catch((e: Error) => this.gone(fresh, e ?? new Error('worker died')));
    }
    return w;
  }

  private readonly deaths = new WeakMap<WorkerHandle, { error: Error | null; listeners: Set<(e: Error) => void> }>();

  /** Worker w died or was ended: its calls in flight reject with `e` (the first reason only). */
  private gone(w: WorkerHandle, e: Error): void {
    const watch = this.deaths.get(w);
    if (!watch || watch.error) return;
    watch.error = e;
    for (const l of watch.listeners) l(e);
    watch.listeners.clear();
  }

  /** The call's result, or the worker's death if it comes first. */
  private untilDeath<T>(w: WorkerHandle, call: () => Promise<T> | T): Promise<T> {
    const watch = this.deaths.get(w)!;
    if (watch.error) return Promise.reject(new WorkerGoneError());
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
   * Give up `old`, worker k, after one of its calls failed: slot k gets a fresh worker when next
   * needed. A worker that died is terminated now. One whose call merely threw is alive and may be
   * running other jobs' calls: it is terminated once they are done, not under them (they would fail
   * and use up their retry). When two jobs share the pool both see a death, but only the first
   * frees the slot; the second must not end the replacement the first has already started.
   */
  private discard(k: number, old: WorkerHandle): void {
    if (this.workers[k] === old) this.workers[k] = null;
    if (this.deaths.get(old)?.error || !this.calls.has(old)) this.end(old);
    else this.draining.add(old);
  }

  /** Terminate worker w now, wherever it is (its slot gets a fresh worker when next needed). */
  private drop(w: WorkerHandle): void {
    const k = this.workers.indexOf(w);
    if (k >= 0) this.workers[k] = null;
    this.end(w);
  }

  /**
   * Terminate w (once). A terminated browser Worker never answers its calls in flight, and a Node
   * thread says so only later: they are rejected now, and forgotten with it.
   */
  private end(w: WorkerHandle): void {
    if (this.ended.has(w)) return;
    this.ended.add(w);
    this.live.delete(w);
    this.draining.delete(w);
    this.calls.delete(w);
    try {
      w.terminate();
    } catch {
      // Nothing more the pool can do for a worker that cannot be stopped; it is not used again.
    }
    this.gone(w, new WorkerGoneError());
  }

  /** Free job `id` on w, unless w is ended; never throws (a job must settle whatever w does). */
  private release(w: WorkerHandle, id: number): void {
    if (this.ended.has(w)) return;
    try {
      void Promise.resolve(w.release(id)).catch(() => {});
    } catch {
      // A worker that cannot answer holds nothing worth freeing.
    }
  }

  /** Calls in flight on each worker, over every job running on the pool. */
  private readonly calls = new Map<WorkerHandle, number>();
  /** Workers made and not yet ended (close() ends them all). */
  private readonly live = new Set<WorkerHandle>();
  private readonly ended = new WeakSet<WorkerHandle>();
  /** Workers given up while other jobs' calls ran on them: ended when the last one is done. */
  private readonly draining = new Set<WorkerHandle>();
  private closed = false;

  private count(w: WorkerHandle, by: number): void {
    const n = (this.calls.get(w) ?? 0) + by;
    if (n > 0) this.calls.set(w, n);
    else {
      this.calls.delete(w);
      if (this.draining.has(w)) this.end(w);
    }
  }

  /** End every worker. Jobs still running reject with PoolClosedError; later run()s do too. */
  close(): void {
    this.closed = true;
    this.workers.fill(null);
    for (const w of [...this.live]) this.end(w);
  }

  /** Run a job (or a range of its runs); resolves when every batch has been handed over in order. */
  run(job: JobSpec, opts: RunOptions): Promise<RunSummary> {
    if (this.closed) return Promise.reject(new PoolClosedError());
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
        for (const w of running) {
          if (w && this.calls.get(w) === 1) {
            prepared.delete(w);
            this.drop(w);
          }
        }
        for (const w of prepared) this.release(w, id);
        // Batches finished but never handed over: nobody will read their slots.
        for (const b of done.values()) {
          try {
            b.release?.();
          } catch {
            // A worker gone meanwhile took its slots with it.
          }
        }
        done.clear();
        reject(e);
      };
      const onAbort = () => fail(new CancelledError());
      if (opts.signal?.aborted) return fail(new CancelledError());
      if (total === 0) return resolve(summary);
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
            try {
              await opts.onBatch(b);
            } finally {
              if (opts.recycle) b.release?.();
            }
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
            for (const w of prepared) this.release(w, id);
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
            await this.untilDeath(worker, () => worker.prepare(id, job, { slots: opts.recycle === true }));
            // Failed meanwhile: its entries were freed already; free this one too and stop.
            if (failed) return this.release(worker, id);
            prepared.add(worker);
          }
          const t0 = performance.now();
          const b = await this.untilDeath(worker, () => worker.runBatch(id, from, to));
          running[k] = null;
          const ms = performance.now() - t0;
          if (ms > 1) perMs = perMs > 0 ? 0.5 * perMs + 0.5 * ((to - from) / ms) : (to - from) / ms;
          if (failed) return b.release?.();
          done.set(from, b);
          busy[k] = false;
          // The worker's next batch first, then the hand-over: onBatch (folding a batch into bands
          // takes a fifth of a batch's time) then runs while the worker computes. untilDeath sends
          // a call from a microtask, so the hand-over waits for the one after it.
          pump();
          queueMicrotask(() => void deliver());
        } catch (e) {
          running[k] = null;
          if (failed) return;
          if (this.closed) return fail(new PoolClosedError());
          // The pool ended the worker under the call for another job: run the batch again.
          if (e instanceof WorkerGoneError) return execute(k, from, to, attempt);
          const error = e instanceof Error ? e : new Error(String(e));
          // A broken invariant is the model's, the same on any worker: not retried, and the worker
          // (sound) is kept. The name survives comlink, the class does not.
          if (error.name === 'InvariantError') {
            return fail(new BatchFailedError(`runs ${from}–${to - 1} of ${jobName} broke a model invariant: ${error.message}`, from, to, { cause: error }));
          }
          try {
            if (w) {
              prepared.delete(w);
              this.discard(k, w);
            }
            if (attempt === 0) {
              summary.retries++;
              opts.onRetry?.(from, to, error);
              return execute(k, from, to, 1);
            }
          } catch (e2) {
            return fail(e2);
          }
          fail(new BatchFailedError(`runs ${from}–${to - 1} of ${jobName} failed twice (the second time on a fresh worker): ${error.message}`, from, to, { cause: error }));
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

      pump();
    });
  }
}

/**
 * Cancel latency, as bench:faults measures it in Node and in Chromium: a worker factory wrapped so
 * that each worker's batches in flight and its death are seen, and one timed cancel of a large
 * ensemble. "Stopped" means every worker has either no batch in flight or has exited.
 */
import type { JobSpec } from '../src/experiment/jobs.ts';
import { Pool, type WorkerFactory, type WorkerHandle } from '../src/runner/pool.ts';

interface Watched {
  inFlight: number;
  exited: boolean;
  /** Called whenever the worker may have stopped. */
  changed: Set<() => void>;
}

/**
 * A factory whose workers report when they have stopped (no batch in flight, or exited). A Node
 * worker_thread reports its exit (its `dead` rejects); a browser Worker is stopped by terminate()
 * itself and sends no event, so there `terminateStops` counts the call as the stop.
 */
export function watchedFactory(factory: WorkerFactory, terminateStops = false) {
  const all: Watched[] = [];
  const wrapped: WorkerFactory = (): WorkerHandle => {
    const w = factory();
    const rec: Watched = { inFlight: 0, exited: false, changed: new Set() };
    all.push(rec);
    const ping = () => rec.changed.forEach((f) => f());
    w.dead.catch(() => {
      rec.exited = true;
      ping();
    });
    return {
      prepare: (id, job) => w.prepare(id, job),
      release: (id) => w.release(id),
      runBatch(id, from, to) {
        rec.inFlight++;
        const settle = () => {
          rec.inFlight--;
          ping();
        };
        const p = Promise.resolve(w.runBatch(id, from, to));
        p.then(settle, settle);
        return p;
      },
      dead: w.dead,
      terminate() {
        w.terminate();
        if (terminateStops) {
          rec.exited = true;
          ping();
        }
      },
    };
  };
  /** Resolves (with the time) once every worker made so far has stopped. */
  const allStopped = () =>
    new Promise<number>((resolve) => {
      const check = () => {
        if (all.every((r) => r.exited || r.inFlight === 0)) {
          all.forEach((r) => r.changed.delete(check));
          resolve(performance.now());
        }
      };
      all.forEach((r) => r.changed.add(check));
      check();
    });
  return { factory: wrapped, allStopped, workersMade: () => all.length };
}

export interface Trial {
  /** From abort() to the run's promise rejecting. */
  rejectMs: number;
  /** From abort() to every worker stopped. */
  stopMs: number;
  /** Runs handed over before the cancel, and batches handed over after it (must be 0). */
  runsBefore: number;
  batchesAfter: number;
}

/** Start a large ensemble on a warm pool, cancel it `afterMs` after its first batch, time the stop. */
export async function cancelTrial(pool: Pool, allStopped: () => Promise<number>, job: JobSpec, afterMs: number): Promise<Trial> {
  const ac = new AbortController();
  let abortedAt = 0;
  let runsBefore = 0;
  let batchesAfter = 0;
  // Start the workers (a cancel may have stopped them) and warm them up, as an app's pool is.
  await pool.run({ ...job, replications: 40 * pool.size }, { onBatch() {} });
  let first!: () => void;
  const started = new Promise<void>((r) => (first = r));
  const run = pool.run(job, {
    signal: ac.signal,
    onBatch(b) {
      if (abortedAt) batchesAfter++;
      else runsBefore += b.to - b.from;
      first();
    },
  });
  const outcome = run.then(
    () => 'finished',
    (e: Error) => e.name,
  );
  await started;
  await new Promise((r) => setTimeout(r, afterMs));
  abortedAt = performance.now();
  ac.abort();
  const [what, stoppedAt] = await Promise.all([outcome.then((w) => [w, performance.now()] as const), allStopped()]);
  if (what[0] !== 'CancelledError') throw new Error(`the run ended with ${what[0]}, not a cancel (make the job larger)`);
  // Anything handed over after the cancel would show up here.
  await new Promise((r) => setTimeout(r, 50));
  return { rejectMs: what[1] - abortedAt, stopMs: stoppedAt - abortedAt, runsBefore, batchesAfter };
}

export function describeTrials(label: string, trials: Trial[]) {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const stop = sorted(trials.map((t) => t.stopMs));
  const reject = sorted(trials.map((t) => t.rejectMs));
  const med = (xs: number[]) => xs[Math.floor(xs.length / 2)];
  return {
    label,
    trials: trials.length,
    stopMedianMs: Math.round(med(stop) * 10) / 10,
    stopMaxMs: Math.round(stop[stop.length - 1] * 10) / 10,
    rejectMaxMs: Math.round(reject[reject.length - 1] * 10) / 10,
    batchesAfterCancel: trials.reduce((n, t) => n + t.batchesAfter, 0),
  };
}

/**
 * Faults in real worker_threads: a worker that throws, exits or dies of an uncaught error in the
 * middle of an ensemble. The pool says which runs failed, retries them once on a fresh worker and
 * then gives bit for bit the results of a clean run; a batch that fails again rejects the run,
 * naming the runs and the job, with no worker left running and no unhandled rejection. A cancel
 * stops every worker at once and hands nothing over afterwards; a job sharing a worker another
 * job's cancel terminated still settles. A broken model invariant is not retried. (Times are measured by
 * `npm run bench:faults`, not asserted here.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobSpec } from '../../src/experiment/jobs.ts';
import { parseScenario } from '../../src/index.ts';
import { F } from '../../src/experiment/outcomes.ts';
import { nodeWorker } from '../../src/runner/node-pool.ts';
import { BatchFailedError, CancelledError, Pool, type WorkerHandle } from '../../src/runner/pool.ts';
import { expectSameBits } from '../same-bits.ts';
import type { Fault } from './fixtures/faulty-worker.ts';

const FAULTY = new URL('./fixtures/faulty-worker-boot.mjs', import.meta.url);
const base = parseScenario({ horizonWeeks: 104 });
const other = parseScenario({ horizonWeeks: 104, group: { size: 8 } });
const job: JobSpec = { scenarios: [base, other], seed: 11, replications: 60, order: 'replication', series: true };
const RUNS = 120;

/** Worker threads whose n-th one (from 0) gets `plan(n)`'s fault; each one's end is recorded. */
function threads(plan: (n: number) => Fault | null) {
  const made: { exited: boolean; terminated: boolean; calls: number }[] = [];
  const factory = (): WorkerHandle => {
    const fault = plan(made.length);
    const w = fault ? nodeWorker(FAULTY, fault) : nodeWorker();
    const rec = { exited: false, terminated: false, calls: 0 };
    made.push(rec);
    w.dead.catch(() => (rec.exited = true));
    // Calls in flight, counted before the pool sees their answers.
    const counted = <T>(call: () => Promise<T> | T): Promise<T> => {
      rec.calls++;
      const p = Promise.resolve(call());
      p.then(() => rec.calls--, () => rec.calls--);
      return p;
    };
    return {
      prepare: (id, spec, o) => counted(() => w.prepare(id, spec, o)),
      runBatch: (id, from, to) => counted(() => w.runBatch(id, from, to)),
      release: (id) => w.release(id),
      dead: w.dead,
      terminate: () => ((rec.terminated = true), w.terminate()),
    };
  };
  /** Resolves once every worker made has exited. */
  const allExited = async () => {
    while (made.some((r) => !r.exited)) await new Promise((r) => setTimeout(r, 10));
  };
  return { factory, made, allExited };
}

/** Rows, series and every retry of a run of `job` on `pool`. */
async function collect(pool: Pool, spec: JobSpec = job) {
  const rows = new Float64Array(RUNS * F);
  const series: Float64Array[] = [];
  const retries: { from: number; to: number; message: string }[] = [];
  const handed: number[] = [];
  const summary = await pool.run(spec, {
    onBatch(b) {
      handed.push(b.from);
      rows.set(b.rows, b.from * F);
      series.push(b.series!);
    },
    onRetry: (from, to, e) => retries.push({ from, to, message: e.message }),
  });
  const all = new Float64Array(series.reduce((n, s) => n + s.length, 0));
  series.reduce((at, s) => (all.set(s, at), at + s.length), 0);
  return { rows, series: all, retries, summary, handed };
}

// A run that rejects must not leave a promise rejected with nobody listening.
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(() => expect(unhandled).toEqual([]));

let clean: Awaited<ReturnType<typeof collect>>;
beforeAll(async () => {
  const pool = new Pool(nodeWorker, 2);
  try {
    clean = await collect(pool);
  } finally {
    pool.close();
  }
  expect(clean.summary.retries).toBe(0);
}, 60_000);

describe('a worker_thread fails once in the middle of an ensemble', () => {
  const AT = 70;
  for (const kind of ['throw', 'exit', 'uncaught'] as const) {
    it(`${kind}: the batch is retried once on a fresh worker and the results are bit-identical to a clean run`, async () => {
      // Only the first two workers carry the fault; their replacements are sound.
      const t = threads((n) => (n < 2 ? { kind, atRun: AT } : null));
      const pool = new Pool(t.factory, 2);
      const got = await collect(pool).finally(() => pool.close());
      expect(got.summary.retries).toBe(1);
      expect(got.retries).toHaveLength(1);
      const [r] = got.retries;
      expect(r.from).toBeLessThanOrEqual(AT);
      expect(r.to).toBeGreaterThan(AT);
      expect(r.message).toMatch(kind === 'throw' ? /injected fault in runs/ : kind === 'exit' ? /worker exited with code 3/ : /worker crashed: injected uncaught error/);
      expectSameBits(got.rows, clean.rows);
      expectSameBits(got.series, clean.series);
      expect(t.made).toHaveLength(3);
      await t.allExited();
    }, 60_000);
  }

  it('two jobs sharing the pool both see the death; both finish right on one replacement', async () => {
    // The first worker exits on the first batch it is given; the other job's batch waits behind it.
    const t = threads((n) => (n === 0 ? { kind: 'exit', onCall: 1 } : null));
    const pool = new Pool(t.factory, 1);
    const [a, b] = await Promise.all([collect(pool), collect(pool)]).finally(() => pool.close());
    expect(a.summary.retries + b.summary.retries).toBe(2);
    for (const got of [a, b]) {
      expectSameBits(got.rows, clean.rows);
      expectSameBits(got.series, clean.series);
    }
    expect(t.made).toHaveLength(2);
    await t.allExited();
  }, 60_000);
});

describe('a batch that fails on its fresh worker too', () => {
  for (const kind of ['throw', 'exit', 'uncaught'] as const) {
    it(`${kind}: the run rejects naming the runs and the job, hands over nothing from the bad batch on, and stops every worker`, async () => {
      const AT = 50;
      const t = threads(() => ({ kind, atRun: AT }));
      const pool = new Pool(t.factory, 2);
      const got = collect(pool);
      const error = await got.then(() => null, (e: Error) => e);
      expect(error).toBeInstanceOf(BatchFailedError);
      const m = /^runs (\d+)–(\d+) of job \d+ \(2 scenarios × 60 replications, seed 11\) failed twice \(the second time on a fresh worker\): (.*)$/.exec(error!.message);
      expect(m, error!.message).not.toBeNull();
      expect(Number(m![1])).toBeLessThanOrEqual(AT);
      expect(Number(m![2])).toBeGreaterThanOrEqual(AT);
      expect([(error as BatchFailedError).from, (error as BatchFailedError).to - 1]).toEqual([Number(m![1]), Number(m![2])]);
      // The two failed workers were terminated; any other is idle, and close ends it.
      expect(t.made.filter((r) => r.terminated).length).toBeGreaterThanOrEqual(2);
      pool.close();
      await t.allExited();
      expect(t.made.every((r) => r.terminated)).toBe(true);
    }, 60_000);
  }
});

describe('cancel, worker_threads', () => {
  it('stops the workers with a batch in flight at once, hands nothing over afterwards, and the pool runs the next job right', async () => {
    const t = threads(() => null);
    const pool = new Pool(t.factory, 2);
    const big: JobSpec = { ...job, replications: 100_000 };
    const ac = new AbortController();
    let aborted = false;
    let after = 0;
    let handed = 0;
    let busyAtCancel: boolean[] = [];
    let terminatedByCancel: boolean[] = [];
    const run = pool.run(big, {
      signal: ac.signal,
      onBatch() {
        if (aborted) after++;
        // Cancel at the first handover from the 4th on at which some worker has a call in flight
        // (by the test's count, which starts after the pool's and ends before it: a worker the
        // test sees busy, the pool does too; the pool may also see busy one the test sees idle).
        else if (++handed >= 4 && t.made.some((r) => r.calls > 0)) {
          aborted = true;
          busyAtCancel = t.made.map((r) => r.calls > 0);
          ac.abort();
          terminatedByCancel = t.made.map((r) => r.terminated);
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    // Every worker busy with the job was terminated by the abort itself, not left to finish.
    expect(busyAtCancel.some(Boolean)).toBe(true);
    busyAtCancel.forEach((busy, i) => busy && expect(terminatedByCancel[i], `worker ${i} was busy at the cancel`).toBe(true));
    while (t.made.some((r) => r.terminated && !r.exited)) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(after).toBe(0);
    // Fresh workers take over for the next job, with the same numbers.
    const next = await collect(pool).finally(() => pool.close());
    expectSameBits(next.rows, clean.rows);
    expectSameBits(next.series, clean.series);
  }, 60_000);
});

describe('two jobs on one shared worker, one cancelled while the other waits on its caller', () => {
  // Job A (runs 0–4) is given out in full, then waits in its first onBatch; job B starts on the
  // same worker and is cancelled with its batch in flight, so B's cancel terminates the worker A
  // had prepared. A must still settle, and free nothing on the terminated worker.
  const A = 5;
  async function scenario(endA: 'finish' | 'abort') {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    const t = threads(() => null);
    // A signal when A's last batch has come back, and a hook called as a batch is given out.
    let given: (() => void) | null = null;
    let lastOfADone!: () => void;
    const lastOfA = new Promise<void>((r) => (lastOfADone = r));
    const pool = new Pool((): WorkerHandle => {
      const w = t.factory();
      return {
        ...w,
        runBatch(id, from, to) {
          const p = Promise.resolve(w.runBatch(id, from, to));
          if (to === A) p.then(() => lastOfADone(), () => {});
          given?.();
          return p;
        },
      };
    }, 1);
    try {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const rows = new Float64Array(A * F);
      const series: Float64Array[] = [];
      const acA = new AbortController();
      const a = pool.run(job, {
        to: A,
        signal: acA.signal,
        async onBatch(b) {
          if (b.from === 0) await gate;
          rows.set(b.rows, b.from * F);
          series.push(b.series!);
        },
      });
      const settledA = a.then((s) => ({ ok: true as const, s }), (e: unknown) => ({ ok: false as const, e }));
      await lastOfA;
      // A has no call in flight now and nothing left to give out: B gets the worker.
      await new Promise((r) => setTimeout(r, 0));
      const acB = new AbortController();
      // B is cancelled as its first batch is given to the shared worker.
      given = () => {
        given = null;
        acB.abort();
      };
      const b = pool.run(job, { signal: acB.signal, onBatch() {} });
      await expect(b).rejects.toBeInstanceOf(CancelledError);
      expect(t.made[0].terminated).toBe(true);
      if (endA === 'abort') acA.abort();
      open();
      const got = await settledA;
      expect(uncaught).toEqual([]);
      return { got, rows, series };
    } finally {
      process.off('uncaughtException', onUncaught);
      pool.close();
      await t.allExited();
    }
  }

  it('the other job finishes, bit-identical to a clean run, with no unhandled rejection or uncaught exception', async () => {
    const { got, rows, series } = await scenario('finish');
    expect(got.ok, String(!got.ok && got.e)).toBe(true);
    expect(got.ok && got.s.runs).toBe(A);
    expectSameBits(rows, clean.rows.subarray(0, A * F));
    const all = new Float64Array(series.reduce((n, s) => n + s.length, 0));
    series.reduce((at, s) => (all.set(s, at), at + s.length), 0);
    expectSameBits(all, clean.series.subarray(0, all.length));
    expect(all.length * RUNS).toBe(clean.series.length * A);
  }, 60_000);

  it('the other job, cancelled too, rejects with CancelledError and no uncaught exception', async () => {
    const { got } = await scenario('abort');
    expect(got.ok).toBe(false);
    expect(!got.ok && got.e).toBeInstanceOf(CancelledError);
  }, 60_000);
});

describe('a broken model invariant in a worker_thread', () => {
  it('fails the run at once, not retried on a fresh worker, naming the runs, the job and the invariant', async () => {
    const AT = 50;
    const t = threads(() => ({ kind: 'invariant', atRun: AT }));
    const pool = new Pool(t.factory, 2);
    const retried: string[] = [];
    const error = await pool
      .run(job, { onBatch() {}, onRetry: (_from, _to, e) => void retried.push(e.message) })
      .then(() => null, (e: Error) => e)
      .finally(() => pool.close());
    expect(retried).toEqual([]);
    expect(error).toBeInstanceOf(BatchFailedError);
    const m = /^runs (\d+)–(\d+) of job \d+ \(2 scenarios × 60 replications, seed 11\) broke a model invariant: week 12: trust\[3→5\] = 1\.25: outside \[0, 1\]$/.exec(error!.message);
    expect(m, error!.message).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(AT);
    expect(Number(m![2])).toBeGreaterThanOrEqual(AT);
    // The worker's error, as comlink brings it: its name and message.
    const cause = error!.cause as Error;
    expect(cause.name).toBe('InvariantError');
    expect(cause.message).toBe('week 12: trust[3→5] = 1.25: outside [0, 1]');
    // No fresh worker was started for it.
    expect(t.made).toHaveLength(2);
    await t.allExited();
  }, 60_000);
});

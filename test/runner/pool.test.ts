/**
 * The pool as a researcher relies on it: runs come back in run order whatever finishes first, the
 * number of workers and the batching never change a bit, a range runs exactly its runs, a cancel
 * is prompt, and a broken worker is replaced once before the batch is given up on.
 */
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApi, type BatchResult } from '../../src/runner/api.ts';
import { inProcessWorker, nodeWorker } from '../../src/runner/node-pool.ts';
import { BatchFailedError, CancelledError, Pool, PoolClosedError, type WorkerHandle } from '../../src/runner/pool.ts';
import { InvariantError } from '../../src/model/check.ts';
import { F, writeRunRow } from '../../src/experiment/outcomes.ts';
import type { JobSpec } from '../../src/experiment/jobs.ts';
import { INDICATORS, parseScenario, simulate, type Scenario } from '../../src/index.ts';
import { expectSameBits } from '../same-bits.ts';

const base = parseScenario({ horizonWeeks: 104 });
const noMentor = parseScenario({ horizonWeeks: 104, intervention: { mentoring: { visitsPerMonth: 0 } } });
const K = INDICATORS.length;
const H = base.horizonWeeks;

/** Two design points, replication-major (run j is point j % 2, replication ⌊j / 2⌋), with series. */
const pairJob = (replications: number): JobSpec => ({ scenarios: [base, noMentor], seed: 5, replications, order: 'replication', series: true });

/** The same runs computed the plain way: one simulate() after another, each written by writeRunRow. */
function plainLoop(scenarios: Scenario[], seed: number, from: number, to: number): { rows: Float64Array; series: Float64Array } {
  const rows = new Float64Array((to - from) * F);
  const series = new Float64Array((to - from) * K * H);
  for (let j = from; j < to; j++) {
    const r = simulate(scenarios[j % scenarios.length], { seed, replication: Math.floor(j / scenarios.length) });
    writeRunRow(r, rows, (j - from) * F);
    INDICATORS.forEach((d, k) => series.set(r.series[d.key], (j - from) * K * H + k * H));
  }
  return { rows, series };
}

/** Run a job on a pool, gathering rows and series by run index and the order batches came in. */
async function collect(pool: Pool, job: JobSpec, opts: { from?: number; to?: number; batchMs?: number } = {}) {
  const total = job.replications * (job.scenarios?.length ?? 1);
  const from = opts.from ?? 0;
  const to = opts.to ?? total;
  const rows = new Float64Array((to - from) * F);
  const series = new Float64Array(job.series ? (to - from) * K * H : 0);
  const handed: [number, number][] = [];
  const summary = await pool.run(job, {
    ...opts,
    onBatch(b) {
      handed.push([b.from, b.to]);
      rows.set(b.rows, (b.from - from) * F);
      if (b.series) series.set(b.series, (b.from - from) * K * H);
    },
  });
  return { rows, series, handed, summary };
}

/** Batches cover [from, to) back to back, in increasing order. */
function expectInOrder(handed: [number, number][], from: number, to: number) {
  let next = from;
  for (const [a, b] of handed) {
    expect(a).toBe(next);
    expect(b).toBeGreaterThan(a);
    next = b;
  }
  expect(next).toBe(to);
}

type Act = 'ok' | 'throw' | 'die' | number;

/**
 * A worker factory over the real worker API with a hook per batch (to delay, break or stall; a
 * promise of 'ok' or 'throw' answers when it settles). With `terminateKills`, terminate() ends the
 * calls in flight as a real worker's exit does.
 */
function fakeWorkers(hook: (worker: number, from: number, to: number) => Act | Promise<'ok' | 'throw'>, opts: { terminateKills?: boolean } = {}) {
  const made: { terminated: boolean }[] = [];
  const factory = (): WorkerHandle => {
    const index = made.length;
    const record = { terminated: false };
    made.push(record);
    const api = createWorkerApi();
    let kill: (e: Error) => void = () => {};
    const dead = new Promise<never>((_, reject) => (kill = reject));
    dead.catch(() => {});
    return {
      prepare: (id, job) => api.prepare(id, job),
      release: (id) => api.release(id),
      runBatch(id, from, to): BatchResult | Promise<BatchResult> {
        const what = hook(index, from, to);
        if (what instanceof Promise) {
          return what.then((later) => {
            if (later === 'throw') throw new Error(`worker ${index} broke on runs ${from}–${to - 1}`);
            return api.runBatch(id, from, to);
          });
        }
        if (what === 'throw') throw new Error(`worker ${index} broke on runs ${from}–${to - 1}`);
        if (what === 'die') {
          setTimeout(() => kill(new Error(`worker ${index} crashed`)), 5);
          return new Promise<BatchResult>(() => {}); // never answers: only `dead` says why
        }
        const result = api.runBatch(id, from, to);
        return what === 'ok' ? result : new Promise((resolve) => setTimeout(() => resolve(result), what));
      },
      dead,
      terminate() {
        record.terminated = true;
        if (opts.terminateKills) kill(new Error('worker terminated'));
      },
    };
  };
  return { factory, made };
}

describe('Pool, in-process workers', () => {
  it('hands batches over strictly in run order even when later batches finish first', async () => {
    const finished: number[] = [];
    // Early batches are slow and later ones fast, so completion order is scrambled.
    const { factory } = fakeWorkers((_w, from) => {
      const delay = from % 3 === 0 ? 40 : from % 3 === 1 ? 1 : 15;
      setTimeout(() => finished.push(from), delay);
      return delay;
    });
    const pool = new Pool(factory, 4);
    const job = pairJob(40);
    const got = await collect(pool, job, { batchMs: 50 });
    pool.close();
    expectInOrder(got.handed, 0, 80);
    // The test means something only if batches did finish out of order.
    const sorted = [...finished].sort((a, b) => a - b);
    expect(finished).not.toEqual(sorted);
    const expected = plainLoop([base, noMentor], 5, 0, 80);
    expectSameBits(got.rows, expected.rows);
    expectSameBits(got.series, expected.series);
    expect(got.summary.runs).toBe(80);
    expect(got.summary.batches).toBe(got.handed.length);
  });

  it('gives the same bits as a plain loop of simulate() and writeRunRow, for 1 and 3 workers', async () => {
    const expected = plainLoop([base, noMentor], 5, 0, 60);
    for (const size of [1, 3]) {
      const pool = new Pool(inProcessWorker, size);
      const got = await collect(pool, pairJob(30));
      pool.close();
      expectInOrder(got.handed, 0, 60);
      expectSameBits(got.rows, expected.rows);
      expectSameBits(got.series, expected.series);
    }
  });

  it('asks a worker for its next batch before handing its last one over, so the worker computes while onBatch folds', async () => {
    const log: string[] = [];
    const { factory } = fakeWorkers((_, from) => {
      log.push(`run ${from}`);
      return 5;
    });
    const pool = new Pool(factory, 1);
    await pool.run({ ...pairJob(40), series: false }, { batchMs: 50, onBatch: (b) => void log.push(`hand ${b.from}`) });
    pool.close();
    const handed = log.filter((e) => e.startsWith('hand'));
    expect(handed.length).toBeGreaterThan(2);
    // Every batch but the last: the next batch was asked for before this one was handed over.
    for (const [k, e] of handed.slice(0, -1).entries()) {
      const next = log.filter((x) => x.startsWith('run'))[k + 1];
      expect(log.indexOf(next), `${next} before ${e}`).toBeLessThan(log.indexOf(e));
    }
  });

  it('lets an abort in while it runs and cancels, with no batch handed over afterwards', async () => {
    const pool = new Pool(inProcessWorker, 1);
    const ac = new AbortController();
    let abortedAt = 0;
    let batchesAfterAbort = 0;
    const job: JobSpec = { scenarios: [parseScenario({})], seed: 1, replications: 3000, order: 'point', series: false };
    const run = pool.run(job, {
      signal: ac.signal,
      batchMs: 80,
      onBatch() {
        if (abortedAt) batchesAfterAbort++;
      },
    });
    setTimeout(() => {
      abortedAt = performance.now();
      ac.abort();
    }, 300);
    const error = await run.then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    pool.close();
    // If the pool never yields to the event loop, the abort timer fires only after all 3000 runs.
    // (How soon a cancel takes effect is measured by `npm run bench:faults`, not asserted.)
    expect(abortedAt, 'the abort timer never fired while the pool ran').toBeGreaterThan(0);
    expect(error).toBeInstanceOf(CancelledError);
    expect(batchesAfterAbort).toBe(0);
  });

  it('rejects at once when the signal is already aborted, running nothing', async () => {
    const pool = new Pool(inProcessWorker, 2);
    let batches = 0;
    await expect(pool.run(pairJob(10), { signal: AbortSignal.abort(), onBatch: () => void batches++ })).rejects.toBeInstanceOf(CancelledError);
    pool.close();
    expect(batches).toBe(0);
  });

  it('retries a batch that throws once, on a fresh worker, and the results are still right', async () => {
    // The first worker made throws on every batch it is given.
    const { factory, made } = fakeWorkers((w) => (w === 0 ? 'throw' : 'ok'));
    const pool = new Pool(factory, 2);
    const got = await collect(pool, pairJob(20));
    pool.close();
    expect(got.summary.retries).toBe(1);
    expect(made[0].terminated).toBe(true);
    expect(made).toHaveLength(3); // two workers, one replacement
    expectInOrder(got.handed, 0, 40);
    const expected = plainLoop([base, noMentor], 5, 0, 40);
    expectSameBits(got.rows, expected.rows);
    expectSameBits(got.series, expected.series);
  });

  it('retries a batch whose worker dies in the middle of it', async () => {
    const { factory, made } = fakeWorkers((w, from) => (w === 0 && from > 0 ? 'die' : 'ok'));
    const pool = new Pool(factory, 1);
    const got = await collect(pool, pairJob(20));
    pool.close();
    expect(got.summary.retries).toBe(1);
    expect(made[0].terminated).toBe(true);
    expectSameBits(got.rows, plainLoop([base, noMentor], 5, 0, 40).rows);
  });

  it('rejects, naming the runs, when a batch fails on two fresh workers', async () => {
    const bad = 37;
    const { factory } = fakeWorkers((_w, from, to) => (from <= bad && bad < to ? 'throw' : 'ok'));
    const pool = new Pool(factory, 2);
    const error = await pool.run(pairJob(30), { onBatch() {} }).then(() => null, (e: Error) => e);
    pool.close();
    expect(error).toBeInstanceOf(Error);
    const m = /runs (\d+)–(\d+) of job \d+ \(2 scenarios × 30 replications, seed 5\) failed twice.*broke on runs/.exec(error!.message);
    expect(m, error!.message).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(bad);
    expect(Number(m![2])).toBeGreaterThanOrEqual(bad);
  });

  it('rejects with the error when onBatch throws, and hands over nothing more', async () => {
    const pool = new Pool(inProcessWorker, 2);
    let calls = 0;
    const run = pool.run(pairJob(30), {
      batchMs: 50,
      onBatch() {
        if (++calls === 2) throw new Error('disk full');
      },
    });
    await expect(run).rejects.toThrow('disk full');
    await new Promise((r) => setTimeout(r, 100));
    pool.close();
    expect(calls).toBe(2);
  });

  it('a batch that throws does not terminate a worker another job has a call on: that job loses nothing', async () => {
    // One worker shared by job X (runs 0–39) and job Y (runs 40–59). X's first batch throws while
    // Y's first batch is in flight on the same worker; Y's batch is held until X retries.
    let yIn!: () => void;
    const yInFlight = new Promise<void>((r) => (yIn = r));
    let letY!: () => void;
    const yHeld = new Promise<void>((r) => (letY = r));
    let threw = false;
    let held = false;
    const { factory, made } = fakeWorkers(
      (w, from) => {
        if (w === 0 && from === 40 && !held) {
          held = true;
          yIn();
          return yHeld.then(() => 'ok' as const);
        }
        if (w === 0 && from === 0 && !threw) {
          threw = true;
          return yInFlight.then(() => 'throw' as const);
        }
        if (w === 1) letY();
        return 'ok';
      },
      { terminateKills: true },
    );
    const pool = new Pool(factory, 1);
    const job = pairJob(30);
    const [x, y] = await Promise.all([collect(pool, job, { to: 40 }), collect(pool, job, { from: 40 })]).finally(() => pool.close());
    expect(x.summary.retries).toBe(1);
    expect(y.summary.retries).toBe(0);
    // X's retry on a fresh worker; the one that threw ended once Y's call on it was done.
    expect(made).toHaveLength(2);
    expect(made[0].terminated).toBe(true);
    expectInOrder(x.handed, 0, 40);
    expectInOrder(y.handed, 40, 60);
    const expected = plainLoop([base, noMentor], 5, 0, 60);
    expectSameBits(x.rows, expected.rows.subarray(0, 40 * F));
    expectSameBits(y.rows, expected.rows.subarray(40 * F));
    expectSameBits(y.series, expected.series.subarray(40 * K * H));
  });

  it('a broken model invariant fails the run at once, not retried, with the invariant in its message and as its cause', async () => {
    const broken = new InvariantError(7, 'capital', null, -3, 'negative');
    const { factory, made } = fakeWorkers(() => 'ok');
    const pool = new Pool(() => {
      const w = factory();
      return { ...w, runBatch: (id, from, to) => (from <= 21 && 21 < to ? Promise.reject(broken) : w.runBatch(id, from, to)) };
    }, 2);
    let retries = 0;
    const error = await pool.run(pairJob(30), { onBatch() {}, onRetry: () => void retries++ }).then(() => null, (e: Error) => e);
    pool.close();
    expect(retries).toBe(0);
    expect(made).toHaveLength(2);
    expect(error).toBeInstanceOf(BatchFailedError);
    expect(error!.message).toMatch(/^runs \d+–\d+ of job \d+ \(2 scenarios × 30 replications, seed 5\) broke a model invariant: week 7: capital = -3: negative$/);
    expect(error!.cause).toBe(broken);
  });

  it('an empty range resolves and leaves no listener on the signal', async () => {
    const pool = new Pool(inProcessWorker, 1);
    const ac = new AbortController();
    const got = await pool.run(pairJob(5), { from: 4, to: 4, signal: ac.signal, onBatch() {} });
    pool.close();
    expect(got.runs).toBe(0);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('a closed pool refuses new jobs, and a job running when it closes rejects and starts no worker after', async () => {
    const { factory, made } = fakeWorkers(() => 2, { terminateKills: true });
    const pool = new Pool(factory, 2);
    let handed = 0;
    const run = pool.run(pairJob(30), {
      batchMs: 50,
      onBatch() {
        if (++handed === 2) pool.close();
      },
    });
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(PoolClosedError);
    const count = made.length;
    expect(made.every((w) => w.terminated)).toBe(true);
    await expect(pool.run(pairJob(5), { onBatch() {} })).rejects.toBeInstanceOf(PoolClosedError);
    expect(made).toHaveLength(count);
  });

  it('refuses a range outside the job', () => {
    const pool = new Pool(inProcessWorker, 1);
    expect(() => pool.run(pairJob(5), { from: 3, to: 11, onBatch() {} })).toThrow(RangeError);
    expect(() => pool.run(pairJob(5), { from: 6, to: 4, onBatch() {} })).toThrow(RangeError);
    pool.close();
  });
});

describe('Pool, worker_threads', () => {
  let one: Pool;
  let two: Pool;
  beforeAll(() => {
    one = new Pool(nodeWorker, 1);
    two = new Pool(nodeWorker, 2);
  });
  afterAll(() => {
    one?.close();
    two?.close();
  });

  it('1 and 2 workers give bit-identical rows and series, identical to a plain loop', async () => {
    const job = pairJob(45);
    const [a, b] = await Promise.all([collect(one, job), collect(two, job, { batchMs: 50 })]);
    const expected = plainLoop([base, noMentor], 5, 0, 90);
    expectInOrder(a.handed, 0, 90);
    expectInOrder(b.handed, 0, 90);
    expectSameBits(a.rows, expected.rows);
    expectSameBits(b.rows, expected.rows);
    expectSameBits(a.series, expected.series);
    expectSameBits(b.series, expected.series);
    expect(a.summary.memberWeeks).toBe(b.summary.memberWeeks);
  });

  it('with recycle, every batch comes in a slot of shared memory, slots are written again, and the bits are a plain loop\'s', async () => {
    const job = pairJob(1000);
    const rows = new Float64Array(2000 * F);
    const series = new Float64Array(2000 * K * H);
    let batches = 0;
    let inSlots = 0;
    await two.run(job, {
      batchMs: 50,
      recycle: true,
      onBatch(b) {
        batches++;
        if (b.series?.buffer instanceof SharedArrayBuffer && b.bins?.buffer instanceof SharedArrayBuffer) inSlots++;
        rows.set(b.rows, b.from * F);
        series.set(b.series!, b.from * K * H);
      },
    });
    // Each worker has eight slots; more batches than both have means slots were given back and written again.
    expect(batches).toBeGreaterThan(16);
    expect(inSlots).toBe(batches);
    const expected = plainLoop([base, noMentor], 5, 0, 2000);
    expectSameBits(rows, expected.rows);
    expectSameBits(series, expected.series);
  });

  it('without recycle, no batch is in shared memory: a consumer may keep every batch as it came', async () => {
    const kept: { from: number; series: Float64Array }[] = [];
    await one.run(pairJob(60), { batchMs: 50, onBatch: (b) => void kept.push({ from: b.from, series: b.series! }) });
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.filter((k) => k.series.buffer instanceof SharedArrayBuffer)).toEqual([]);
    const expected = plainLoop([base, noMentor], 5, 0, 120).series;
    for (const k of kept) expectSameBits(k.series, expected.subarray(k.from * K * H, k.from * K * H + k.series.length));
  });

  it('a job cancelled with batches waiting gives their slots back: after three such cancels the next job still gets every batch in a slot', async () => {
    // One worker and a slow consumer: finished batches wait in the pool (three at most), holding
    // their slots, and the worker sits idle, so a cancel leaves it alive with those slots.
    const pool = new Pool(nodeWorker, 1);
    try {
      for (let k = 0; k < 3; k++) {
        const ac = new AbortController();
        let handed = 0;
        const cancelled = pool.run(pairJob(2000), {
          signal: ac.signal,
          batchMs: 50,
          recycle: true,
          async onBatch() {
            await new Promise((r) => setTimeout(r, 150));
            if (++handed === 3) ac.abort();
          },
        });
        expect(await cancelled.then(() => null, (e: unknown) => e)).toBeInstanceOf(CancelledError);
      }
      let batches = 0;
      let inSlots = 0;
      const memories = new Set<ArrayBufferLike>();
      await pool.run(pairJob(1000), {
        batchMs: 50,
        recycle: true,
        onBatch(b) {
          batches++;
          if (b.series?.buffer instanceof SharedArrayBuffer) inSlots++;
          memories.add(b.series!.buffer);
        },
      });
      expect(inSlots).toBe(batches);
      // Fewer slots than batches: slots were given back and written again.
      expect(memories.size).toBeLessThan(batches);
    } finally {
      pool.close();
    }
  });

  it('a range from/to runs exactly those runs', async () => {
    const job = { ...pairJob(40), series: false };
    const got = await collect(two, job, { from: 13, to: 57 });
    expectInOrder(got.handed, 13, 57);
    expect(got.summary.runs).toBe(44);
    expectSameBits(got.rows, plainLoop([base, noMentor], 5, 13, 57).rows);
    // An empty range resolves with nothing run.
    let batches = 0;
    const empty = await two.run(job, { from: 20, to: 20, onBatch: () => void batches++ });
    expect(empty.runs).toBe(0);
    expect(batches).toBe(0);
  });

  it('cancels, hands nothing over after the abort, then runs the next job correctly', async () => {
    const ac = new AbortController();
    const job: JobSpec = { scenarios: [parseScenario({})], seed: 3, replications: 20_000, order: 'point', series: false };
    let abortedAt = 0;
    let handed = 0;
    let afterAbort = 0;
    const run = two.run(job, {
      signal: ac.signal,
      batchMs: 80,
      onBatch() {
        handed++;
        if (abortedAt) afterAbort++;
        // Abort once the pool is in full swing.
        else if (handed === 6) {
          setTimeout(() => {
            abortedAt = performance.now();
            ac.abort();
          }, 30);
        }
      },
    });
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(abortedAt).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 250));
    expect(afterAbort).toBe(0);
    // The same pool (its busy workers terminated by the cancel, fresh ones started) runs the next job right.
    const next = await collect(two, { ...pairJob(10), series: false });
    expectSameBits(next.rows, plainLoop([base, noMentor], 5, 0, 20).rows);
  });
});

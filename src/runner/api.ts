/**
 * The functions a worker exposes (over comlink in a browser Worker or a Node worker_thread, or
 * called directly in-process). Inputs and outputs are plain and structured-cloneable; the numbers
 * come back in typed arrays that are transferred, not copied.
 */
import { binRun } from '../experiment/bands.ts';
import { F, writeRunRow } from '../experiment/outcomes.ts';
import { pointCount, runAt, scenarioAt, type JobSpec } from '../experiment/jobs.ts';
import { INDICATORS, parseScenario, simulate, trace, type Injection, type Scenario, type Trace } from '../model/index.ts';
import { canShareMemory, SlotRing, type SlotRef } from './slots.ts';

/** The result of runs [from, to) of a job. */
export interface BatchResult {
  from: number;
  to: number;
  /** (to − from) × F run rows (see experiment/outcomes.ts RUN_FIELDS). */
  rows: Float64Array;
  /** (to − from) × K × H weekly series (K indicators, H weeks; run-major, then indicator), if asked. */
  series: Float64Array | null;
  /** The bins of every series value for the quantile bands (bands.ts binRun), with the series. */
  bins: Uint16Array | null;
  /** Work done: member-weeks simulated. */
  memberWeeks: number;
  /**
   * Where the series and bins are instead, when the worker wrote them into shared memory
   * (slots.ts): the worker's handle turns this back into `series` and `bins` views.
   */
  slot?: SlotRef;
  /** Set by the worker's handle for a batch in a slot: gives the slot back to the worker (pool-side only). */
  release?(): void;
}

/** What a worker does. */
export interface WorkerApi {
  /**
   * Load a job once; later batches name it by id. `slots`: its batches' consumer gives every batch
   * back (RunOptions.recycle), so the worker may write their series and bins into shared memory.
   */
  prepare(id: number, job: JobSpec, opts?: { slots?: boolean }): void;
  /** Run runs [from, to) of a prepared job. */
  runBatch(id: number, from: number, to: number): BatchResult;
  /** Forget a job. */
  release(id: number): void;
  /** The pool is done with a batch's slot (BatchResult.slot): the worker may write it again. */
  freeSlot(index: number): void;
  /** One run's every week, for trainer mode (model/trace.ts); the scenario is checked by the schema. */
  trace(scenario: unknown, opts: { seed: number; replication?: number; injections?: Injection[] }): Trace;
}

/**
 * The worker API as plain functions (the same code runs in every kind of worker and in-process).
 * `shared`: write batches' series and bins into slots of shared memory where this thread can share
 * it (a worker's; in-process nothing is moved, so nothing is gained).
 */
export function createWorkerApi(opts: { shared?: boolean } = {}): WorkerApi {
  type Entry = { job: JobSpec; cache: Map<number, Scenario>; weeks: number; slots: boolean };
  const jobs = new Map<number, Entry>();
  let ring: SlotRing | null = null;
  const slots = opts.shared === true && canShareMemory();
  const scenario = (entry: Entry, p: number) => {
    let sc = entry.cache.get(p);
    if (!sc) {
      // Sweeps visit points in order; keep a few parsed scenarios, not all of them.
      if (entry.cache.size > 64) entry.cache.clear();
      sc = scenarioAt(entry.job, p);
      entry.cache.set(p, sc);
    }
    return sc;
  };
  return {
    prepare(id, job, prepared) {
      // The series' length is the job's, not the batch's: found (and checked) once here.
      jobs.set(id, { job, cache: new Map(), weeks: job.series ? seriesWeeks(job) : 0, slots: job.series === true && prepared?.slots === true && slots });
    },
    release(id) {
      jobs.delete(id);
    },
    freeSlot(index) {
      ring?.free(index);
    },
    trace(scenario, opts) {
      return trace(parseScenario(scenario), opts);
    },
    runBatch(id, from, to) {
      const entry = jobs.get(id);
      if (!entry) throw new Error(`job ${id} was not prepared in this worker`);
      const { job } = entry;
      const count = to - from;
      const rows = new Float64Array(count * F);
      const H = entry.weeks;
      const K = INDICATORS.length;
      const slot = entry.slots ? (ring ??= new SlotRing()).take(count * K * H) : null;
      const series = slot ? slot.series : job.series ? new Float64Array(count * K * H) : null;
      const bins = slot ? slot.bins : job.series ? new Uint16Array(count * K * H) : null;
      let memberWeeks = 0;
      try {
        for (let j = from; j < to; j++) {
          const { point, replication } = runAt(job, j);
          const r = simulate(scenario(entry, point), { seed: job.seed, replication, check: job.check });
          writeRunRow(r, rows, (j - from) * F);
          if (series) {
            series.set(new Float64Array(r.series[INDICATORS[0].key].buffer, 0, K * H), (j - from) * K * H);
            binRun(series, (j - from) * K * H, H, bins!, (j - from) * K * H);
          }
          memberWeeks += r.work.memberWeeks;
        }
      } catch (e) {
        // A failed batch (a broken invariant keeps its worker) gives its slot straight back.
        if (slot) ring!.free(slot.ref.index);
        throw e;
      }
      if (slot) {
        ring!.seal(slot.ref);
        return { from, to, rows, series: null, bins: null, memberWeeks, slot: slot.ref };
      }
      return { from, to, rows, series, bins, memberWeeks };
    },
  };
}

/** Weeks in the series of a job's runs (all points must share the horizon for bands). */
export function seriesWeeks(job: JobSpec): number {
  const P = pointCount(job);
  const H = scenarioAt(job, 0).horizonWeeks;
  if (job.series && job.scenarios) {
    for (let p = 1; p < P; p++) {
      if (job.scenarios[p].horizonWeeks !== H) throw new RangeError('horizonWeeks: every scenario of a job with series must have the same horizon');
    }
  }
  return H;
}

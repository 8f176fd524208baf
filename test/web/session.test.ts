/**
 * The app's runner glue as the page drives it, on a real Pool of in-process workers (the worker
 * API the browser's Workers run): an ensemble folds every batch into the same numbers as one big
 * batch, a cancel keeps exactly the runs folded so far, a broken worker fails the run and hands
 * back what was done, a sweep presents only complete points and agrees with `kube-sim sweep`, and
 * the references are plain ensembles at the scenarios' own seeds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createWorkerApi,
  F,
  Pool,
  RUN_FIELDS,
  RunningMean,
  withOverrides,
  type BatchResult,
  type WorkerHandle,
} from '../../src/index.ts';
import { inProcessWorker } from '../../src/runner/node-pool.ts';
import { Session, type EnsembleRun, type Progress, type SweepRun } from '../../web/app/session.ts';
import { defaultSettings, scenarioOf, type Settings } from '../../web/app/settings.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { ensembleRun } from './runs.ts';
import { expectSameBits } from '../same-bits.ts';

const dir = scratchFolder('kube-sim-web-session-');

/** Settings with a short horizon, so 120 replications are quick and still come in several batches. */
const SHORT: Partial<Settings> = { seed: 3, reps: 120, set: { horizonWeeks: 52 } };
const settingsOf = (over: Partial<Settings>): Settings => ({ ...defaultSettings(), ...over });

/** A Session on a fresh pool of `workers` in-process workers (or workers from `factory`), closed after `use`. */
async function withSession<T>(workers: number, use: (s: Session) => Promise<T>, factory: () => WorkerHandle = inProcessWorker): Promise<T> {
  const pool = new Pool(factory, workers);
  try {
    return await use(new Session(pool));
  } finally {
    pool.close();
  }
}

/** What each onBatch call saw: the progress, and the run's own count and ensemble size at that moment. */
interface Seen {
  done: number;
  total: number;
  runDone: number;
  folded: number;
}

/** An ensemble of `over` on a session, recording every onBatch; `stop(p)` true aborts the run there. */
async function ensembleOn(session: Session, over: Partial<Settings>, stop: (p: Progress) => boolean = () => false) {
  const settings = settingsOf(over);
  const ctl = new AbortController();
  const seen: Seen[] = [];
  const run = await session.ensemble(settings, scenarioOf(settings), {
    signal: ctl.signal,
    onBatch(r, p) {
      seen.push({ done: p.done, total: p.total, runDone: r.done, folded: r.ensemble.n });
      if (stop(p)) ctl.abort();
    },
  });
  return { run, seen };
}

describe.each([1, 2])('Session.ensemble on %i in-process worker(s)', (workers) => {
  const whole = ensembleRun(SHORT);

  it('folds every batch: complete, rows bit for bit and the summary exactly as one batch of runs 0 … reps − 1', async () => {
    const { run, seen } = await withSession(workers, (s) => ensembleOn(s, SHORT));
    expect(run.state).toBe('complete');
    expect(run.done).toBe(120);
    expect(run.ensemble.n).toBe(120);
    expect(run.finishedAt).not.toBeNull();
    expectSameBits(run.rows, whole.rows);
    expect(run.ensemble.summary()).toEqual(whole.ensemble.summary());
    // Several batches, each folded before the page hears of it, in increasing order up to reps.
    expect(seen.length).toBeGreaterThan(1);
    for (const [i, s] of seen.entries()) {
      expect(s.total).toBe(120);
      expect(s.runDone).toBe(s.done);
      expect(s.folded).toBe(s.done);
      if (i > 0) expect(s.done).toBeGreaterThan(seen[i - 1].done);
    }
    expect(seen.at(-1)!.done).toBe(120);
  });

  it('cancelled after the first batch: resolves cancelled with only the runs folded, the rest of the rows untouched zeros', async () => {
    const { run, seen } = await withSession(workers, (s) => ensembleOn(s, SHORT, () => true));
    expect(run.state).toBe('cancelled');
    expect(seen).toHaveLength(1); // nothing more is folded after the abort
    const done = run.done;
    expect(done).toBe(seen[0].done);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(120);
    expect(run.ensemble.n).toBe(done);
    const first = ensembleRun({ ...SHORT, reps: done });
    expectSameBits(run.rows.subarray(0, done * F), first.rows);
    const rest = run.rows.subarray(done * F);
    expect(new BigUint64Array(rest.buffer, rest.byteOffset, rest.length).every((x) => x === 0n)).toBe(true);
    expect(run.ensemble.summary()).toEqual(first.ensemble.summary());
  });
});

describe('Session.ensemble, more', () => {
  it('1 worker and 2 workers give identical rows and summaries', async () => {
    const one = await withSession(1, (s) => ensembleOn(s, SHORT));
    const two = await withSession(2, (s) => ensembleOn(s, SHORT));
    expectSameBits(one.run.rows, two.run.rows);
    expect(one.run.ensemble.summary()).toEqual(two.run.ensemble.summary());
  });

  it('a signal aborted before the start resolves cancelled with nothing folded', async () => {
    const settings = settingsOf(SHORT);
    const ctl = new AbortController();
    ctl.abort();
    let calls = 0;
    const run = await withSession(1, (s) => s.ensemble(settings, scenarioOf(settings), { signal: ctl.signal, onBatch: () => void calls++ }));
    expect(run.state).toBe('cancelled');
    expect(run.done).toBe(0);
    expect(run.ensemble.n).toBe(0);
    expect(calls).toBe(0);
  });

  /** Workers over the real API whose runBatch throws for any batch reaching past run `from`. */
  const breaksFrom = (from: number) => (): WorkerHandle => {
    const api = createWorkerApi();
    return {
      prepare: (id, job) => api.prepare(id, job),
      release: (id) => api.release(id),
      runBatch(id, a, b): BatchResult {
        if (b > from) throw new Error(`broken worker: runs ${a}–${b - 1}`);
        return api.runBatch(id, a, b);
      },
      dead: new Promise<never>(() => {}),
      terminate() {},
    };
  };

  /** The error an ensemble on such workers rejects with. */
  async function failure(workers: number, from: number): Promise<Error & { run?: EnsembleRun }> {
    const settings = settingsOf(SHORT);
    return withSession(
      workers,
      (s) => s.ensemble(settings, scenarioOf(settings), { signal: new AbortController().signal, onBatch() {} }).then(
        () => expect.fail('the ensemble should have failed'),
        (e: unknown) => e as Error & { run?: EnsembleRun },
      ),
      breaksFrom(from),
    );
  }

  it.each([1, 2])('a worker that throws on every batch: rejects with an Error carrying the failed run (%i worker(s))', async (workers) => {
    const e = await failure(workers, 0);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toMatch(/failed twice.*broken worker/);
    expect(e.run).toBeDefined();
    const run = e.run!;
    expect(run.state).toBe('failed');
    expect(run.done).toBe(0);
    expect(run.ensemble.n).toBe(0);
    expect(run.finishedAt).not.toBeNull();
  });

  it('a worker that breaks after run 40: the Error’s run keeps the runs folded before, exactly', async () => {
    const e = await failure(1, 40);
    expect(e).toBeInstanceOf(Error);
    const run = e.run!;
    expect(run.state).toBe('failed');
    expect(run.done).toBeGreaterThan(0);
    expect(run.done).toBeLessThanOrEqual(40);
    expect(run.ensemble.n).toBe(run.done);
    const first = ensembleRun({ ...SHORT, reps: run.done });
    expectSameBits(run.rows.subarray(0, run.done * F), first.rows);
    expect(run.ensemble.summary()).toEqual(first.ensemble.summary());
  });
});

describe('Session.sweep', () => {
  const PATH = 'intervention.mentoring.visitsPerMonth';
  const VALUES = [0, 2, 4];
  const R = 30;
  const base: Partial<Settings> = { preset: 'default', seed: 1, reps: 100 };
  const settings = settingsOf(base);
  const scenario = scenarioOf(settings);
  /** Runs 0 … 29 of each value's scenario, as one batch, without bands. */
  const references = VALUES.map((v) => ensembleRun({ ...base, reps: R, set: { [PATH]: v } }, false));

  /** A sweep on a session, recording and checking every onBatch; `stop(p)` true aborts it there. */
  async function sweepOn(session: Session, stop: (p: Progress) => boolean = () => false) {
    const ctl = new AbortController();
    const seen: { done: number; total: number; points: number; full: boolean }[] = [];
    const run = await session.sweep(settings, scenario, PATH, VALUES, R, {
      signal: ctl.signal,
      onBatch(r: SweepRun, p) {
        // Only whole points are shown, and every one shown is whole: never a half-filled point.
        seen.push({ done: p.done, total: p.total, points: r.points.length, full: r.points.every((e) => e.n === R) && Object.keys(r.points).length === r.points.length });
        if (stop(p)) ctl.abort();
      },
    });
    return { run, seen };
  }

  it('the reference of each value is that value’s scenario (withOverrides of the sweep’s scenario)', () => {
    for (const [i, v] of VALUES.entries()) expect(references[i].scenario).toEqual(withOverrides(scenario, { [PATH]: v }));
  });

  it.each([1, 2])('each point equals an Ensemble of its value’s scenario fed runs 0 … 29 (%i worker(s))', async (workers) => {
    const { run, seen } = await withSession(workers, (s) => sweepOn(s));
    expect(run.state).toBe('complete');
    expect(run.points).toHaveLength(3);
    for (const [i, point] of run.points.entries()) expect(point.summary(), `value ${VALUES[i]}`).toEqual(references[i].ensemble.summary());
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) {
      expect(s.total).toBe(90);
      expect(s.points).toBe(Math.floor(s.done / R));
      expect(s.full).toBe(true);
    }
    expect(seen.at(-1)!.done).toBe(90);
  });

  it('cancelled after the first batch (inside point 0): no point is presented', async () => {
    const { run, seen } = await withSession(2, (s) => sweepOn(s, () => true));
    expect(run.state).toBe('cancelled');
    expect(seen).toHaveLength(1);
    expect(seen[0].done).toBeLessThan(R);
    expect(run.points).toHaveLength(0);
  });

  /** In-process workers that take 3 ms a run longer, so the pool picks small batches. */
  const slow = (): WorkerHandle => {
    const w = inProcessWorker();
    return { ...w, runBatch: (id, a, b) => new Promise<BatchResult>((resolve, reject) => setTimeout(() => Promise.resolve(w.runBatch(id, a, b)).then(resolve, reject), 3 * (b - a))) };
  };

  it('cancelled past point 0: only the complete points, in order, each exactly its reference', async () => {
    const { run, seen } = await withSession(1, (s) => sweepOn(s, (p) => p.done > R), slow);
    expect(run.state).toBe('cancelled');
    const done = seen.at(-1)!.done;
    expect(done).toBeGreaterThan(R);
    expect(run.points).toHaveLength(Math.floor(done / R));
    for (const [i, point] of run.points.entries()) {
      expect(point.n).toBe(R);
      expect(point.summary(), `value ${VALUES[i]}`).toEqual(references[i].ensemble.summary());
    }
  });

  it('point 1 has the per-run numbers of `kube-sim sweep`’s rows for value 2', async () => {
    const { run } = await withSession(2, (s) => sweepOn(s));
    const out = join(dir, 'visits.csv');
    const r = runKubeSim(['sweep', 'default', '--vary', `${PATH}=0:4:2`, '--reps', String(R), '--seed', '1', '--workers', '1', '--out', out], dir);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    const cols = header.split(',');
    const col = (name: string) => {
      const k = cols.indexOf(name);
      expect(k, name).toBeGreaterThanOrEqual(0);
      return k;
    };
    const rows = lines.map((l) => l.split(',')).filter((c) => c[col('point')] === '1');
    expect(rows).toHaveLength(R);
    expect(rows.map((c) => Number(c[col('replication')]))).toEqual([...Array(R).keys()]);
    expect(rows.every((c) => c[col(PATH)] === '2')).toBe(true);

    const summary = run.points[1].summary();
    const survived = rows.filter((c) => c[col('survived')] === '1').length;
    expect(summary.headline.survivalRate.mean).toBe(survived / R);
    const income = new RunningMean();
    for (const c of rows) income.add(Number(c[col('memberIncomeMonthly')]));
    expect(summary.headline.memberIncomeMonthly.mean).toBe(income.mean);
    expect(summary.outcomes.survived.mean).toBe(survived / R);
    // And every other numeric column's mean, recomputed from the CSV in row order (survived is a
    // share, checked above).
    for (const f of RUN_FIELDS) {
      if (f.names || f.key === 'statusWeek' || f.key === 'survived') continue;
      const m = new RunningMean();
      for (const c of rows) m.add(Number(c[col(f.key)]));
      expect(summary.outcomes[f.key].mean, f.key).toBe(m.mean);
    }
  });
});

describe('Session.references', () => {
  const ids: [string, number][] = [
    ['default', 1],
    ['cempaka', 1],
    ['tulip', 9], // another seed: the references use each scenario's own
  ];
  const scenarios = ids.map(([preset, seed]) => scenarioOf(settingsOf({ preset, seed })));

  it('one summary per scenario, each an Ensemble of 300 replications at the scenario’s own seed', async () => {
    const got = await withSession(2, (s) => s.references(scenarios));
    expect(got).toHaveLength(3);
    for (const [i, [preset, seed]] of ids.entries()) {
      expect(got[i], preset).toEqual(ensembleRun({ preset, seed, reps: 300 }, false).ensemble.summary());
    }
  });

  it('with the replications given, on 1 worker: the same as an Ensemble of that many', async () => {
    const got = await withSession(1, (s) => s.references(scenarios.slice(2), 40));
    expect(got).toHaveLength(1);
    expect(got[0]).toEqual(ensembleRun({ preset: 'tulip', seed: 9, reps: 40 }, false).ensemble.summary());
  });
});

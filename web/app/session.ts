/**
 * The app's runs, all off the main thread: an ensemble or a one-parameter sweep as a job on the
 * browser pool (module Workers over comlink), folded into running summaries batch by batch so the
 * charts fill in while it runs. The main thread only adds each batch to the summaries.
 */
import {
  CancelledError,
  Ensemble,
  F,
  runWorldsOn,
  scenarioAt,
  type EnsembleSummary,
  type JobSpec,
  type Pool,
  type Scenario,
  type World,
  type WorldResult,
} from '../../src/browser.ts';
import { FateTally } from './fate.ts';
import type { Settings } from './settings.ts';

/** An ensemble, complete or still filling in. */
export interface EnsembleRun {
  settings: Settings;
  scenario: Scenario;
  ensemble: Ensemble;
  /** Each week's count of groups active, stagnant, dissolved, and of active groups' members. */
  fate: FateTally;
  /** Run rows in replication order (F numbers each), for the CSV and for paired comparisons. */
  rows: Float64Array;
  /** Runs folded in so far. */
  done: number;
  state: 'running' | 'complete' | 'cancelled' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  ms: number;
}

/** A sweep of one parameter: one summary per value. */
export interface SweepRun {
  settings: Settings;
  path: string;
  values: number[];
  repsPerValue: number;
  /** Ensembles (without bands) of the values finished so far, in order. */
  points: Ensemble[];
  state: EnsembleRun['state'];
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Let the page draw and take input: a macrotask by a message to itself (a setTimeout nested this
 * deep would wait at least 4 ms each time).
 */
function yieldToPage(): Promise<void> {
  return new Promise((resume) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resume();
    };
    port2.postMessage(null);
  });
}

export class Session {
  readonly pool: Pool;
  constructor(pool: Pool) {
    this.pool = pool;
  }

  /**
   * Summaries (without bands) of a few scenarios at their own seeds, 300 replications each: the
   * reference groups the charts are drawn against. Run at start-up, they also start the workers.
   */
  async references(scenarios: Scenario[], replications = 300): Promise<EnsembleSummary[]> {
    const out: EnsembleSummary[] = [];
    for (const sc of scenarios) {
      const ens = new Ensemble(sc, false);
      await this.pool.run({ scenarios: [sc], seed: sc.seed, replications, order: 'point', series: false }, { onBatch: (b) => ens.add(b.rows, null) });
      out.push(ens.summary());
    }
    return out;
  }

  /** Replications 0 … reps − 1 of the settings' scenario, with per-week bands. */
  async ensemble(settings: Settings, scenario: Scenario, opts: { signal: AbortSignal; onBatch(run: EnsembleRun, p: Progress): void }): Promise<EnsembleRun> {
    const job: JobSpec = { scenarios: [scenario], seed: settings.seed, replications: settings.reps, order: 'point', series: true };
    const run: EnsembleRun = {
      settings,
      scenario,
      ensemble: new Ensemble(scenario, true),
      fate: new FateTally(scenario.horizonWeeks, scenario.group.size),
      rows: new Float64Array(settings.reps * F),
      done: 0,
      state: 'running',
      startedAt: new Date(),
      finishedAt: null,
      ms: 0,
    };
    const t0 = performance.now();
    try {
      await this.pool.run(job, {
        signal: opts.signal,
        // Small batches: folding one into the bands takes the main thread ~0.1 ms a run.
        batchMs: 50,
        // Folded into the bands and the fate tally here; nothing keeps a batch's series.
        recycle: true,
        onBatch: (b) => {
          run.ensemble.add(b.rows, b.series, b.bins);
          if (b.series) run.fate.add(b.series, b.to - b.from);
          run.rows.set(b.rows, b.from * F);
          run.done = b.to;
          opts.onBatch(run, { done: b.to, total: settings.reps });
        },
      });
      run.state = 'complete';
    } catch (e) {
      run.state = e instanceof CancelledError ? 'cancelled' : 'failed';
      if (run.state === 'failed') throw Object.assign(e as Error, { run });
    } finally {
      run.finishedAt = new Date();
      run.ms = performance.now() - t0;
    }
    return run;
  }

  /** The settings' scenario at each value of one parameter, `repsPerValue` replications each. */
  async sweep(settings: Settings, scenario: Scenario, path: string, values: number[], repsPerValue: number, opts: { signal: AbortSignal; onBatch(run: SweepRun, p: Progress): void }): Promise<SweepRun> {
    const job: JobSpec = { base: scenario, overrides: values.map((v) => ({ [path]: v })), seed: settings.seed, replications: repsPerValue, order: 'point', series: false };
    const run: SweepRun = { settings, path, values, repsPerValue, points: [], state: 'running' };
    const open: Ensemble[] = values.map((_, p) => new Ensemble(scenarioAt(job, p), false));
    try {
      await this.pool.run(job, {
        signal: opts.signal,
        onBatch: (b) => {
          for (let j = b.from; j < b.to; ) {
            const p = Math.floor(j / repsPerValue);
            const end = Math.min(b.to, (p + 1) * repsPerValue);
            open[p].add(b.rows.subarray((j - b.from) * F, (end - b.from) * F), null);
            if (end === (p + 1) * repsPerValue) run.points[p] = open[p];
            j = end;
          }
          opts.onBatch(run, { done: b.to, total: values.length * repsPerValue });
        },
      });
      run.state = 'complete';
    } catch (e) {
      run.state = e instanceof CancelledError ? 'cancelled' : 'failed';
      if (run.state === 'failed') throw e;
    }
    return run;
  }

  /**
   * A against B in each world (B's seed, `reps` pairs per world), as `kube-sim compare --worlds`
   * runs them: chunks of whole worlds, so a cancel keeps the worlds finished.
   */
  async worlds(a: Scenario, b: Scenario, worlds: World[], seed: number, reps: number, opts: { signal: AbortSignal; onProgress(p: Progress): void }): Promise<{ results: WorldResult[]; state: 'complete' | 'cancelled' }> {
    const results: WorldResult[] = [];
    try {
      await runWorldsOn(this.pool, { packages: [a, b], worlds, seed, reps }, {
        // About 4000 runs a chunk (20 worlds of 100 pairs): a cancel keeps all but the last chunk.
        chunkRuns: 4000,
        signal: opts.signal,
        onChunk: (r) => void results.push(...r),
        pause: yieldToPage,
        onProgress: (done, total) => opts.onProgress({ done, total }),
      });
    } catch (e) {
      if (e instanceof CancelledError) return { results, state: 'cancelled' };
      throw e;
    }
    return { results, state: 'complete' };
  }
}

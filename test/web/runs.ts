/**
 * Real ensembles for the web tests, run in this thread through the worker API (the code the
 * browser's workers run) and folded into an EnsembleRun the way web/app/session.ts does.
 */
import { createWorkerApi, Ensemble, F, type JobSpec } from '../../src/index.ts';
import { FateTally } from '../../web/app/fate.ts';
import type { EnsembleRun } from '../../web/app/session.ts';
import { defaultSettings, scenarioOf, type Settings } from '../../web/app/settings.ts';

let jobId = 0;

/** Replications 0 … reps − 1 of the settings' scenario, complete (with bands unless `bands` is false). */
export function ensembleRun(over: Partial<Settings>, bands = true): EnsembleRun {
  const settings: Settings = { ...defaultSettings(), ...over };
  const scenario = scenarioOf(settings);
  const n = settings.reps;
  const job: JobSpec = { scenarios: [scenario], seed: settings.seed, replications: n, order: 'point', series: bands };
  const api = createWorkerApi();
  const id = ++jobId;
  api.prepare(id, job);
  const b = api.runBatch(id, 0, n);
  api.release(id);
  const ensemble = new Ensemble(scenario, bands);
  ensemble.add(b.rows, b.series, b.bins);
  const fate = new FateTally(scenario.horizonWeeks, scenario.group.size);
  if (b.series) fate.add(b.series, n);
  const rows = new Float64Array(n * F);
  rows.set(b.rows, 0);
  const now = new Date();
  return { settings, scenario, ensemble, fate, rows, done: n, state: 'complete', startedAt: now, finishedAt: now, ms: 0 };
}

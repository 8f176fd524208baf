/** bench:faults in Chromium: the browser pool, its workers watched, cancelled at a given moment. */
import { defaultScenario, type JobSpec } from '../../src/index.ts';
import { browserWorker } from '../../src/runner/browser-pool.ts';
import { Pool } from '../../src/runner/pool.ts';
import { cancelTrial, watchedFactory } from '../cancel-latency.ts';

const job: JobSpec = { scenarios: [defaultScenario()], seed: 1, replications: 2_000_000, order: 'point', series: true };
const watched = watchedFactory(browserWorker, true);
let pool: Pool | null = null;

(globalThis as unknown as { cancelTrial: unknown }).cancelTrial = (workers: number, afterMs: number) => {
  pool ??= new Pool(watched.factory, workers);
  return cancelTrial(pool, watched.allStopped, job, afterMs);
};
document.getElementById('status')!.textContent = 'ready';

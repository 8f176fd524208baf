/**
 * Runner benchmark: replications per second of the default scenario with 1 and with 2
 * worker_threads (and more with --max-workers), after the workers have started.
 *   npm run bench:workers [-- --reps 20000 --rounds 3 --max-workers 2]
 * Two kinds of job: rows only (what sweeps and `ensemble` without --out run) and rows with the
 * weekly series folded into per-week bands on the main thread (`ensemble --out`). The pools
 * take turns round by round and each keeps its fastest round (the machine is shared and its
 * speed drifts). The last line is one JSON object.
 */
import { Ensemble } from '../src/experiment/ensemble.ts';
import type { JobSpec } from '../src/experiment/jobs.ts';
import { defaultScenario } from '../src/index.ts';
import { nodePool } from '../src/runner/node-pool.ts';
import type { Pool } from '../src/runner/pool.ts';
import { flag } from './flags.ts';

const reps = flag('--reps', 20_000);
const rounds = flag('--rounds', 3);
const maxWorkers = flag('--max-workers', 2);
const sc = defaultScenario();

/** Time one job on a warm pool: replications per second. */
async function time(pool: Pool, series: boolean): Promise<number> {
  const job: JobSpec = { scenarios: [sc], seed: 1, replications: reps, order: 'point', series };
  const ens = new Ensemble(sc, series);
  const t0 = performance.now();
  await pool.run(job, { recycle: true, onBatch: (b) => ens.add(b.rows, b.series, b.bins) });
  ens.summary();
  return reps / ((performance.now() - t0) / 1000);
}

// The machine's speed drifts by a third from minute to minute, so the pools take turns: round r
// times every pool once, and each pool keeps its best round. Drift then hits all pools alike.
const result: Record<string, Record<string, number>> = {};
for (const series of [false, true]) {
  const kind = series ? 'withBands' : 'rowsOnly';
  const pools = Array.from({ length: maxWorkers }, (_, i) => nodePool(i + 1));
  try {
    // Start the workers and let their JIT warm up before timing.
    for (const [i, pool] of pools.entries()) {
      await pool.run({ scenarios: [sc], seed: 99, replications: 400 * (i + 1), order: 'point', series }, { onBatch() {} });
    }
    const best = pools.map(() => 0);
    for (let r = 0; r < rounds; r++) {
      for (const [i, pool] of pools.entries()) best[i] = Math.max(best[i], await time(pool, series));
    }
    result[kind] = {};
    best.forEach((rate, i) => {
      result[kind][`workers${i + 1}`] = Math.round(rate);
      console.log(`${kind}: ${i + 1} worker${i ? 's' : ''}: ${Math.round(rate)} replications/s (best of ${rounds})`);
    });
    result[kind].speedup = +(best[maxWorkers - 1] / best[0]).toFixed(2);
    console.log(`${kind}: ${maxWorkers} workers vs 1: ${result[kind].speedup}×`);
  } finally {
    for (const p of pools) p.close();
  }
}
console.log(JSON.stringify({ replications: reps, rounds, ...result }));

/**
 * Runner benchmark: replications per second of the default scenario with 1 and with 2
 * worker_threads (and more with --max-workers), after the workers have started.
 *   npm run bench:workers [-- --reps 20000 --rounds 2 --max-workers 2]
 * Two kinds of job: rows only (what sweeps and `ensemble` without --out run) and rows with the
 * weekly series folded into per-week bands on the main thread (`ensemble --out`). The fastest
 * round counts (the machine is shared). The last line is one JSON object.
 */
import { Ensemble } from '../src/experiment/ensemble.ts';
import type { JobSpec } from '../src/experiment/jobs.ts';
import { defaultScenario } from '../src/index.ts';
import { nodePool } from '../src/runner/node-pool.ts';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${process.argv[i + 1]}`);
  return v;
}
const reps = flag('--reps', 20_000);
const rounds = flag('--rounds', 2);
const maxWorkers = flag('--max-workers', 2);
const sc = defaultScenario();

async function measure(workers: number, series: boolean): Promise<number> {
  const pool = nodePool(workers);
  try {
    // Start the workers and let their JIT warm up before timing.
    const warm: JobSpec = { scenarios: [sc], seed: 99, replications: 400 * workers, order: 'point', series };
    await pool.run(warm, { onBatch() {} });
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const job: JobSpec = { scenarios: [sc], seed: 1, replications: reps, order: 'point', series };
      const ens = new Ensemble(sc, series);
      const t0 = performance.now();
      await pool.run(job, { onBatch: (b) => ens.add(b.rows, b.series, b.bins) });
      ens.summary();
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return reps / best;
  } finally {
    pool.close();
  }
}

const result: Record<string, Record<string, number>> = {};
for (const series of [false, true]) {
  const kind = series ? 'withBands' : 'rowsOnly';
  result[kind] = {};
  for (let w = 1; w <= maxWorkers; w++) {
    const rate = await measure(w, series);
    result[kind][`workers${w}`] = Math.round(rate);
    console.log(`${kind}: ${w} worker${w > 1 ? 's' : ''}: ${Math.round(rate)} replications/s`);
  }
  result[kind].speedup = +(result[kind][`workers${maxWorkers}`] / result[kind].workers1).toFixed(2);
  console.log(`${kind}: ${maxWorkers} workers vs 1: ${result[kind].speedup}×`);
}
console.log(JSON.stringify({ replications: reps, rounds, ...result }));

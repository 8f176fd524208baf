/**
 * Cancel latency: a large ensemble on a warm pool is cancelled at a random moment, and the time
 * from abort() to every worker stopped (no batch in flight, or the thread exited) is measured;
 * the issue asks for at most 200 ms. Node's worker_threads pool, then (when Chromium is present)
 * the browser pool of module Workers in headless Chromium.
 *   npm run bench:faults [-- --trials 20 --workers 2 --no-browser --no-node]
 * The last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { defaultScenario } from '../src/index.ts';
import type { JobSpec } from '../src/experiment/jobs.ts';
import { defaultWorkers, nodeWorker } from '../src/runner/node-pool.ts';
import { Pool } from '../src/runner/pool.ts';
import { HAVE_CHROMIUM, launchChromium } from '../test/e2e/app.ts';
import { cancelTrial, describeTrials, watchedFactory, type Trial } from './cancel-latency.ts';
import { flag } from './flags.ts';

const trials = flag('--trials', 20);
const workers = flag('--workers', defaultWorkers());
const browserToo = !process.argv.includes('--no-browser');
const nodeToo = !process.argv.includes('--no-node');
const job: JobSpec = { scenarios: [defaultScenario()], seed: 1, replications: 2_000_000, order: 'point', series: true };

/** Cancel moments from 0 to 1.5 s after the first batch, from a fixed LCG (the same every run). */
function moments(n: number): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.round((s / 2 ** 32) * 1500);
  });
}

const results = [];
if (nodeToo) {
  const watched = watchedFactory(nodeWorker);
  const pool = new Pool(watched.factory, workers);
  const got: Trial[] = [];
  try {
    for (const [i, ms] of moments(trials).entries()) {
      const t = await cancelTrial(pool, watched.allStopped, job, ms);
      got.push(t);
      console.log(`node ${i + 1}: cancel ${ms} ms after the first batch (${t.runsBefore} runs in): all workers stopped after ${t.stopMs.toFixed(1)} ms, run rejected after ${t.rejectMs.toFixed(1)} ms`);
    }
  } finally {
    pool.close();
  }
  results.push(describeTrials(`node worker_threads ×${workers}`, got));
}

if (browserToo && HAVE_CHROMIUM) {
  const page = resolve(fileURLToPath(new URL('./faults-page', import.meta.url)));
  const outDir = mkdtempSync(join(tmpdir(), 'kube-sim-bench-faults-'));
  const config = { configFile: false as const, root: page, base: './', logLevel: 'warn' as const };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    tab.on('console', (m) => console.log(`page: ${m.text()}`));
    tab.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    tab.on('crash', () => console.log('page crashed'));
    await tab.goto(`http://127.0.0.1:${port}/`);
    await tab.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 30_000 });
    const got: Trial[] = [];
    for (const [i, ms] of moments(trials).entries()) {
      const t = await tab.evaluate(([w, after]) => (globalThis as unknown as { cancelTrial(w: number, ms: number): Promise<Trial> }).cancelTrial(w, after), [workers, ms] as const);
      got.push(t);
      console.log(`chromium ${i + 1}: cancel ${ms} ms after the first batch (${t.runsBefore} runs in): all workers stopped after ${t.stopMs.toFixed(1)} ms, run rejected after ${t.rejectMs.toFixed(1)} ms`);
    }
    results.push(describeTrials(`chromium module Workers ×${workers}`, got));
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(r));
    rmSync(outDir, { recursive: true, force: true });
  }
} else if (browserToo) {
  console.log('chromium: skipped (no /usr/bin/chromium)');
}

for (const r of results) console.log(`${r.label}: ${r.trials} cancels; all workers stopped within median ${r.stopMedianMs} ms, max ${r.stopMaxMs} ms (target 200 ms); batches handed over after a cancel: ${r.batchesAfterCancel}`);
console.log(JSON.stringify(results));

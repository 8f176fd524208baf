/**
 * The planners' app in headless Chromium: build it (as `npm run build`), serve dist/, and time
 * 1,000 replications of the default scenario from pressing Run to finished charts, the first chart
 * after pressing Run, and the main thread's long tasks (over 50 ms) while the ensemble runs.
 *   npm run bench:web [-- --reps 1000 --rounds 5]
 * Each round is a fresh page, as a user finds it (workers started, the Cempaka and Tulip
 * references and the arrival run done), timed inside the page with performance.now(). The last
 * line is one JSON object. --reps must not be 500 (the arrival run's).
 */
import { flag } from './flags.ts';
import { servedApp } from './served-app.ts';

const reps = flag('--reps', 1000);
const rounds = flag('--rounds', 5);
if (reps === 500) throw new Error('--reps 500 is what the app runs on arrival: pick another number, so the timed run can be told apart');

const app = await servedApp('web');
const { server, browser } = app;

interface Round {
  totalMs: number;
  firstChartMs: number;
  longTasks: number[];
  cores: number;
}

const results: Round[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    // The app runs its default (500 replications) on arrival; then the replications are set to
    // `reps` in their field, so that the finished run we wait for can only be the timed one.
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 60_000 });
    await page.getByTestId('reps').fill(String(reps));
    await page.getByTestId('reps').dispatchEvent('change');
    await page.waitForFunction((n) => new URLSearchParams(location.search).get('reps') === String(n), reps);
    const r = await page.evaluate(
      (n) =>
        new Promise<Round>((done) => {
          const longTasks: number[] = [];
          const obs = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) longTasks.push(e.duration);
          });
          obs.observe({ type: 'longtask' });
          let firstChartMs = Number.NaN;
          const t0 = performance.now();
          const chart = document.querySelector('[data-testid="chart-fate"]')!;
          const seen = new MutationObserver(() => {
            if (Number.isNaN(firstChartMs) && chart.querySelector('svg')) firstChartMs = performance.now() - t0;
          });
          seen.observe(chart, { childList: true, subtree: true });
          const finished = new MutationObserver(() => {
            if (document.body.dataset.drawn !== `complete:${n}`) return;
            const totalMs = performance.now() - t0;
            finished.disconnect();
            seen.disconnect();
            // Long tasks are reported after they end: give the last one a moment to arrive.
            setTimeout(() => {
              obs.disconnect();
              done({ totalMs, firstChartMs, longTasks, cores: navigator.hardwareConcurrency });
            }, 100);
          });
          finished.observe(document.body, { attributes: true, attributeFilter: ['data-drawn'] });
          (document.querySelector('[data-testid="run"]') as HTMLButtonElement).click();
        }),
      reps,
    );
    results.push(r);
    console.log(`round ${i + 1}: ${reps} replications, Run → finished charts ${r.totalMs.toFixed(0)} ms, first chart ${r.firstChartMs.toFixed(0)} ms, long tasks ${r.longTasks.length ? r.longTasks.map((t) => t.toFixed(0)).join(', ') + ' ms' : 'none'}`);
    await context.close();
  }
} finally {
  await app.close();
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const totals = results.map((r) => r.totalMs);
const firsts = results.map((r) => r.firstChartMs);
const longest = Math.max(0, ...results.flatMap((r) => r.longTasks));
console.log(`median Run → finished: ${median(totals).toFixed(0)} ms (best ${sorted(totals)[0].toFixed(0)}, floor 1500); first chart median ${median(firsts).toFixed(0)} ms (floor 300); longest main-thread task while running ${longest.toFixed(0)} ms (floor 50); workers: ${results[0]?.cores ?? '?'} cores`);
console.log(JSON.stringify({ reps, rounds, medianMs: median(totals), bestMs: sorted(totals)[0], firstChartMedianMs: median(firsts), longestTaskMs: longest, longTasks: results.reduce((n, r) => n + r.longTasks.length, 0) }));

/**
 * "How sure is this?" in headless Chromium: build the app (as `npm run build`), serve dist/, and
 * time 100 worlds × 100 replications of two packages (organising mentoring as A against
 * entrepreneurship mentoring as B, worlds drawn from the priors) from pressing the panel's button
 * to the chart with every world's dot, timed inside the page with performance.now(). The goal is
 * 10 s on the 2-core development machine; the figure is printed, not asserted.
 *   npm run bench:worlds-web [-- --worlds 100 --reps 100 --rounds 3 --a PRESET --b PRESET --shot docs/img/how-sure.png]
 * Each round is a fresh page opened on a link holding A (run and pinned on arrival) and B, so the
 * workers are started and warm. --shot saves the panel of the last round. The last line is JSON.
 */
import { resolve } from 'node:path';
import { waitForApp } from '../test/e2e/app.ts';
import { flag } from './flags.ts';
import { servedApp } from './served-app.ts';

const worlds = flag('--worlds', 100);
const reps = flag('--reps', 100);
const rounds = flag('--rounds', 3);
const text = (name: string, fallback: string | null) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const shot = text('--shot', null);
const [A, B] = [text('--a', 'mentoring-organising')!, text('--b', 'mentoring-entrepreneurship')!];

const app = await servedApp('worlds-web');
const { server, browser } = app;

interface Round {
  ms: number;
  dots: number;
  share: number;
  cores: number;
  longTasks: number[];
}

const results: Round[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?preset=${B}&reps=200&a=${encodeURIComponent(`preset=${A}&reps=200`)}`);
    await waitForApp(page, 120_000);
    await page.getByTestId('how-sure-source').selectOption('prior');
    for (const [id, v] of [['how-sure-worlds', worlds], ['how-sure-reps', reps]] as const) {
      await page.getByTestId(id).fill(String(v));
      await page.getByTestId(id).blur();
    }
    await page.waitForFunction(() => !(document.querySelector('[data-testid=how-sure-run]') as HTMLButtonElement).disabled);
    const r = await page.evaluate(
      (n) =>
        new Promise<Round>((done) => {
          const longTasks: number[] = [];
          const obs = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) longTasks.push(e.duration);
          });
          obs.observe({ type: 'longtask' });
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            const dots = document.querySelectorAll('[data-testid=chart-worlds] [data-testid=world-dot]').length;
            if (dots !== n) return;
            const ms = performance.now() - t0;
            seen.disconnect();
            const share = Number(document.querySelector<HTMLElement>('[data-testid=how-sure-share]')!.dataset.share);
            setTimeout(() => {
              obs.disconnect();
              done({ ms, dots, share, cores: navigator.hardwareConcurrency, longTasks });
            }, 100);
          });
          seen.observe(document.querySelector('[data-testid=how-sure]')!, { childList: true, subtree: true });
          (document.querySelector('[data-testid="how-sure-run"]') as HTMLButtonElement).click();
        }),
      worlds,
    );
    results.push(r);
    console.log(`round ${i + 1}: ${A} (A) against ${B} (B), ${worlds} worlds × ${reps} replications × 2 packages (${(2 * worlds * reps).toLocaleString('en')} runs): button → chart ${(r.ms / 1000).toFixed(2)} s, share of worlds B better ${(100 * r.share).toFixed(1)}%, long tasks ${r.longTasks.length ? r.longTasks.map((t) => t.toFixed(0)).join(', ') + ' ms' : 'none'}`);
    if (shot && i === rounds - 1) {
      await page.getByTestId('how-sure').screenshot({ path: resolve(shot) });
      console.log(`panel saved to ${shot}`);
    }
    await context.close();
  }
} finally {
  await app.close();
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const times = results.map((r) => r.ms);
const median = sorted(times)[Math.floor(times.length / 2)];
console.log(`median button → chart: ${(median / 1000).toFixed(2)} s (best ${(sorted(times)[0] / 1000).toFixed(2)} s; goal 10 s); workers: ${results[0]?.cores ?? '?'} cores`);
console.log(JSON.stringify({ worlds, reps, runs: 2 * worlds * reps, rounds, medianMs: median, bestMs: sorted(times)[0], longestTaskMs: Math.max(0, ...results.flatMap((r) => r.longTasks)) }));

/**
 * Trainer mode's animation in headless Chromium: build the app, serve dist/, open trainer mode on a
 * group of 30 members, press Play and record every animation frame for a few seconds.
 *   npm run bench:trainer [-- --members 30 --seconds 8 --speed 4]
 * Prints, for one group and for two side by side: frames per second, the time between frames
 * (median, 95th and 99th percentile, worst), the share of frames later than 1.5 × 16.7 ms, and the
 * page's own work per frame (the time inside the frame's requestAnimationFrame callbacks: layout
 * tick, lines, circles and story), and the main thread's long tasks (over 50 ms). The last line is
 * one JSON object. The simulation itself runs in the worker.
 */
import { flag } from './flags.ts';
import { servedApp } from './served-app.ts';

const members = flag('--members', 30);
const seconds = flag('--seconds', 8);
const speed = flag('--speed', 4);

const app = await servedApp('trainer');
const { server, browser } = app;

interface Sample {
  intervals: number[];
  work: number[];
  longTasks: number[];
  weeks: number;
}

// Times every animation-frame callback of the page (its work) and the gaps between frames.
const INSTRUMENT = () => {
  const w = window as unknown as { __bench: { on: boolean; stamps: number[]; work: number[]; longTasks: number[] } };
  w.__bench = { on: false, stamps: [], work: [], longTasks: [] };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      const b = w.__bench;
      const t0 = performance.now();
      cb(t);
      if (b.on) {
        // Callbacks of one frame share its timestamp: one frame, their work added up.
        const ms = performance.now() - t0;
        if (b.stamps.length && b.stamps[b.stamps.length - 1] === t) b.work[b.work.length - 1] += ms;
        else {
          b.work.push(ms);
          b.stamps.push(t);
        }
      }
    });
  new PerformanceObserver((list) => {
    if (w.__bench.on) for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
};

async function measure(compare: boolean): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENT);
  const q = new URLSearchParams({ 'group.size': String(members), seed: '7', tour: '0', speed: String(speed) });
  if (compare) q.set('compare', '1');
  await page.goto(`${server.url}trainer.html?${q}`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 60_000 });
  const n = await page.locator('[data-panel="a"] .member').count();
  if (n !== members) throw new Error(`expected ${members} members on screen, found ${n}`);
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    (window as unknown as { __bench: { on: boolean } }).__bench.on = true;
  });
  await page.getByTestId('play').click();
  await page.waitForTimeout(seconds * 1000);
  const r = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { on: boolean; stamps: number[]; work: number[]; longTasks: number[] } }).__bench;
    b.on = false;
    const intervals = b.stamps.slice(1).map((t, k) => t - b.stamps[k]);
    return { intervals, work: b.work, longTasks: b.longTasks, weeks: Number(document.body.dataset.week) };
  });
  await context.close();
  return r;
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const report: Record<string, unknown> = { members, seconds, speed };
try {
  for (const compare of [false, true]) {
    const s = await measure(compare);
    const total = s.intervals.reduce((a, b) => a + b, 0);
    const fps = (s.intervals.length / total) * 1000;
    const late = s.intervals.filter((x) => x > 25).length / s.intervals.length;
    const name = compare ? 'side by side (2 × 30 members)' : `one group (${members} members)`;
    console.log(
      `${name}: ${fps.toFixed(1)} frames/s over ${(total / 1000).toFixed(1)} s (reached week ${s.weeks}); ` +
        `frame interval median ${q(s.intervals, 0.5).toFixed(1)} ms, p95 ${q(s.intervals, 0.95).toFixed(1)}, p99 ${q(s.intervals, 0.99).toFixed(1)}, worst ${Math.max(...s.intervals).toFixed(1)}; ` +
        `frames later than 25 ms: ${(100 * late).toFixed(1)}%; page work per frame median ${q(s.work, 0.5).toFixed(2)} ms, p95 ${q(s.work, 0.95).toFixed(2)}, worst ${Math.max(...s.work).toFixed(2)}; ` +
        `long tasks: ${s.longTasks.length ? s.longTasks.map((t) => t.toFixed(0)).join(', ') + ' ms' : 'none'}`,
    );
    report[compare ? 'sideBySide' : 'single'] = {
      fps,
      intervalMedianMs: q(s.intervals, 0.5),
      intervalP95Ms: q(s.intervals, 0.95),
      intervalP99Ms: q(s.intervals, 0.99),
      lateShare: late,
      workMedianMs: q(s.work, 0.5),
      workP95Ms: q(s.work, 0.95),
      workMaxMs: Math.max(...s.work),
      longTasks: s.longTasks.length,
    };
  }
} finally {
  await app.close();
}
console.log(JSON.stringify(report));

/**
 * The planners' charts in Chromium, drawn from real small ensembles (test/e2e/fixtures/charts):
 * every mark the caller counts is there, no text is under 12 px, outside its chart or on top of
 * another text, exports give a standalone SVG and a real PNG, the radar turns into bars on a
 * phone, and nothing throws before any run.
 * Screenshots and the exported files go to test-results/charts-* for a look.
 *
 * Without Chromium the test is skipped locally, but fails under CI (./app.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from './app.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURE = join(ROOT, 'test/e2e/fixtures/charts');
const SHOTS = join(ROOT, 'test-results');
const CHARTS = ['fan', 'fan-members', 'survival', 'fate', 'radar', 'radar-medium', 'sweep', 'diff'];
const SWEEP_POINTS = 5;

/** Marks the app counts, per test id, in the full charts and in the empty ones. */
async function counts(page: Page, prefix = '') {
  return page.evaluate((prefix) => {
    const q = (chart: string, id: string) => document.querySelectorAll(`[data-chart="${prefix}${chart}"] [data-testid="${id}"]`);
    const drawn = (chart: string, id: string) => [...q(chart, id)].filter((e) => (e.getAttribute('d') ?? '').length > 10).length;
    return {
      radarPoints: q('radar', 'radar-point').length,
      radarCi: q('radar', 'radar-ci').length,
      radarReferences: q('radar', 'radar-reference').length,
      radarPinned: q('radar', 'radar-pinned').length,
      radarBars: document.querySelectorAll(`[data-chart="${prefix}radar"] .kc-radar-bars`).length,
      radarMediumPoints: q('radar-medium', 'radar-point').length,
      fanMedian: drawn('fan', 'fan-median'),
      fanBand50: drawn('fan', 'fan-band50'),
      fanBand90: drawn('fan', 'fan-band90'),
      fanCompare: drawn('fan', 'fan-compare-median'),
      survivalCurve: drawn('survival', 'survival-curve'),
      survivalBand: drawn('survival', 'survival-band'),
      survivalCompare: drawn('survival', 'survival-compare'),
      fateLayers: ['active', 'stagnant', 'dissolved'].map((k) => drawn('fate', `fate-${k}`)),
      fateCompare: drawn('fate', 'fate-compare-active') + drawn('fate', 'fate-compare-not-dissolved'),
      sweepPoints: q('sweep', 'sweep-point').length,
      sweepBand: drawn('sweep', 'sweep-band'),
      diffIntervals: document.querySelectorAll(`[data-chart="${prefix}diff"] .kc-diff-ci`).length,
      diffRows: q('diff', 'diff-row').length,
      diffVerdicts: [...q('diff', 'diff-row')].map((e) => e.getAttribute('data-verdict')),
    };
  }, prefix);
}

/**
 * Problems with the text of every chart: under 12 px, outside its SVG, overlapping another text,
 * and whether each SVG is announced (role="img", aria-label = its <title>).
 */
async function textProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('[data-chart]')) {
      const name = cell.dataset.chart;
      const svg = cell.querySelector('svg')!;
      if (svg.getAttribute('role') !== 'img') problems.push(`${name}: no role=img`);
      const title = svg.querySelector(':scope > title')?.textContent ?? '';
      if (!title || svg.getAttribute('aria-label') !== title) problems.push(`${name}: aria-label is not the title`);
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim());
      const rects = texts.map((t) => t.getBoundingClientRect());
      texts.forEach((t, i) => {
        const size = parseFloat(getComputedStyle(t).fontSize);
        if (size < 12) problems.push(`${name}: "${t.textContent}" at ${size}px`);
        const r = rects[i];
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          problems.push(`${name}: "${t.textContent}" outside the chart`);
        }
        for (let j = 0; j < i; j++) {
          const s = rects[j];
          // Glyph boxes include line spacing: allow 2 px of touching before calling it an overlap.
          const ox = Math.min(r.right, s.right) - Math.max(r.left, s.left);
          const oy = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
          if (ox > 2 && oy > 3) problems.push(`${name}: "${t.textContent}" overlaps "${texts[j].textContent}"`);
        }
      });
    }
    return problems;
  });
}

describeBrowser('the charts in Chromium', () => {
  let outDir = '';
  let server: PreviewServer;
  let browser: Browser;
  let url = '';
  const errors: string[] = [];

  async function open(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading', undefined, { timeout: 60_000 });
    expect(await page.textContent('#status')).toBe('ready');
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    outDir = mkdtempSync(join(tmpdir(), 'kube-sim-charts-e2e-'));
    const config = { configFile: false as const, root: FIXTURE, base: './', logLevel: 'warn' as const };
    await build({ ...config, build: { outDir, emptyOutDir: true } });
    server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
    const address = server.httpServer.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.httpServer.close(() => r()) : r()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('at 1280×720: every mark is drawn, text is readable and inside its chart, nothing overlaps', async () => {
    const page = await open(1280, 720);
    const c = await counts(page);
    expect(c).toMatchObject({
      radarPoints: 9,
      radarMediumPoints: 9,
      radarCi: 9,
      radarReferences: 2,
      radarPinned: 1,
      radarBars: 0,
      fanMedian: 1,
      fanBand50: 1,
      fanBand90: 1,
      fanCompare: 1,
      survivalCurve: 1,
      survivalBand: 1,
      survivalCompare: 1,
      fateLayers: [1, 1, 1],
      fateCompare: 2,
      sweepPoints: SWEEP_POINTS,
      sweepBand: 1,
      diffRows: 7,
    });
    // Weekly visits cost more than monthly ones, so at least that row says "B worse".
    expect(c.diffVerdicts).toContain('worse');
    expect(await textProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'charts-1280x720.png'), fullPage: true });
    for (const name of CHARTS) await page.locator(`[data-chart="${name}"]`).screenshot({ path: join(SHOTS, `charts-1280-${name}.png`) });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws from no runs and from one pair without throwing: no band where there is no interval', async () => {
    const page = await open(1280, 720);
    const c = await counts(page, 'empty-');
    expect(c.radarPoints).toBe(9); // the means of an empty ensemble are 0: drawn at the centre
    expect(c.diffRows).toBe(6); // no cost per surviving group from one pair
    expect(c.diffVerdicts.every((v) => v === 'unclear')).toBe(true);
    // No spread yet: no whiskers on the radar, no intervals on the forest plot.
    expect(c.radarCi).toBe(0);
    expect(c.diffIntervals).toBe(0);
    // No runs: no groups to stack.
    expect(c.fateLayers).toEqual([0, 0, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports each chart as a standalone SVG and a 2× PNG', async () => {
    const page = await open(1280, 720);
    for (const name of CHARTS) {
      const e = await page.evaluate((n) => (globalThis as any).exportChart(n), name);
      expect(e.parseError, name).toBe(false);
      expect(e.root).toBe('svg');
      expect(e.title).toBeTruthy();
      expect(e.text).toMatch(/^<\?xml[^>]*\?>\n<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      // Nothing outside the file: no links, no stylesheet, no web font; the styles are inline.
      expect(e.text).not.toMatch(/href=|@import|url\(|<link|<style/);
      expect(e.text).toMatch(/style="[^"]*font-family:[^"]*sans-serif/);
      expect(e.png.type).toBe('image/png');
      expect(e.png.size).toBeGreaterThan(2000);
      expect(e.width).toBeGreaterThan(e.drawnWidth); // a margin round the chart
      expect([e.png.width, e.png.height]).toEqual([2 * e.width, 2 * e.height]);
      writeFileSync(join(SHOTS, `charts-export-${name}.png`), Buffer.from(e.png.base64, 'base64'));
      writeFileSync(join(SHOTS, `charts-export-${name}.svg`), e.text);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 390×844 (phone): charts fit the screen, the radar becomes bars with the same marks', async () => {
    const page = await open(390, 844);
    const c = await counts(page);
    expect(c).toMatchObject({ radarPoints: 9, radarReferences: 2, radarPinned: 1, radarBars: 1, sweepPoints: SWEEP_POINTS, diffRows: 7 });
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    expect(await textProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'charts-390x844.png'), fullPage: true });
    for (const name of CHARTS) await page.locator(`[data-chart="${name}"]`).screenshot({ path: join(SHOTS, `charts-390-${name}.png`) });
    expect(errors).toEqual([]);
    await page.close();
  });
});

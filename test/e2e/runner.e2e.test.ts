/**
 * The runner in a real browser: an ensemble run by module Workers over comlink in Chromium gives
 * bit for bit the run rows, bands and survival curve that Node's worker_threads give for the same
 * scenario and seed, with 1 worker or 2. The test page (test/e2e/fixtures/runner) is built with
 * Vite, so the Worker is bundled exactly as the app's will be.
 *
 * Without Chromium the test is skipped locally, but fails under CI (./app.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import scenarioJson from '../../scenarios/default.json';
import { Ensemble, parseScenario, type JobSpec } from '../../src/index.ts';
import { nodePool } from '../../src/runner/node-pool.ts';
import { describeBrowser, launchChromium } from './app.ts';
import { hashFloats } from './fixtures/runner/hash.ts';

const FIXTURE = resolve(fileURLToPath(new URL('./fixtures/runner', import.meta.url)));
const REPS = 300;
const SEED = 17;

async function nodeEnsemble(workers: number) {
  const sc = parseScenario(scenarioJson);
  const job: JobSpec = { scenarios: [sc], seed: SEED, replications: REPS, order: 'point', series: true };
  const pool = nodePool(workers);
  const ens = new Ensemble(sc, true);
  const rows: Float64Array[] = [];
  try {
    await pool.run(job, { onBatch: (b) => (rows.push(b.rows), ens.add(b.rows, b.series, b.bins)) });
  } finally {
    pool.close();
  }
  const s = ens.summary();
  return { rows: hashFloats(rows), bands: hashFloats(s.bands.flatMap((b) => [...b.q, b.mean])), survival: hashFloats([s.survival.surviving]), survivalRate: s.headline.survivalRate.mean };
}

describeBrowser('the runner in Chromium', () => {
  let outDir = '';
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    outDir = mkdtempSync(join(tmpdir(), 'kube-sim-runner-e2e-'));
    const config = { configFile: false as const, root: FIXTURE, base: './', logLevel: 'warn' as const };
    await build({ ...config, build: { outDir, emptyOutDir: true } });
    server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 30_000 });
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.httpServer.close(() => r()) : r()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('module Workers give the rows, bands and survival curve of Node worker_threads, bit for bit, with 1 or 2 workers', async () => {
    const node = await nodeEnsemble(2);
    const run = (w: number) => page.evaluate(([w, reps, seed]) => (globalThis as any).runEnsemble(w, reps, seed), [w, REPS, SEED]);
    const one = await run(1);
    const two = await run(2);
    expect(one.batches).toBeGreaterThan(1);
    for (const b of [one, two]) {
      expect(b.rows).toBe(node.rows);
      expect(b.bands).toBe(node.bands);
      expect(b.survival).toBe(node.survival);
      expect(b.survivalRate).toBe(node.survivalRate);
    }
  });
});

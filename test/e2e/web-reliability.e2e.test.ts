/**
 * The planners' app keeps working through what goes wrong around it (issue 7), in Chromium
 * against the built app:
 * - the scenario survives a reload, even from the bare address (local storage), and storage that
 *   is corrupted, unavailable or full is never a crash;
 * - a worker crash during run B (the Workers die, and the fresh ones the pool starts cannot load
 *   their script) ends in a message in the page's language and a retry; the pinned A stays
 *   pinned, and Retry starts fresh Workers and finishes B.
 *
 * The crash needs no hook in the app: the test serves its own copy of the build, breaks the
 * Worker chunk in it, and throws an uncaught error inside each live Worker (Playwright evaluates
 * in Workers as it does in pages). Screenshot: test-results/reliability-crash.png.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { en } from '../../web/app/lang-en.ts';
import { id } from '../../web/app/lang-id.ts';
import { scratchFolder } from '../cli/kube-sim.ts';
import { appDist, appSession, describeBrowser, newAppPage, serveStatic, waitForApp } from './app.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHOTS = join(ROOT, 'test-results');
const VISITS = 'field-intervention.mentoring.visitsPerMonth';
const STORE_KEY = 'kube-sim.settings';

async function setField(page: Page, testid: string, value: string): Promise<void> {
  const field = page.getByTestId(testid);
  await field.fill(value);
  await field.blur();
}

/** Wait for the app's first result (or, with a bad setting, for it to wait on the planner). */
async function ready(page: Page): Promise<void> {
  await waitForApp(page);
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
}

/** What the run form and the controls show. */
function readSettings(page: Page) {
  return Promise.all([
    page.getByTestId('preset').inputValue(),
    page.getByTestId('seed').inputValue(),
    page.getByTestId('reps').inputValue(),
    page.getByTestId(VISITS).inputValue(),
    page.getByTestId('run').textContent(),
  ]);
}

describeBrowser('the app through reloads, bad storage and worker crashes', () => {
  const session = appSession();
  const open = (url: string, opts?: Parameters<typeof newAppPage>[2]) => session.open(url, opts);
  const scratch = scratchFolder('kube-sim-web-reliability-');
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it('keeps the scenario (preset, changes, roster, seed, runs, language) through a reload of the bare address', async () => {
    const app = await open(`${session.server.url}?reps=20`);
    const { page } = app;
    await ready(page);
    await page.getByTestId('preset').selectOption('tulip');
    await setField(page, 'seed', '7');
    await setField(page, 'reps', '30');
    await setField(page, VISITS, '3');
    await page.locator('details.roster summary').click();
    await page.getByTestId('roster-file').setInputFiles(join(ROOT, 'scenarios/rosters/example-group.csv'));
    await page.waitForFunction(() => !!document.querySelector('[data-testid=roster-note] .ok'));
    await page.getByTestId('lang-id').click();
    const query = new URL(page.url()).search;
    expect(Object.fromEntries(new URLSearchParams(query))).toMatchObject({ preset: 'tulip', seed: '7', reps: '30', lang: 'id', 'intervention.mentoring.visitsPerMonth': '3' });
    expect(new URLSearchParams(query).get('roster')).toBeTruthy();
    const want = await readSettings(page);
    expect(want).toEqual(['tulip', '7', '30', '3', id.run.run]);

    // The bare address (no query string): local storage brings everything back, the URL too.
    await page.goto(session.server.url);
    await ready(page);
    expect(await readSettings(page)).toEqual(want);
    expect(new URL(page.url()).search).toBe(query);
    expect(await page.getByTestId('field-group.size').isDisabled()).toBe(true);
    expect(await page.getByTestId('field-group.size').inputValue()).toBe('10');
    expect(await page.getByTestId('url-problems').isHidden()).toBe(true);
    // …and it ran them: 30 runs of the kept scenario.
    expect(await page.evaluate(() => document.body.dataset.drawn)).toBe('complete:30');

    // A link still wins over what was kept.
    await page.goto(`${session.server.url}?preset=cempaka&reps=20`);
    await ready(page);
    expect(await page.getByTestId('preset').inputValue()).toBe('cempaka');
    expect(app.pageErrors).toEqual([]);
  });

  it('ignores corrupted storage with a notice (in the page’s language), and reads what it can of a damaged one', async () => {
    const app = await open(`${session.server.url}?reps=20`);
    const { page } = app;
    await ready(page);
    for (const [junk, lang] of [['{"preset": "tulip", "seed": ', 'en'], ['\u0000\u00ff garbage \ud800', 'en'], ['not a query', 'id']] as const) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORE_KEY, junk]);
      await page.goto(session.server.url);
      // The app starts (on the default scenario, its 500 runs under way): the notice is up at once.
      await waitForApp(page);
      await page.getByTestId('url-problems').waitFor({ state: 'visible' });
      // The notice follows a language switch.
      if (lang === 'id') await page.getByTestId('lang-id').click();
      const notice = page.getByTestId('url-problems');
      expect(await notice.isVisible(), junk).toBe(true);
      expect(await notice.locator('strong').first().textContent(), junk).toBe((lang === 'id' ? id : en).storage.unreadable);
      expect(await page.getByTestId('preset').inputValue(), junk).toBe('default');
      await page.getByTestId('url-problems-close').click();
      expect(await notice.isHidden()).toBe(true);
      await page.getByTestId('lang-en').click();
    }
    // A kept query with a bad part: the rest is read, and the notice says it came from storage.
    await page.evaluate(([k]) => localStorage.setItem(k, '?preset=nope&seed=7&reps=20'), [STORE_KEY]);
    await page.goto(session.server.url);
    await ready(page);
    expect(await page.getByTestId('url-problems').locator('strong').textContent()).toBe(en.storage.problems);
    expect(await page.getByTestId('url-problems').locator('li').allTextContents()).toEqual([expect.stringMatching(/^preset=nope — /)]);
    expect(await page.getByTestId('seed').inputValue()).toBe('7');
    expect(app.pageErrors).toEqual([]);
  });

  it('works without local storage (disabled, or full): settings live in the URL, nothing crashes', async () => {
    for (const kind of ['disabled', 'full'] as const) {
      const app = await open(session.server.url, { goto: false });
      await app.context.addInitScript((k) => {
        if (k === 'disabled') {
          Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('storage is disabled', 'SecurityError'); } });
        } else {
          Storage.prototype.setItem = function () { throw new DOMException('the quota has been exceeded', 'QuotaExceededError'); };
        }
      }, kind);
      const { page } = app;
      await page.goto(`${session.server.url}?reps=20`);
      await ready(page);
      await page.getByTestId('preset').selectOption('tulip');
      await setField(page, 'seed', '9');
      await setField(page, 'reps', '21');
      expect(new URL(page.url()).searchParams.get('seed'), kind).toBe('9');
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.body.dataset.state === 'complete' && document.body.dataset.drawn === 'complete:21');
      await page.reload();
      await ready(page);
      expect(await page.getByTestId('preset').inputValue(), kind).toBe('tulip');
      expect(app.pageErrors, kind).toEqual([]);
      expect(await page.getByTestId('url-problems').isHidden(), kind).toBe(true);
    }
  });

  it('a worker crash during run B: a message and Retry in the page’s language, A still pinned, Retry finishes B on fresh Workers', async () => {
    // A copy of the build to break, served on its own; no service worker, so every request for
    // the Worker's script reaches this server (and its broken file).
    const dir = join(scratch, 'dist');
    cpSync(appDist(), dir, { recursive: true });
    const chunk = readdirSync(join(dir, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
    expect(chunk).toBeTruthy();
    const chunkPath = join(dir, 'assets', chunk!);
    const good = readFileSync(chunkPath);
    const own = await serveStatic(dir);
    try {
      const app = await open(`${own.url}?preset=mentoring-none&reps=100`, { context: { serviceWorkers: 'block' } });
      const { page } = app;
      await ready(page);
      expect(await page.evaluate(() => document.body.dataset.drawn)).toBe('complete:100');
      await page.getByTestId('pin').click();
      const pinnedLabel = await page.locator('[data-testid=compare] .pinned-label').textContent();
      expect(pinnedLabel).toBe(en.compare.pinned(en.preset.names['mentoring-none']));

      // Run B, big enough to be still running when its Workers die.
      await page.getByTestId('preset').selectOption('mentoring-weekly');
      await setField(page, 'reps', '5000');
      await page.getByTestId('run').click();
      await page.waitForFunction(() => /^running:[1-9]\d*$/.test(document.body.dataset.drawn ?? ''), undefined, { timeout: 30_000 });

      // Crash: every fresh Worker fails to load, and every live one throws an uncaught error.
      writeFileSync(chunkPath, 'throw new Error("the worker chunk is broken (test)");\n');
      const asked = own.requests.length;
      const live = page.workers();
      expect(live.length).toBeGreaterThan(0);
      for (const w of live) await w.evaluate(() => void setTimeout(() => { throw new Error('worker crashed (test)'); })).catch(() => undefined);

      await page.waitForFunction(() => document.body.dataset.state === 'failed', undefined, { timeout: 30_000 });
      // The pool did ask for fresh Workers (which could not load).
      expect(own.requests.slice(asked).some((r) => r.includes(chunk!))).toBe(true);
      const error = page.getByTestId('error');
      await error.waitFor({ state: 'visible' });
      expect(await error.locator('.error-text').textContent()).toBe(en.run.crashed);
      expect(await error.locator('.error-kept').textContent()).toBe(en.run.crashKeptPinned);
      expect(await error.getByTestId('retry').textContent()).toBe(en.run.retry);
      // A is still pinned; what is on screen says the run failed (or is still A's).
      expect(await page.locator('[data-testid=compare] .pinned-label').textContent()).toBe(pinnedLabel);
      expect(await page.getByTestId('unpin').isVisible()).toBe(true);
      await page.waitForFunction(() => /^(failed|complete):\d+$/.test(document.body.dataset.drawn ?? ''));
      const shown = (await page.evaluate(() => document.body.dataset.drawn))!;
      if (shown.startsWith('failed:')) expect(await page.getByTestId('results-of').textContent()).toContain('(the run failed)');
      else expect(shown).toBe('complete:100');
      await page.getByTestId('error').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'reliability-crash.png') });

      // In Indonesian too.
      await page.getByTestId('lang-id').click();
      expect(await error.locator('.error-text').textContent()).toBe(id.run.crashed);
      expect(await error.locator('.error-kept').textContent()).toBe(id.run.crashKeptPinned);
      expect(await error.getByTestId('retry').textContent()).toBe(id.run.retry);
      await page.screenshot({ path: join(SHOTS, 'reliability-crash-id.png') });
      await page.getByTestId('lang-en').click();

      // The script is back (a fixed deployment, a network that returned): Retry finishes B.
      writeFileSync(chunkPath, good);
      await page.getByTestId('retry').click();
      await page.waitForFunction(() => document.body.dataset.state === 'complete' && document.body.dataset.drawn === 'complete:5000', undefined, { timeout: 110_000 });
      expect(await error.isHidden()).toBe(true);
      expect(await page.locator('[data-testid=compare] .pinned-label').textContent()).toBe(pinnedLabel);
      await page.getByTestId('compare-table').waitFor({ state: 'attached' });
      expect(app.pageErrors).toEqual([]);
    } finally {
      writeFileSync(chunkPath, good);
      await own.close();
    }
  }, 180_000);
});

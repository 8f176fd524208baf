/**
 * Scenario text is data, never markup or code (issue 7), in Chromium against the built app:
 * - every built HTML page carries the Content Security Policy (no inline script, no eval, nothing
 *   from another origin) and has no inline script or style of its own;
 * - on every built page, zod is told not to try eval (web/app/no-eval.ts) before any schema is
 *   built, whatever the bundler's chunks: loading the page reports no violation, and the same
 *   build with that one call undone reports zod's eval probe on every page;
 * - the app logs no policy violation while it loads, runs, compares, exports SVG and PNG, opens
 *   trainer mode and works offline, and the policy does refuse an injected inline script, eval
 *   and a remote script;
 * - HTML and script payloads in a link (its keys and values, a roster's member names) and in a
 *   roster file (names, cells, the file's name) are shown as text: no element is made from them
 *   and none of their code runs.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/app/lang-en.ts';
import { appDist, appSession, describeBrowser, launchChromium, newAppPage, serveStatic, waitForApp, type AppPage, type StaticServer } from './app.ts';

/** Payloads that would run code if they reached the page as HTML. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  '<svg onload=window.__pwned=3>',
  '"><iframe srcdoc="<script>parent.__pwned=4</script>">',
];

const htmlPages = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.html'));

describe('the built pages carry the Content Security Policy', () => {
  const dir = appDist();
  const pages = htmlPages(dir);

  it('every page (index.html, trainer.html, …) has it first in <head>, with no inline script or style', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'trainer.html']));
    for (const name of pages) {
      const html = readFileSync(join(dir, name), 'utf8');
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
      expect(metas, name).toHaveLength(1);
      // Before any script or stylesheet: a policy applies only to what comes after it.
      const at = metas[0].index!;
      for (const tag of ['<script', '<link']) if (html.includes(tag)) expect(html.indexOf(tag), `${name} ${tag}`).toBeGreaterThan(at);
      const policy = new Map(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      expect(policy.get('default-src'), name).toEqual(["'self'"]);
      expect(policy.get('script-src'), name).toEqual(["'self'"]);
      expect(policy.get('worker-src'), name).toEqual(["'self'"]);
      expect(policy.get('object-src'), name).toEqual(["'none'"]);
      expect(policy.get('base-uri'), name).toEqual(["'none'"]);
      // No unsafe-* anywhere, and no source on another origin (a scheme other than data:/blob:, a host, a wildcard).
      for (const [k, v] of policy) {
        for (const source of v) {
          expect(source, `${name} ${k}`).not.toMatch(/unsafe|^\*|^https?:|^wss?:|\./);
        }
      }
      // Scripts only by src; no inline handlers or style attributes.
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], name).toMatch(/\bsrc=/);
        expect(m[2].trim(), name).toBe('');
      }
      expect(html, name).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, name).not.toMatch(/\sstyle\s*=/i);
    }
  });
});

/** Record policy violations in every document of the context (reported to the test). */
async function watchViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
const cspConsole = (app: AppPage) => app.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m));

/**
 * zod tries `new Function` the first time an object schema is built, unless told not to. The
 * build puts web/app/no-eval.ts (`z.config({ jitless: true })`) first on every page, but which
 * code runs first is the bundler's doing (its chunks, their order): so each built page is loaded
 * as it is, watched from before its first script, and must report no violation. The same pages
 * with that one call undone (`jitless: false` in a copy of the build) must report zod's eval
 * probe, or the first check proves nothing.
 */
describeBrowser('on every page, zod is told not to try eval before any schema is built', () => {
  let browser: Browser;
  let server: StaticServer;
  let undone: StaticServer;
  let undoneDir = '';
  const pages = htmlPages(appDist());

  beforeAll(async () => {
    server = await serveStatic(appDist());
    // The build with the jitless call undone: the one place in the page's chunks that sets it.
    undoneDir = mkdtempSync(join(tmpdir(), 'kube-sim-jit-'));
    cpSync(appDist(), undoneDir, { recursive: true });
    let calls = 0;
    for (const name of readdirSync(join(undoneDir, 'assets')).filter((f) => f.endsWith('.js'))) {
      const file = join(undoneDir, 'assets', name);
      const code = readFileSync(file, 'utf8');
      const changed = code.replace(/\(\{jitless:(?:!0|true)\}\)/g, () => {
        calls++;
        return '({jitless:!1})';
      });
      if (changed !== code) writeFileSync(file, changed);
    }
    expect(calls, 'z.config({ jitless: true }) in the built page chunks').toBe(1);
    undone = await serveStatic(undoneDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await undone?.close();
    if (undoneDir) rmSync(undoneDir, { recursive: true, force: true });
  });

  /** Load `page` of the site at `url` in a fresh context; the violations reported while it starts. */
  async function load(url: string, name: string): Promise<{ violations: string[]; app: AppPage }> {
    const app = await newAppPage(browser, url, { goto: false });
    try {
      await watchViolations(app.context);
      await app.page.goto(`${url}${name}`);
      await app.page.waitForLoadState('load');
      // Module scripts have all run by the load event; the two pages' own signs that they started.
      if (name === 'index.html') await waitForApp(app.page);
      if (name === 'trainer.html') await app.page.waitForFunction(() => (document.getElementById('trainer')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
      // A violation is reported in a task of its own: let those queued arrive.
      await app.page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
      return { violations: await violations(app.page), app };
    } finally {
      await app.close();
    }
  }

  it('every page loads without a violation', async () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'trainer.html']));
    for (const name of pages) {
      const { violations: seen, app } = await load(server.url, name);
      expect(seen, name).toEqual([]);
      expect(cspConsole(app), name).toEqual([]);
      expect(app.pageErrors, name).toEqual([]);
    }
  });

  it('with the jitless call undone, every page reports zod’s eval probe (so the check above can fail)', async () => {
    for (const name of pages) {
      const { violations: seen } = await load(undone.url, name);
      expect(seen.filter((v) => /^script-src eval /.test(v)), name).toHaveLength(1);
    }
  });
});

describeBrowser('the policy in Chromium, and payloads in links and rosters', () => {
  const session = appSession();

  async function open(query: string, opts: Parameters<typeof newAppPage>[2] = {}): Promise<AppPage> {
    const app = await session.open(session.server.url, { ...opts, goto: false, context: { acceptDownloads: true, ...opts.context } });
    await watchViolations(app.context);
    await app.page.goto(`${session.server.url}${query}`);
    await waitForApp(app.page);
    await app.page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
    return app;
  }

  it('no violation while loading, running, comparing, exporting, in trainer mode and offline; an injected inline script, eval and a remote script are refused', async () => {
    const app = await open('?preset=mentoring-none&reps=50');
    const { page, context } = app;
    expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null)).toBe(true);
    // Compare: pin A, run B.
    await page.getByTestId('pin').click();
    await page.getByTestId('preset').selectOption('mentoring-weekly');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.body.dataset.drawn === 'complete:50' && document.body.dataset.state === 'complete');
    await page.getByTestId('compare-table').waitFor({ state: 'attached' });
    // Export: every format of a result chart and of the comparison's chart.
    for (const chart of ['chart-fate', 'chart-radar', 'compare']) {
      for (const format of ['SVG', 'PNG']) {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${chart}] .chart-tools [data-format=${format}]`).click()]);
        expect(readFileSync(await dl.path()).length, `${chart} ${format}`).toBeGreaterThan(500);
      }
    }
    // The other language redraws every panel.
    await page.getByTestId('lang-id').click();
    await page.getByTestId('lang-en').click();
    expect(await violations(page)).toEqual([]);

    // Offline: the service worker takes over, the network goes, the page reloads from its cache.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    });
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    await context.setOffline(false);

    // Trainer mode, the second page.
    const trainer = await context.newPage();
    await trainer.goto(`${session.server.url}trainer.html`);
    await trainer.waitForLoadState('load');
    await trainer.waitForFunction(() => (document.getElementById('trainer')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
    expect(await trainer.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null)).toBe(true);
    expect(await violations(trainer)).toEqual([]);
    await trainer.close();
    expect(cspConsole(app)).toEqual([]);
    expect(app.pageErrors).toEqual([]);

    // What the policy is for: injected code does not run.
    const refused = await page.evaluate(async () => {
      const w = window as unknown as { __inline?: number; __remote?: number; __csp: string[] };
      const inline = document.createElement('script');
      inline.textContent = 'window.__inline = 1';
      document.body.append(inline);
      // A string compiled by the page's own timer (eval run from here, through DevTools, is not refused).
      (setTimeout as (code: string, ms: number) => number)('window.__evaluated = 1', 0);
      const remote = document.createElement('script');
      remote.src = 'https://example.invalid/x.js';
      const gone = new Promise((ok) => remote.addEventListener('error', ok, { once: true }));
      document.body.append(remote);
      await gone;
      // Violation events are dispatched as tasks: let them arrive.
      await new Promise((ok) => setTimeout(ok, 0));
      await new Promise((ok) => setTimeout(ok, 10));
      return { inline: w.__inline, evaluated: (w as unknown as { __evaluated?: number }).__evaluated, violations: w.__csp };
    });
    expect(refused.inline).toBeUndefined();
    expect(refused.evaluated).toBeUndefined();
    expect(refused.violations.map((v) => v.split(' ')[0]).sort()).toEqual(['script-src', 'script-src-elem', 'script-src-elem']);
  });

  it('shows HTML and script in a link’s keys and values as text, and runs none of it', async () => {
    const q = new URLSearchParams();
    q.set('preset', PAYLOADS[1]);
    q.set(PAYLOADS[0], '1');
    q.set('group.size', PAYLOADS[2]);
    q.set('intervention.mentoring.visitsPerMonth', PAYLOADS[3]);
    const app = await open(`?${q}`);
    const { page } = app;
    const items = await page.getByTestId('url-problems').locator('li').allTextContents();
    expect(items.join('\n')).toContain(`preset=${PAYLOADS[1]}`);
    expect(items.join('\n')).toContain(`${PAYLOADS[0]}=1`);
    expect(items.join('\n')).toContain(`group.size=${PAYLOADS[2]}`);
    expect(items.join('\n')).toContain(PAYLOADS[3]);
    // The field holds what the link said, as its value (not markup).
    expect(await page.getByTestId('field-group.size').inputValue()).toBe(PAYLOADS[2]);
    await expectNothingInjected(page, app);
  });

  it('shows a roster’s member names from a link and from a CSV file, bad cells and the file’s name as text, and runs none of it', async () => {
    // A roster in the link: ten members named with payloads (names are free text, up to 60 characters).
    const roster = Array.from({ length: 10 }, (_, i) => ({ name: PAYLOADS[i % PAYLOADS.length].slice(0, 60), role: i === 0 ? 'ketua' : 'anggota', skill: 0.5, commitment: 0.5, integrity: 0.5, need: 0.5, leadership: 0.5 }));
    const b64 = Buffer.from(JSON.stringify(roster), 'utf8').toString('base64url');
    const app = await open(`?reps=20&roster=${b64}`);
    const { page } = app;
    expect(await page.getByTestId('field-group.size').inputValue()).toBe('10');
    await expectNothingInjected(page, app);

    // A roster file: payloads as names (twice, so the duplicate is named in a warning), as a score, and as the file's name.
    const rows = ['nama;peran;keterampilan;komitmen;kejujuran;kebutuhan;kepemimpinan'];
    const names = ['<img src=x onerror=window.__pwned=1>', PAYLOADS[1]];
    for (let i = 0; i < 10; i++) rows.push(`${names[i % 2]};${i ? 'anggota' : 'ketua'};3;3;3;3;3`);
    const fileName = '<img src=x onerror=window.__pwned=5>.csv';
    await page.locator('details.roster summary').click();
    await page.getByTestId('roster-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.waitForFunction(() => !!document.querySelector('[data-testid=roster-note] .ok'));
    expect(await page.locator('[data-testid=roster-note] .ok').textContent()).toBe(en.roster.loaded(10, fileName));
    const warnings = await page.locator('[data-testid=roster-note] li').allTextContents();
    expect(warnings.join('\n')).toContain(names[0]);
    // The file's name goes into the results' line and the command line as text too.
    // 21 runs, so that the result drawn is this run's, not the link's 20 on arrival.
    const reps = page.getByTestId('reps');
    await reps.fill('21');
    await reps.blur();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.body.dataset.state === 'complete' && document.body.dataset.drawn === 'complete:21');
    expect(await page.getByTestId('results-of').textContent()).toContain(fileName);
    expect(await page.getByTestId('cli').textContent()).toContain("--roster '<img src=x onerror=window.__pwned=5>.csv'");

    // A bad score cell holding a payload is quoted in the problem, as text.
    rows[3] = `Ibu Sari;anggota;${PAYLOADS[2]};3;3;3;3`;
    await page.getByTestId('roster-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.waitForFunction(() => !!document.querySelector('[data-testid=roster-note] .problems'));
    expect((await page.locator('[data-testid=roster-note] .problems li').allTextContents()).join('\n')).toContain(PAYLOADS[2]);
    await expectNothingInjected(page, app);
  });
});

/** No element was made from a payload, none of their code ran, and the policy saw no attempt. */
async function expectNothingInjected(page: Page, app: AppPage): Promise<void> {
  // Give an injected <img>'s error or an <svg>'s load a chance to fire.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  expect(await pwned(page)).toBeUndefined();
  const made = await page.evaluate(() => ({
    elements: document.querySelectorAll('#app img, #app iframe, #app script, #app object, #app embed').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
  }));
  expect(made).toEqual({ elements: 0, handlers: 0 });
  expect(await violations(page)).toEqual([]);
  expect(cspConsole(app)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
}

/**
 * Offline: the built app (built once by global-setup.ts) asks nothing of any other origin, and
 * after the first load keeps working with the network off, served from a sub-path: its service
 * worker has precached every file of the build, the page reloads, a URL with a query string
 * opens, and the Worker chunks start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDist, describeBrowser, launchChromium, newAppPage, serveStatic, waitForApp, type AppPage, type StaticServer } from './app.ts';

/** Every file of the build, relative to it, with '/' separators. */
function builtFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile()) out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The files the service worker must have precached: all but itself and source maps. */
const precachable = (files: string[]) => files.filter((f) => f !== 'sw.js' && !f.endsWith('.map'));

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg']);

/**
 * Absolute URLs that may appear in the build because they are names, never fetched: XML
 * namespaces (d3 creates SVG with them) and JSON Schema `$schema` identifiers (zod's toJSONSchema).
 * A URL with a template placeholder (`http://[${host}]`) is a format string, not an address.
 */
const NOT_FETCHED = [
  /^https?:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/?)$/,
  /^https?:\/\/json-schema\.org\/(draft-0[4-7]\/schema#?|draft\/20\d\d-\d\d\/schema)$/,
  /\$\{/,
];

/** Places where a URL would be fetched by the browser. */
const FETCHING = [
  /\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(https?:)?\/\/[^\s"'>]+/gi,
  /url\(\s*["']?\s*(https?:)?\/\/[^)"'\s]+/gi,
  /@import\s+(?:url\()?\s*["']\s*(https?:)?\/\/[^"']+/gi,
  /\b(?:import|fetch|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*["'`]\s*(?:https?:|wss?:)?\/\/[^"'`]+/gi,
  /\bfrom\s*["']\s*(?:https?:)?\/\/[^"']+/gi,
];

describe('the built app asks nothing of other origins', () => {
  const dir = appDist();
  const texts = builtFiles(dir)
    .filter((f) => TEXT.has(extname(f)))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

  it('has no absolute or protocol-relative URL where the browser would fetch it', () => {
    const found: string[] = [];
    for (const { file, text } of texts) {
      for (const re of FETCHING) for (const m of text.matchAll(re)) found.push(`${file}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('has no other absolute URL than namespaces and schema identifiers', () => {
    const found = new Set<string>();
    for (const { file, text } of texts) {
      for (const m of text.matchAll(/\b(?:https?|wss?):\/\/[^\s"'`<>)\\]+/g)) {
        if (!NOT_FETCHED.some((re) => re.test(m[0]))) found.add(`${file}: ${m[0]}`);
      }
    }
    expect([...found]).toEqual([]);
  });

  it('has a service worker that precaches every file of the build', () => {
    const files = builtFiles(dir);
    expect(files).toContain('index.html');
    expect(files).toContain('sw.js');
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const listed = JSON.parse(/const FILES = (\[.*\]);/.exec(sw)?.[1] ?? '[]') as string[];
    expect(listed).toEqual(precachable(files));
  });
});

describeBrowser('the app offline, from a sub-path', () => {
  const BASE = '/tools/kube-sim/';
  let server: StaticServer;
  let browser: Browser;
  let app: AppPage | undefined;

  beforeAll(async () => {
    server = await serveStatic(appDist(), { base: BASE });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
  });

  it('offline reload works', async () => {
    const files = precachable(builtFiles(appDist()));
    app = await newAppPage(browser, server.url);
    const { page, context } = app;
    await waitForApp(page);
    // The service worker installs (precaching everything) and takes control of this page.
    const scope = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
      return reg.scope;
    });
    expect(scope).toBe(server.url);
    // Everything the page asked of the server was inside its folder: nothing at the site's root.
    expect(server.requests.filter((r) => !r.startsWith(BASE))).toEqual([]);

    // Network off, and the server gone too.
    await context.setOffline(true);
    await server.close();

    await page.reload();
    await waitForApp(page);
    expect(await page.evaluate(() => document.querySelector('#app')!.childElementCount)).toBeGreaterThan(0);
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    await page.goto(`${server.url}?seed=5`);
    await waitForApp(page);
    expect(await page.evaluate(() => document.querySelector('#app')!.childElementCount)).toBeGreaterThan(0);
    expect(await page.locator('.boot-error').count()).toBe(0);

    // Every file of the build is in the cache, and comes back through the service worker.
    const missing = await page.evaluate(async (names) => {
      const out: string[] = [];
      for (const name of names) {
        const url = new URL(name, document.baseURI).href;
        const hit = await caches.match(url);
        const res = await fetch(url).catch(() => null);
        if (!hit || !res?.ok) out.push(name);
      }
      return out;
    }, files);
    expect(missing).toEqual([]);

    // The Worker chunks start offline: each answers a comlink GET (the runner's worker API).
    const workers = files.filter((f) => /worker[^/]*\.m?js$/i.test(f));
    const started = await page.evaluate(async (names) => {
      const result: Record<string, string> = {};
      for (const name of names) {
        result[name] = await new Promise<string>((done) => {
          const w = new Worker(new URL(name, document.baseURI), { type: 'module' });
          const timer = setTimeout(() => done('no answer in 15 s'), 15_000);
          const end = (why: string) => (clearTimeout(timer), w.terminate(), done(why));
          w.addEventListener('error', (e) => end(`error: ${e.message || 'script did not load'}`));
          w.addEventListener('message', (e) => end((e.data as { id?: unknown })?.id === 'probe' ? 'started' : 'unexpected message'));
          w.postMessage({ id: 'probe', type: 'GET', path: [] });
        });
      }
      return result;
    }, workers);
    expect(started).toEqual(Object.fromEntries(workers.map((w) => [w, 'started'])));

    // Trainer mode, never visited online, opens offline on a group from a link and plays.
    await page.goto(`${server.url}trainer.html?preset=cempaka&seed=3&tour=0`);
    await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.body.dataset.week) >= 3, undefined, { timeout: 15_000 });
    expect(await page.locator('[data-testid="story"] li').count()).toBeGreaterThan(0);

    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});

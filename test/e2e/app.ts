/**
 * What every browser test shares: the built app (built once by ./global-setup.ts), a tiny static
 * file server that logs what it is asked for, Debian's Chromium launched the same way everywhere,
 * a page that records its errors and any request to another origin, and the rule that browser
 * tests are skipped without Chromium locally but fail under CI (they must never pass by not running).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `[e2e] browser tests skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH). ` +
      'Under CI this is a failure, not a skip.',
  );
}

/**
 * `describe` for tests that need Chromium: skipped locally without it; under CI never skipped, so
 * that launchChromium() fails and says why.
 */
export const describeBrowser: typeof describe = describe.skipIf(!HAVE_CHROMIUM && !IN_CI) as typeof describe;

/** Path of the app built once for the whole e2e run (see global-setup.ts). */
export function appDist(): string {
  const dir = inject('appDist');
  if (!dir) throw new Error('no built app: run the e2e tests through vitest.config.ts (its e2e project has the global setup)');
  return dir;
}

/** The exact arguments every test starts Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  if (!HAVE_CHROMIUM) {
    throw new Error(`no Chromium at ${CHROMIUM}: browser tests must run under CI (install chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** Where the site is, ending in '/': `http://127.0.0.1:<port><base>`. */
  url: string;
  /** Every request's path (with its query string), in order of arrival. */
  requests: string[];
  /** Stop listening and drop open connections (Chromium keeps them alive). */
  close(): Promise<void>;
}

/**
 * Serve `dir` as a plain static site on 127.0.0.1 and a free port, under `base` ('/' unless
 * given, e.g. '/tools/kube-sim/' to check the app works from a sub-path). A path ending in '/'
 * gets that folder's index.html; anything missing (or outside `base`) is a 404.
 */
export async function serveStatic(dir: string, opts: { base?: string } = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const base = opts.base ?? '/';
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with '/': ${base}`);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(path, 'http://x').pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(base)) return notFound();
    let rel = pathname.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return notFound();
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    close() {
      closed ??= new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** console.error messages, from the page and its Workers. */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Every request (from the page, its Workers or its service worker) to another origin than `url`'s. */
  foreignRequests: string[];
  /** Close the page's context. */
  close(): Promise<void>;
}

/**
 * A page in its own browser context (so it has its own service workers, caches and offline
 * switch), at `url` unless `opts.goto` is false. The arrays fill as the page runs; a test asserts
 * them empty. Requests are watched, not routed: routing would make Chromium bypass the service worker.
 */
export async function newAppPage(
  browser: Browser,
  url: string,
  opts: { context?: BrowserContextOptions; goto?: boolean } = {},
): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...opts.context });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  context.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    let other: boolean;
    try {
      other = new URL(u).origin !== origin;
    } catch {
      other = true;
    }
    if (other) foreignRequests.push(u);
  });
  if (opts.goto !== false) await page.goto(url);
  return { context, page, consoleErrors, pageErrors, foreignRequests, close: () => context.close() };
}

/**
 * Wait until the app has started: `body[data-ready="1"]` (the new app) or, until then, a first
 * run done (`body[data-runs]`), and no boot error shown.
 */
export async function waitForApp(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.body.dataset.ready === '1' ||
      Boolean(document.body.dataset.runs) ||
      document.querySelector('#app .boot-error') !== null,
    undefined,
    { timeout },
  );
  const bootError = await page.evaluate(() => document.querySelector('#app .boot-error')?.textContent ?? null);
  if (bootError) throw new Error(`the app did not start: ${bootError}`);
}

/**
 * For a describe block: the built app served and Chromium started before its tests, and both
 * stopped after them, with every page opened through `open` closed first. Read `browser` and
 * `server` inside tests (they exist once the block's tests run).
 */
export function appSession(): {
  readonly browser: Browser;
  readonly server: StaticServer;
  open(url: string, opts?: Parameters<typeof newAppPage>[2]): Promise<AppPage>;
} {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  const pages: AppPage[] = [];
  beforeAll(async () => {
    server = await serveStatic(appDist());
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('appSession: Chromium has not started (use it inside a test)');
      return browser;
    },
    get server() {
      if (!server) throw new Error('appSession: the app is not served yet (use it inside a test)');
      return server;
    },
    async open(url, opts) {
      const app = await newAppPage(this.browser, url, opts);
      pages.push(app);
      return app;
    },
  };
}

/**
 * What the workshop's browser tests share: a real workshop server on a free loopback port serving
 * the built pages, one Chromium, and pages opened with a CSP-violation recorder and dialogs
 * accepted; everything is closed after the suite.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Scenario } from '../../src/index.ts';
import { Session } from '../../src/server/session.ts';
import { startWorkshopServer, type WorkshopServer } from '../../src/server/server.ts';
import { appDist, launchChromium, newAppPage, type AppPage } from './app.ts';

export const SHOTS = join(resolve(fileURLToPath(new URL('../..', import.meta.url))), 'test-results');

export interface WorkshopHarness {
  readonly session: Session;
  readonly server: WorkshopServer;
  readonly trainerKey: string;
  /** The session log's folder (a temporary one, removed after the suite). */
  readonly dir: string;
  /** Every page opened so far (to check none reported an error). */
  readonly pages: readonly AppPage[];
  /** Open a page at `url` in a fresh context of the given locale and viewport. */
  open(url: string, locale: string, viewport: { width: number; height: number }): Promise<AppPage>;
}

/** Register the suite's beforeAll/afterAll: a session of `scenario` and `seed` on a real server. */
export function workshopHarness(scenario: Scenario, scenarioName: string, seed: number, tmpPrefix: string): WorkshopHarness {
  let browser: Browser;
  let session: Session;
  let server: WorkshopServer;
  let trainerKey = '';
  let dir = '';
  const pages: AppPage[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), tmpPrefix));
    ({ session, trainerKey } = Session.create(scenario, { scenarioName, seed, kubeSim: 'e2e' }));
    server = await startWorkshopServer({ session, sessionPath: join(dir, 'session.json'), pagesDir: appDist(), host: '127.0.0.1', port: 0, publicHost: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    get session() { return session; },
    get server() { return server; },
    get trainerKey() { return trainerKey; },
    get dir() { return dir; },
    pages,
    async open(url, locale, viewport) {
      const app = await newAppPage(browser, url, { goto: false, context: { locale, viewport } });
      await app.context.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
      app.page.on('dialog', (d) => void d.accept());
      await app.page.goto(url);
      pages.push(app);
      return app;
    },
  };
}

/** Wait until the page shows the given phase (its body's data-phase). */
export const phase = (page: Page, p: string) => page.waitForFunction((x) => document.body.dataset.phase === x, p, { timeout: 20_000 });
/** Wait until the page shows the given week (its body's data-week). */
export const week = (page: Page, w: number) => page.waitForFunction((x) => document.body.dataset.week === String(x), w, { timeout: 20_000 });

/**
 * The page in a real browser: build the app with Vite, serve the build with `vite preview` on a
 * free port, drive Debian's Chromium with playwright-core, and check that the page draws the run
 * and that its numbers are bit for bit those `simulate()` gives in Node for the same seed.
 *
 * Without Chromium the test is skipped locally, but fails under CI: browser tests must never
 * pass by not running.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import scenarioJson from '../../scenarios/default.json';
import {
  eventList,
  fingerprintRun,
  parseScenario,
  ScenarioError,
  simulate,
  type BusinessType,
  type KubeEvent,
  type MemberRecord,
} from '../../src/index.ts';
import { describeEvent, memberNames, notable } from '../../web/views/events.ts';
import { headline, outcomeRows } from '../../web/views/outcome.ts';
import { STRINGS } from '../../web/strings.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `[e2e] skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH). ` +
      'Under CI this is a failure, not a skip.',
  );
}

/** What Node's engine gives for the default scenario with this seed. */
function nodeRun(seed: number, type: BusinessType = 'livestock') {
  const sc = parseScenario({ ...scenarioJson, seed, business: { ...scenarioJson.business, type } });
  return { sc, r: simulate(sc, { seed, replication: 0 }) };
}

/** The notable events of a run as the page should list them. */
function eventLines(r: ReturnType<typeof nodeRun>['r']): string[] {
  const names = memberNames(r.members);
  return notable(eventList(r.events)).map((e) => `${STRINGS.events.week(e.week)}: ${describeEvent(e, names)}`);
}

/**
 * The dissolved run with the most notable events among the first seeds: the case where the event
 * list is longest and its last line (the dissolution) matters most. Searched, not hard-coded, so
 * that the test follows the engine as it is calibrated.
 */
function longestDissolvedSeed(): number {
  let best = -1;
  let most = -1;
  for (let seed = 1; seed <= 400; seed++) {
    const { r } = nodeRun(seed);
    if (r.outcome.status !== 'dissolved') continue;
    const n = notable(eventList(r.events)).length;
    if (n > most) [best, most] = [seed, n];
  }
  return best;
}

describe('event and member wording', () => {
  const member = (name: string | null, index: number): MemberRecord => ({ name, index }) as MemberRecord;
  const ev = (e: Partial<KubeEvent>): KubeEvent => ({ week: 3, type: 'exit', member: 0, other: -1, amount: 0, ...e });

  it('counts members from 1, and uses the roster name when there is one', () => {
    const names = memberNames([member(null, 0), member('Ibu Sari', 1), member('', 2), member(null, 3)]);
    expect(names).toEqual(['member 1', 'Ibu Sari', 'member 3', 'member 4']);
    expect(describeEvent(ev({ member: 1 }), names)).toBe('Ibu Sari left');
    expect(describeEvent(ev({ member: 7 }), [])).toBe('member 8 left');
    expect(describeEvent(ev({ type: 'leaderReplaced', member: 1, other: 0 }), names)).toBe('Ibu Sari replaced member 1 as chair');
  });

  it('names every dissolution cause in plain words', () => {
    expect(describeEvent(ev({ type: 'dissolution', member: -1, cause: 'capitalGone' }))).toBe('the group dissolved: capital used up');
    expect(describeEvent(ev({ type: 'dissolution', member: -1, cause: 'tooFewMembers', amount: 1500 }))).toBe(
      'the group dissolved: too few members left; Rp 1.500 shared among those left',
    );
    expect(STRINGS.cause).toEqual({
      tooFewMembers: 'too few members left',
      capitalGone: 'capital used up',
      capitalSplit: 'capital split among members',
      stagnation: 'stagnant for half a year',
    });
  });
});

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('web page in Chromium', () => {
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';
  const problems: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) {
      throw new Error(`CI is set but there is no Chromium at ${CHROMIUM}: browser tests must run under CI.`);
    }
    outDir = mkdtempSync(join(tmpdir(), 'kube-sim-e2e-'));
    const configFile = join(ROOT, 'vite.config.ts');
    await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    // Port 0: the OS picks a free port, so parallel runs and a running dev server do not clash.
    server = await preview({
      configFile,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    url = `http://127.0.0.1:${address.port}/`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Containers often give /dev/shm only 64 MB; Chromium then crashes pages without this.
        '--disable-dev-shm-usage',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    // The page must work offline: anything not served by the preview server is a fault.
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(url) || route.request().url().startsWith('data:')) return route.continue();
      problems.push(`outside request: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(url);
    await page.waitForSelector('body[data-runs="1"]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const trustPath = () => page.getAttribute('[data-testid="chart-trust"] path.line', 'd');

  // Each test starts from the page as it loads (seed 1, livestock), so one failure cannot
  // cascade into the tests after it.
  beforeEach(async () => {
    if ((await page.inputValue('[data-testid="business"]')) !== 'livestock') {
      const before = Number(await page.getAttribute('body', 'data-runs'));
      await page.selectOption('[data-testid="business"]', 'livestock');
      await page.waitForSelector(`body[data-runs="${before + 1}"]`);
    }
    const errorShown = await page.locator('[data-testid="error"]').isVisible();
    if ((await page.inputValue('[data-testid="seed"]')) !== '1' || errorShown) await runWithSeed('1');
  });

  /** Set the seed, press Run and wait for the page to finish that run. */
  async function runWithSeed(seed: string): Promise<void> {
    const before = Number(await page.getAttribute('body', 'data-runs'));
    await page.fill('[data-testid="seed"]', seed);
    await page.click('[data-testid="run"]');
    await page.waitForSelector(`body[data-runs="${before + 1}"]`);
  }

  /**
   * The page must compute exactly what Node computes: the fingerprint of every bit of the run
   * (series, events, outcome, members) is equal, and the outcome panel and event list say what
   * Node's run says.
   */
  async function expectSameAsNode(seed: number, type?: BusinessType): Promise<void> {
    const { sc, r } = nodeRun(seed, type);
    expect(await page.getAttribute('body', 'data-fingerprint')).toBe(fingerprintRun(r));
    const shown = await page.$$eval('[data-testid="outcome"] dd', (dds) =>
      dds.map((d) => ({ field: d.getAttribute('data-field'), value: d.getAttribute('data-value') ?? '', text: d.textContent })),
    );
    const expected = outcomeRows(r.outcome, sc.group.size);
    expect(shown.map((d) => [d.field, d.text])).toEqual(expected.map((row) => [row.field, row.text]));
    expected.forEach((row, i) => {
      const value = shown[i].value;
      if (typeof row.value === 'number') expect(Number(value), row.field).toBe(row.value);
      else expect(value, row.field).toBe(row.value === null ? '' : row.value);
    });
    // The intervention's price, as the CLI reports it.
    const raw = (field: string) => shown.find((d) => d.field === field)?.value;
    expect(Number(raw('mentorVisits'))).toBe(r.outcome.mentorVisits);
    expect(Number(raw('interventionCost'))).toBe(r.outcome.interventionCost);
    const head = page.locator('[data-testid="headline"]');
    expect(await head.textContent()).toBe(headline(r.outcome, r.weeks));
    expect(await head.getAttribute('data-status')).toBe(r.outcome.status);
    expect(await head.getAttribute('data-cause')).toBe(r.outcome.cause ?? '');
    const events = await page.$$eval('[data-testid="events"] li', (lis) => lis.map((li) => li.textContent));
    expect(events).toEqual(eventLines(r));
  }

  /** The page fits the viewport's height: nothing to scroll to. */
  async function expectNoVerticalScroll(): Promise<void> {
    const h = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight }));
    expect(h.scroll, `page is ${h.scroll}px tall in a ${h.view}px window`).toBeLessThanOrEqual(h.view);
  }

  it('draws three charts with a line over the weeks', async () => {
    for (const id of ['chart-trust', 'chart-capital', 'chart-members']) {
      const d = await page.getAttribute(`[data-testid="${id}"] path.line`, 'd');
      expect(d, id).toBeTruthy();
      const points = (d ?? '').match(/[ML]/g)?.length ?? 0;
      expect(points, id).toBeGreaterThan(50);
      expect(await page.locator(`[data-testid="${id}"] .axis-label`).count(), id).toBe(2);
    }
    expect(await page.locator('[data-testid="chart-trust"] .axis.x .tick').count()).toBeGreaterThan(3);
  });

  it('shows the nine elements of group dynamics', async () => {
    expect(await page.locator('[data-testid="elements"] rect.bar').count()).toBe(9);
    const widths = await page.$$eval('[data-testid="elements"] rect.bar', (rs) => rs.map((r) => Number(r.getAttribute('width'))));
    expect(widths.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
  });

  it('shows the outcome and the same numbers as Node for the same seed', async () => {
    const status = await page.getAttribute('[data-testid="headline"]', 'data-status');
    expect(Object.keys(STRINGS.status)).toContain(status);
    expect(await page.inputValue('[data-testid="seed"]')).toBe('1');
    await expectSameAsNode(1);
  });

  it('fits a 1280×720 projector without scrolling, with text no smaller than 12px', async () => {
    expect(page.viewportSize()).toEqual({ width: 1280, height: 720 });
    await expectNoVerticalScroll();
    const smallest = await page.evaluate(() => {
      let min = Infinity;
      for (const el of document.querySelectorAll('#app *')) {
        if (!Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(12);
    // The last thing on the page, the elements' legend, is on screen.
    const legend = await page.locator('[data-testid="elements"] .legend').boundingBox();
    expect(legend).not.toBeNull();
    expect(legend!.y + legend!.height).toBeLessThanOrEqual(720);
  });

  it('lists every event in a list that scrolls, with a dissolution in view', async () => {
    const seed = longestDissolvedSeed();
    expect(seed, 'no dissolved group among the first 400 seeds').toBeGreaterThan(0);
    await runWithSeed(String(seed));
    await expectSameAsNode(seed);
    await expectNoVerticalScroll();
    const { r } = nodeRun(seed);
    const list = page.locator('[data-testid="events"] ol');
    expect(await list.evaluate((ol) => getComputedStyle(ol).overflowY)).toBe('auto');
    expect(await list.locator('li').count()).toBe(eventLines(r).length);
    // The dissolution is the last event, and the list opens scrolled to show it whole.
    const last = list.locator('li').last();
    expect(await last.getAttribute('class')).toContain('event-dissolution');
    const lastInView = await list.evaluate((ol) => {
      const box = ol.getBoundingClientRect();
      const li = ol.lastElementChild!.getBoundingClientRect();
      return li.top >= box.top - 0.5 && li.bottom <= box.bottom + 0.5;
    });
    expect(lastInView).toBe(true);
    // The outcome says how the group ended, in plain words.
    expect(await page.textContent('[data-testid="headline"]')).toBe(headline(r.outcome, r.weeks));
    expect(await page.textContent('[data-testid="headline"]')).toContain(STRINGS.cause[r.outcome.cause!]);
    expect(r.outcome.activeMembers).toBe(0);
    expect(await page.textContent('[data-field="activeMembers"]')).toBe(
      STRINGS.outcome.membersWhenEnded(0, r.outcome.membersAtEnd, r.members.length),
    );
    // Every event can be scrolled whole into view inside the list, without scrolling the page.
    const reachable = await list.evaluate((ol) =>
      Array.from(ol.children).map((li) => {
        li.scrollIntoView({ block: 'nearest' });
        const box = ol.getBoundingClientRect();
        const r = li.getBoundingClientRect();
        return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.bottom <= window.innerHeight;
      }),
    );
    expect(reachable).toEqual(eventLines(r).map(() => true));
    await expectNoVerticalScroll();
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'page-dissolved.png') });
    await runWithSeed('1');
  });

  it('re-runs with a new seed, and the same seed gives the same picture', async () => {
    const first = await trustPath();
    await runWithSeed('2');
    const second = await trustPath();
    expect(second).not.toBe(first);
    await expectSameAsNode(2);
    await runWithSeed('1');
    expect(await trustPath()).toBe(first);
    await runWithSeed('1');
    expect(await trustPath()).toBe(first);
  });

  it('re-runs when the business type changes', async () => {
    const before = Number(await page.getAttribute('body', 'data-runs'));
    await page.selectOption('[data-testid="business"]', 'savingsLoan');
    await page.waitForSelector(`body[data-runs="${before + 1}"]`);
    await expectSameAsNode(1, 'savingsLoan');
    await page.selectOption('[data-testid="business"]', 'livestock');
    await page.waitForSelector(`body[data-runs="${before + 2}"]`);
    await expectSameAsNode(1);
  });

  it('shows a message, not a blank page, when the run cannot start', async () => {
    await runWithSeed('-5');
    const box = page.locator('[data-testid="error"]');
    expect(await box.isVisible()).toBe(true);
    expect(await box.textContent()).toMatch(/seed: got -5/);
    // The engine's own words, with nothing added by the page.
    let problems: string[] = [];
    try {
      nodeRun(-5);
    } catch (err) {
      if (err instanceof ScenarioError) problems = err.problems.map((p) => p.message);
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(await box.locator('pre').textContent()).toBe(problems.join('\n'));
    expect(await box.textContent()).not.toContain('(seed)');
    await runWithSeed('1');
    expect(await box.isVisible()).toBe(false);
  });

  it('stacks on a phone: one column, scrollable, nothing wider than the screen', async () => {
    const phone = await browser!.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(url);
    await phone.waitForSelector('body[data-runs="1"]');
    const size = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      chart: document.querySelector('[data-testid="chart-trust"] svg')!.getBoundingClientRect().width,
    }));
    expect(size.scrollWidth).toBeLessThanOrEqual(390);
    expect(size.scrollHeight).toBeGreaterThan(844);
    expect(size.chart).toBeGreaterThan(300);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await phone.screenshot({ path: join(ROOT, 'test-results', 'page-phone.png'), fullPage: true });
    await phone.close();
    expect(errors).toEqual([]);
  });

  it('has no console or page errors, asks nothing of the network, and leaves a screenshot', async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'page.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});

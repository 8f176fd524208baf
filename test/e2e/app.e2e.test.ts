/**
 * The planners' app end to end, in real headless Chromium against the built app (built once by
 * global-setup.ts): it starts clean and keyboard-usable with controls generated from the schema;
 * a Tulip run draws every chart; a big run shows its first charts while running and cancels
 * within a second; two packages compare with B's survival ahead under weekly mentoring; a sweep
 * draws its points; the page turns Indonesian and back; a share URL gives the command line's
 * numbers bit for bit (summary JSON and runs CSV); bad input and a tampered link are named, never
 * a blank page; a surveyed roster loads and a bad one names every bad row; every chart exports
 * as SVG and PNG. Screenshots go to test-results/app-*.png for a look.
 *
 * Without Chromium the test is skipped locally, but fails under CI (./app.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { settableParameters } from '../../src/index.ts';
import { MAIN_OUTCOMES } from '../../web/app/compare-data.ts';
import { en } from '../../web/app/lang-en.ts';
import { id } from '../../web/app/lang-id.ts';
import { preset } from '../../web/app/settings.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { appSession, describeBrowser, waitForApp, type AppPage } from './app.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHOTS = join(ROOT, 'test-results');
const VISITS = 'field-intervention.mentoring.visitsPerMonth';
const FAN_CHARTS = ['activeMembers', 'capital', 'incomePerMember', 'cohesion'] as const;
const CHARTS = ['fate', 'radar', ...FAN_CHARTS] as const;

/** Type into a field and leave it, as a planner does (the app reads a field on `change`). */
async function setField(page: Page, testid: string, value: string): Promise<void> {
  const field = page.getByTestId(testid);
  await field.fill(value);
  await field.blur();
}

/**
 * Watch the body's data-state from now on: `sawRunning()` is true once a run has started after
 * this call (a fast run may be over before a test could look for 'running').
 */
async function watchRuns(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sawRunning: boolean; __runWatch?: MutationObserver };
    w.__sawRunning = false;
    w.__runWatch?.disconnect();
    w.__runWatch = new MutationObserver(() => {
      if (document.body.dataset.state === 'running') w.__sawRunning = true;
    });
    w.__runWatch.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Wait until a run started after watchRuns() has drawn `drawn` ("complete:200"). */
async function waitDrawn(page: Page, drawn: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (want) => (window as unknown as { __sawRunning: boolean }).__sawRunning && document.body.dataset.drawn === want,
    drawn,
    { timeout },
  );
}

/** Set the replications in the run form, press Run and wait until all of them are drawn. */
async function run(page: Page, reps: number): Promise<void> {
  await setField(page, 'reps', String(reps));
  await watchRuns(page);
  await page.getByTestId('run').click();
  await waitDrawn(page, `complete:${reps}`);
}

/**
 * Wait for the result the app runs on arrival to be drawn. data-ready comes once it is drawn, or
 * at once when the link holds a bad value (the app then waits for the field to be fixed).
 */
async function arrival(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
}

/** What the charts show: "<state>:<runs drawn>". */
async function drawnState(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.body.dataset.drawn);
}

/** How many elements matching `selector` are paths actually drawn (a `d` of more than a few characters). */
async function drawnPaths(page: Page, selector: string): Promise<number> {
  return page.$$eval(selector, (els) => els.filter((e) => (e.getAttribute('d') ?? '').length > 10).length);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `app-${name}.png`), fullPage });
}

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

/** The page recorded no console error, no uncaught exception and no request to another origin. */
function expectClean(app: AppPage): void {
  expect(app.consoleErrors).toEqual([]);
  expect(app.pageErrors).toEqual([]);
  expect(app.foreignRequests).toEqual([]);
}

describeBrowser('the planners’ app in Chromium', () => {
  const session = appSession();
  const scratch = scratchFolder('kube-sim-app-e2e-');

  /**
   * A fresh page (own context: own storage) at `query`, started: the app runs the address's
   * settings on arrival and is ready when that first result is drawn.
   */
  async function open(query = '', opts: { viewport?: { width: number; height: number } } = {}): Promise<AppPage> {
    const app = await session.open(`${session.server.url}${query}`, { context: { acceptDownloads: true, ...(opts.viewport ? { viewport: opts.viewport } : {}) } });
    await waitForApp(app.page);
    await arrival(app.page);
    return app;
  }

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it('loads clean, with controls from the schema, every field labelled, and works from the keyboard', async () => {
    const app = await open();
    const { page } = app;
    await shot(page, 'initial');

    // Controls generated from the schema: the mentoring visits field, labelled.
    const visits = page.getByTestId(VISITS);
    expect(await visits.count()).toBe(1);
    const label = await visits.evaluate((el) => [...(el as HTMLInputElement).labels!].map((l) => l.textContent?.trim()).join(' '));
    expect(label).toBe(settableParameters().get('intervention.mentoring.visitsPerMonth')!.text.en);
    // Each field's hint gives its range and unit from the schema, once.
    expect(await page.locator('#f-intervention-mentoring-visitsPerMonth-hint').textContent()).toBe('0–8 visits/month');
    expect(await page.locator('#f-intervention-mentoring-quality-hint').textContent()).toBe('0–1');
    // Every input and select has a <label> with words in it.
    const unlabelled = await page.$$eval('input, select', (els) =>
      els
        .filter((e) => ![...((e as HTMLInputElement).labels ?? [])].some((l) => (l.textContent ?? '').trim().length > 0))
        .map((e) => e.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.$$eval('input, select', (els) => els.length)).toBeGreaterThan(30);

    // Tab from the top reaches the preset picker, the run form and the fields.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes(VISITS); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName ?? ''));
    }
    expect(reached).toContain('preset');
    expect(reached).toContain('reps');
    expect(reached).toContain('run');
    expect(reached).toContain(VISITS);
    expect(reached.indexOf('preset')).toBeLessThan(reached.indexOf('run'));

    // Changing a value and moving on with Tab lands on the next field (the controls are updated
    // in place, not rebuilt, so the focus survives the redraw), and the value is taken.
    await page.getByTestId(VISITS).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('intervention.mentoring.visitsPerMonth') === '3');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('field-intervention.mentoring.months');

    // Enter in the run form runs: type 20 replications into its field and press Enter.
    await page.getByTestId('reps').focus();
    await watchRuns(page);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await waitDrawn(page, 'complete:20');
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('complete');
    expectClean(app);
  });

  it('runs Tulip with 200 replications: what became of the groups, radar with 9 points and both references, fan charts, cards with numbers', async () => {
    const { page } = await open('?reps=20');
    await page.getByTestId('preset').selectOption('tulip');
    await run(page, 200);
    await shot(page, 'tulip-1280x720');
    await shot(page, 'tulip-1280-full', true);

    expect(await drawnPaths(page, '[data-testid=chart-fate] [data-testid=fate-active]')).toBe(1);
    expect(await page.locator('[data-testid=chart-radar] .kc-radar-result [data-testid=radar-point]').count()).toBe(9);
    expect(await page.locator('[data-testid=chart-radar] [data-testid=radar-reference]').count()).toBe(2);
    expect(await drawnPaths(page, '[data-testid=chart-radar] [data-testid=radar-reference]')).toBe(2);
    for (const k of FAN_CHARTS) {
      const panel = `[data-testid=chart-${k}]`;
      expect([k, await drawnPaths(page, `${panel} [data-testid=fan-median]`)]).toEqual([k, 1]);
      expect([k, await drawnPaths(page, `${panel} [data-testid=fan-band50]`)]).toEqual([k, 1]);
      expect([k, await drawnPaths(page, `${panel} [data-testid=fan-band90]`)]).toEqual([k, 1]);
    }
    const values = Object.fromEntries(
      await page.$$eval('[data-testid=cards] .card', (cards) => cards.map((c) => [(c as HTMLElement).dataset.testid, c.querySelector('.value')?.textContent ?? ''])),
    ) as Record<string, string>;
    expect(values['card-survival']).toMatch(/^\d{1,3}\.\d%$/);
    // Both survival measures in one picture: three stacked states, and the note under it quotes
    // the card's "active at the end" beside "not dissolved" (active or stagnant).
    for (const layer of ['active', 'stagnant', 'dissolved']) expect([layer, await drawnPaths(page, `[data-testid=chart-fate] [data-testid=fate-${layer}]`)]).toEqual([layer, 1]);
    const fateNote = (await page.getByTestId('note-fate').textContent()) ?? '';
    expect(fateNote).toContain(`${values['card-survival']} `);
    // Members are counted among the groups still active, and the chart says so.
    expect(await page.locator('[data-testid=chart-activeMembers] svg').getAttribute('aria-label')).toBe(en.charts.activeMembers.title);
    expect(await page.getByTestId('note-activeMembers').textContent()).toMatch(/\d/);
    // Tulip's description names its parameters as the controls do, not by their code names.
    const description = (await page.getByTestId('preset-description').textContent()) ?? '';
    expect(description).not.toMatch(/goalClarity|roleClarity|priorAcquaintance/);
    expect(description.toLowerCase()).toContain('clarity of the group goals agreed at formation');
    expect(values['card-income']).toMatch(/^Rp\u00a0\d{1,3}(,\d{3})*$/);
    expect(values['card-cost']).toMatch(/^Rp\u00a0\d{1,3}(,\d{3})*$/);
  });

  it('shows the first charts while 20,000 runs are running, cancels keeping the partial result (and says how many), then runs again', async () => {
    const app = await open('?preset=tulip&reps=20');
    const { page } = app;
    await setField(page, 'reps', '20000');
    await watchRuns(page);
    await page.getByTestId('run').click();
    // The first chart is drawn while the run is still going.
    await page.waitForFunction(
      () =>
        document.body.dataset.state === 'running' &&
        /^running:\d+$/.test(document.body.dataset.drawn ?? '') &&
        [...document.querySelectorAll('[data-testid=chart-fate] [data-testid=fate-active]')].some((e) => (e.getAttribute('d') ?? '').length > 10),
      undefined,
      { timeout: 20_000 },
    );
    await shot(page, 'running');
    await page.getByTestId('cancel').click();
    await page.waitForFunction(() => document.body.dataset.state === 'cancelled', undefined, { timeout: 10_000 });
    // The charts keep the partial result.
    await page.waitForFunction(() => /^cancelled:\d+$/.test(document.body.dataset.drawn ?? ''), undefined, { timeout: 5_000 });
    const partial = Number((await page.evaluate(() => document.body.dataset.drawn))!.split(':')[1]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(20_000);
    expect(await drawnPaths(page, '[data-testid=chart-fate] [data-testid=fate-active]')).toBe(1);
    expect(await page.locator('[data-testid=chart-radar] .kc-radar-result [data-testid=radar-point]').count()).toBe(9);
    // The status names how far it got, and the exports are of those runs.
    expect(await page.getByTestId('status').textContent()).toBe(en.run.cancelled(partial.toLocaleString('en-US'), '20,000'));
    expect(await page.getByTestId('cli').textContent()).toContain(`--reps ${partial}`);
    // Nothing more arrives once cancelled.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.body.dataset.drawn)).toBe(`cancelled:${partial}`);
    await shot(page, 'cancelled');
    // A fresh run afterwards completes.
    await run(page, 100);
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('complete');
    expectClean(app);
  });

  it('compares weekly mentoring (B) with none (A) pinned: the paired-differences chart and the table, survival ahead for B', async () => {
    // A thousand pairs: weekly mentoring adds about six points of survival (kube-sim compare
    // mentoring-none mentoring-weekly --reps 1000: +5.8 pp [4.1, 7.5]), which a hundred cannot
    // always tell from luck.
    const { page } = await open('?preset=mentoring-none&reps=1000');
    // A: the link's settings, run on arrival.
    expect(await drawnState(page)).toBe('complete:1000');
    await page.getByTestId('pin').click();
    await page.getByTestId('preset').selectOption('mentoring-weekly');
    await watchRuns(page);
    await page.getByTestId('run').click();
    await waitDrawn(page, 'complete:1000');
    await page.getByTestId('compare-table').waitFor({ state: 'attached' });

    const rows = await page.$$eval('[data-testid=chart-diff] [data-testid=diff-row]', (els) =>
      els.map((e) => ({ key: e.getAttribute('data-key'), verdict: e.getAttribute('data-verdict'), value: e.querySelector('.kc-diff-value')?.textContent ?? '' })),
    );
    expect(rows.map((r) => r.key)).toEqual(MAIN_OUTCOMES);
    const survivalRow = rows.find((r) => r.key === 'survived')!;
    expect(survivalRow.value).toMatch(/^\+\d+\.\d pp$/);
    expect(survivalRow.verdict).toBe('better');

    const pBetter = await page.$$eval('[data-testid=compare-table] [data-testid=p-better]', (els) => els.map((e) => e.textContent ?? ''));
    expect(pBetter.length).toBeGreaterThanOrEqual(MAIN_OUTCOMES.length);
    for (const p of pBetter) expect(p).toMatch(/^[<>]?\d{1,3}%$/);
    const survival = await page.$$eval('[data-testid=compare-table] tr[data-key=survived] td', (tds) => tds.map((t) => t.textContent ?? ''));
    const [a, b, diff] = survival;
    expect(diff).toMatch(/^\+\d+\.\d pp \(/);
    expect(Number.parseFloat(b)).toBeGreaterThan(Number.parseFloat(a));
    expect(await page.locator('[data-testid=compare-table] tr[data-key=survived]').getAttribute('class')).toBe('verdict-b');
    // The verdict in words too, not only in colour.
    expect(diff.endsWith(` (${en.compare.betterB})`)).toBe(true);
    // What differs between A and B is named: the preset, with both names.
    const differs = await page.$$eval('[data-testid=compare-differs] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    expect(differs).toContainEqual([en.compare.startFrom, en.preset.names['mentoring-none'], en.preset.names['mentoring-weekly']]);
    // pp and the chance are explained in one line each.
    const explain = await page.$$eval('[data-testid=compare-explain] li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(explain).toEqual([en.compare.explainChance, en.compare.explainPp, en.compare.explainScale]);
    // A's lines on the fan charts are named in their legends.
    expect(await page.locator('[data-testid=chart-capital] .kc-legend text', { hasText: en.charts.pinnedBand }).count()).toBe(1);
    expect(await page.locator('[data-testid=chart-fate] [data-testid=fate-compare-not-dissolved]').count()).toBe(1);

    await page.locator('[data-testid=compare] details.all-outcomes summary').click();
    await page.getByTestId('compare').scrollIntoViewIfNeeded();
    await shot(page, 'compare');
    await page.getByTestId('compare').screenshot({ path: join(SHOTS, 'app-compare-panel.png') });
  });

  it('names what differs between A and B and explains the chance, in both languages; 1366×768 screenshots', async () => {
    const visits = 'intervention.mentoring.visitsPerMonth';
    const interval = 'group.meetingIntervalWeeks';
    const { page } = await open(`?preset=tulip&reps=200&${visits}=2`, { viewport: { width: 1366, height: 768 } });
    await page.getByTestId('pin').click();
    await setField(page, VISITS, '4');
    await page.locator('details[data-section=group] summary').click();
    await setField(page, `field-${interval}`, '2');
    await watchRuns(page);
    await page.getByTestId('run').click();
    await waitDrawn(page, 'complete:200');
    await page.getByTestId('compare-table').waitFor({ state: 'attached' });
    const table = settableParameters();
    const differs = () => page.$$eval('[data-testid=compare-differs] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    // Both settings that differ, with the schema's labels and both values (A's, then B's).
    const tulip = preset('tulip').scenario;
    expect(await differs()).toEqual([
      [table.get(visits)!.text.en, '2 visits/month', '4 visits/month'],
      [table.get(interval)!.text.en, `${tulip.group.meetingIntervalWeeks} weeks`, '2 weeks'],
    ]);
    const names = await page.$$eval('[data-testid=compare-differs] .side', (els) => els.map((e) => e.textContent ?? ''));
    expect(names).toEqual([`A: ${en.preset.names.tulip} + ${en.preset.changed(1)}`, `B: ${en.preset.names.tulip} + ${en.preset.changed(2)}`]);
    await page.getByTestId('compare').scrollIntoViewIfNeeded();
    await shot(page, '1366-compare-en');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '1366-results-en');

    await page.getByTestId('lang-id').click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    await page.getByTestId('compare-table').waitFor({ state: 'attached' });
    expect(await differs()).toEqual([
      [table.get(visits)!.text.id, `2 ${id.units['visits/month']}`, `4 ${id.units['visits/month']}`],
      [table.get(interval)!.text.id, `${tulip.group.meetingIntervalWeeks} ${id.units.weeks}`, `2 ${id.units.weeks}`],
    ]);
    const explain = await page.$$eval('[data-testid=compare-explain] li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(explain).toEqual([id.compare.explainChance, id.compare.explainPp, id.compare.explainScale]);
    await waitDrawn(page, 'complete:200');
    await page.getByTestId('compare').scrollIntoViewIfNeeded();
    await shot(page, '1366-compare-id');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '1366-results-id');
    await shot(page, '1366-full-id', true);
  });

  it('sweeps mentoring visits 0..8 at 50 runs each, draws 9 points and saves them as CSV', async () => {
    const { page } = await open('?reps=20');
    await setField(page, 'sweep-reps', '50');
    expect(await page.getByTestId('sweep-path').inputValue()).toBe('intervention.mentoring.visitsPerMonth');
    expect(await page.getByTestId('sweep-from').inputValue()).toBe('0');
    expect(await page.getByTestId('sweep-to').inputValue()).toBe('8');
    await page.getByTestId('sweep-run').click();
    await page.waitForFunction(
      () => {
        const run = document.querySelector<HTMLButtonElement>('[data-testid=sweep-run]');
        return !!run && !run.disabled && document.querySelectorAll('[data-testid=chart-sweep] [data-testid=sweep-point]').length === 9;
      },
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('[data-testid=chart-sweep] [data-testid=sweep-point]').count()).toBe(9);
    expect(await drawnPaths(page, '[data-testid=chart-sweep] [data-testid=sweep-line]')).toBe(1);
    // It says it finished, what it swept, and of which set-up.
    const visits = settableParameters().get('intervention.mentoring.visitsPerMonth')!.text.en;
    expect(await page.getByTestId('sweep-status').textContent()).toBe(en.sweep.finished(visits, '0–8', '9', '50'));
    expect(await page.getByTestId('sweep-of').textContent()).toBe(en.sweep.of(en.preset.names.default, 1));
    // Its data saved as CSV: one row per value, survival first after value, runs and seed.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-csv').click()]);
    const [head, ...rows] = (await downloaded(dl)).toString('utf8').trimEnd().split('\n');
    expect(head.startsWith('intervention.mentoring.visitsPerMonth,replications,seed,survivalRate,survivalRateLo,survivalRateHi,')).toBe(true);
    expect(rows.map((r) => r.split(',').slice(0, 3).join(','))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((v) => `${v},50,1`));
    await page.getByTestId('sweep').scrollIntoViewIfNeeded();
    await shot(page, 'sweep');
    await page.getByTestId('sweep').screenshot({ path: join(SHOTS, 'app-sweep-panel.png') });
  });

  it('switches to Bahasa Indonesia (words, number formats, lang=id in the URL) and back to English', async () => {
    const { page } = await open('?preset=tulip&reps=100');
    expect(await drawnState(page)).toBe('complete:100');
    const words = () =>
      page.evaluate(() => ({
        run: document.querySelector('[data-testid=run]')?.textContent,
        results: document.querySelector('#results .results-head h2')?.textContent,
        compare: document.querySelector('[data-testid=compare] h2')?.textContent,
        sweep: document.querySelector('[data-testid=sweep] h2')?.textContent,
        exports: document.querySelector('[data-testid=exports] h2')?.textContent,
        presetLabel: document.querySelector('label[for=preset]')?.textContent,
        cards: [...document.querySelectorAll('[data-testid=cards] .card h3')].map((h) => h.textContent),
        survival: document.querySelector('[data-testid=card-survival] .value')?.textContent,
        cost: document.querySelector('[data-testid=card-cost] .value')?.textContent,
        status: document.querySelector('[data-testid=status]')?.textContent,
        lang: document.documentElement.lang,
      }));
    const expected = (d: typeof en) => ({
      run: d.run.run,
      results: d.results.title,
      compare: d.compare.title,
      sweep: d.sweep.title,
      exports: d.exports.title,
      presetLabel: d.preset.label,
      cards: [d.results.survival, d.results.income, d.results.cost],
    });

    // The results are redrawn a few steps at a time: wait for the words to settle.
    await page.getByTestId('lang-id').click();
    await expect.poll(words, { timeout: 5_000 }).toMatchObject({ ...expected(id), lang: 'id' });
    const inId = await words();
    expect(inId.run).toBe('Jalankan');
    expect(inId.cost).toMatch(/^Rp\u00a0\d{1,3}(\.\d{3})+$/);
    expect(inId.survival).toMatch(/^\d{1,3},\d%$/);
    // The run's status line, written when the run ended, is reworded too.
    expect(inId.status).toMatch(/^100 simulasi dalam \d+,\d\d detik$/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('id');
    await shot(page, 'indonesian');

    await page.getByTestId('lang-en').click();
    await expect.poll(words, { timeout: 5_000 }).toMatchObject({ ...expected(en), lang: 'en' });
    const inEn = await words();
    expect(inEn.run).toBe('Run');
    expect(inEn.cost).toMatch(/^Rp\u00a0\d{1,3}(,\d{3})+$/);
    expect(inEn.survival).toMatch(/^\d{1,3}\.\d%$/);
    expect(inEn.status).toMatch(/^100 runs in \d+\.\d\d s$/);
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
  });

  it('a share URL gives the command line’s numbers bit for bit: summary JSON and runs CSV', async () => {
    const cliJson = join(scratch, 'cli.json');
    const cliCsv = join(scratch, 'cli.csv');
    const cli = runKubeSim(
      ['ensemble', 'tulip', '--seed', '11', '--reps', '300', '--set', 'intervention.mentoring.visitsPerMonth=2', '--out', cliJson, '--runs', cliCsv],
      scratch,
    );
    expect(cli.code, cli.stderr).toBe(0);

    const { page } = await open('?preset=tulip&seed=11&reps=300&intervention.mentoring.visitsPerMonth=2');
    expect(await page.getByTestId('preset').inputValue()).toBe('tulip');
    expect(await page.getByTestId('seed').inputValue()).toBe('11');
    expect(await page.getByTestId('reps').inputValue()).toBe('300');
    expect(await page.getByTestId(VISITS).inputValue()).toBe('2');
    // The link's settings are run on arrival.
    expect(await drawnState(page)).toBe('complete:300');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const web = JSON.parse((await downloaded(jsonDownload)).toString('utf8')) as Record<string, unknown>;
    const ref = JSON.parse(readFileSync(cliJson, 'utf8')) as Record<string, unknown>;
    for (const key of ['outcomes', 'perRun', 'survivalCurve'] as const) {
      expect(web[key], key).toBeDefined();
      // JSON writes every double in its shortest exact form: equal text is equal bits.
      expect(JSON.stringify(web[key]), key).toBe(JSON.stringify(ref[key]));
      expect(web[key], key).toStrictEqual(ref[key]);
    }
    expect({ seed: web.seed, replications: web.replications, set: web.set }).toStrictEqual({ seed: ref.seed, replications: ref.replications, set: ref.set });

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const webCsv = await downloaded(csvDownload);
    const refCsv = readFileSync(cliCsv);
    expect(webCsv.length).toBe(refCsv.length);
    expect(webCsv.equals(refCsv)).toBe(true);
  });

  it('keeps settings changed in the UI in its URL: the page’s own URL, opened afresh, shows them again', async () => {
    const { page } = await open('?reps=20');
    await page.getByTestId('preset').selectOption('tulip');
    await setField(page, 'seed', '7');
    await setField(page, 'reps', '30');
    await setField(page, VISITS, '3');
    await page.getByTestId('lang-id').click();
    const url = page.url();
    const q = new URL(url).searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ preset: 'tulip', seed: '7', reps: '30', lang: 'id', 'intervention.mentoring.visitsPerMonth': '3' });

    const read = (p: Page) =>
      Promise.all([
        p.getByTestId('preset').inputValue(),
        p.getByTestId('seed').inputValue(),
        p.getByTestId('reps').inputValue(),
        p.getByTestId(VISITS).inputValue(),
        p.getByTestId('run').textContent(),
      ]);
    const want = ['tulip', '7', '30', '3', id.run.run];
    await page.reload();
    await waitForApp(page);
    await arrival(page);
    expect(await read(page)).toEqual(want);
    // A fresh context has no local storage: the URL alone holds the settings.
    const fresh = await open(new URL(url).search);
    expect(fresh.page.url()).toBe(url);
    expect(await read(fresh.page)).toEqual(want);
  });

  it('keeps what a planner is typing when the controls redraw for another reason, and applies it on leaving the field', async () => {
    const { page } = await open('?reps=20');
    const interval = 'field-group.meetingIntervalWeeks';
    // Typed, not yet applied: the field keeps the focus.
    await page.getByTestId(VISITS).fill('3');
    // Another field is applied meanwhile (as opening a section a moment before would, its toggle
    // arriving after the typing began), which redraws the controls: the draw must not put back the
    // value the field showed before.
    await page.evaluate((tid) => {
      const other = document.querySelector<HTMLInputElement>(`[data-testid="${tid}"]`)!;
      other.value = '2';
      other.dispatchEvent(new Event('change'));
    }, interval);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('group.meetingIntervalWeeks') === '2');
    expect(await page.evaluate((tid) => document.activeElement === document.querySelector(`[data-testid="${tid}"]`), VISITS)).toBe(true);
    expect(await page.getByTestId(VISITS).inputValue()).toBe('3');
    await page.getByTestId(VISITS).blur();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('intervention.mentoring.visitsPerMonth') === '3');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ 'intervention.mentoring.visitsPerMonth': '3', 'group.meetingIntervalWeeks': '2' });
  });

  it('names a bad field value and refuses to run; a tampered URL opens with a notice naming each bad part', async () => {
    const app = await open('?reps=20');
    const { page } = app;
    const before = await drawnState(page);
    await setField(page, VISITS, '99');
    const error = page.getByTestId('error-intervention.mentoring.visitsPerMonth');
    await error.waitFor({ state: 'visible' });
    const message = (await error.textContent()) ?? '';
    expect(message).toContain('99');
    expect(message).toContain('0–8');
    expect(await page.getByTestId(VISITS).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId(VISITS).inputValue()).toBe('99');
    await watchRuns(page);
    await page.getByTestId('run').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid=status]')?.textContent === text, en.run.fixFirst);
    // No run started; the result shown is still the one from before.
    expect(await page.evaluate(() => (window as unknown as { __sawRunning: boolean }).__sawRunning)).toBe(false);
    expect(await drawnState(page)).toBe(before);
    await error.scrollIntoViewIfNeeded();
    await shot(page, 'error-field');
    // Run took the planner to the field to fix.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(VISITS);

    // Thousands typed the other language's way are asked about, not read as a small number:
    // "30.000" on an English page is Rp 30,000 or Rp 30? The grant keeps what it had.
    await setField(page, 'field-intervention.grant.amount', '30.000');
    expect(await page.getByTestId('error-intervention.grant.amount').textContent()).toBe('“30.000”: 30,000 or 30? Type 30000 for 30,000.');
    expect(new URL(page.url()).searchParams.get('intervention.grant.amount')).toBeNull();
    // "1.000" replications on the English page waits; switched to Indonesian, it reads 1.000 and is taken.
    await setField(page, 'reps', '1.000');
    expect(await page.getByTestId('error-reps').textContent()).toMatch(/^“1\.000”: 1,000 or 1\?/);
    await page.getByTestId('lang-id').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('reps') === '1000');
    expect(await page.getByTestId('error-reps').isHidden()).toBe(true);
    expect(await page.getByTestId('reps').inputValue()).toBe('1.000');
    expectClean(app);

    const tampered = await open('?preset=nope&seed=abc&group.size=500&foo=1');
    const items = await tampered.page.$$eval('[data-testid=url-problems] li', (els) => els.map((e) => e.textContent ?? ''));
    expect(items).toHaveLength(4);
    expect(items.some((t) => t.startsWith('preset=nope'))).toBe(true);
    expect(items.some((t) => t.startsWith('seed=abc'))).toBe(true);
    expect(items.some((t) => t.startsWith('group.size=500'))).toBe(true);
    expect(items.some((t) => t.startsWith('foo=1'))).toBe(true);
    expect(await tampered.page.getByTestId('url-problems').isVisible()).toBe(true);
    // The rest of the app is there, on what could be read.
    expect(await tampered.page.getByTestId('preset').inputValue()).toBe('default');
    expect(await tampered.page.getByTestId('run').isVisible()).toBe(true);
    // Next to their fields too, holding what the link said; nothing runs until they are fixed.
    expect(await tampered.page.getByTestId('seed').inputValue()).toBe('abc');
    expect(await tampered.page.getByTestId('error-seed').textContent()).toMatch(/abc.*0–4,294,967,295/);
    expect(await tampered.page.getByTestId('field-group.size').inputValue()).toBe('500');
    expect(await tampered.page.getByTestId('error-group.size').textContent()).toMatch(/500.*5–30/);
    expect(await drawnState(tampered.page)).toBeUndefined();
    const text = await tampered.page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/\bat \S+ \(|\.(js|ts):\d+:\d+|TypeError|ReferenceError/);
    await shot(tampered.page, 'error-url');
    expectClean(tampered);
  });

  it('loads a surveyed roster (10 members, group size locked) and names both bad rows of a bad one', async () => {
    const { page } = await open('?reps=20');
    await page.locator('details.roster summary').click();
    await page.getByTestId('roster-file').setInputFiles(join(ROOT, 'scenarios/rosters/example-group.csv'));
    await page.waitForFunction(() => !!document.querySelector('[data-testid=roster-note] .ok'));
    expect(await page.locator('[data-testid=roster-note] .ok').textContent()).toBe(en.roster.loaded(10, 'example-group.csv'));
    expect(await page.getByTestId('field-group.size').isDisabled()).toBe(true);
    expect(await page.getByTestId('field-group.size').inputValue()).toBe('10');

    // Score 9 on the members of lines 3 and 7 (commitment, the 5th column).
    const lines = readFileSync(join(ROOT, 'scenarios/rosters/example-group.csv'), 'utf8').split('\n');
    for (const i of [2, 6]) {
      const cells = lines[i].split(';');
      cells[4] = '9';
      lines[i] = cells.join(';');
    }
    const bad = join(scratch, 'bad-group.csv');
    writeFileSync(bad, lines.join('\n'));
    await page.getByTestId('roster-file').setInputFiles(bad);
    await page.waitForFunction(() => !!document.querySelector('[data-testid=roster-note] .problems'));
    expect(await page.locator('[data-testid=roster-note] .problems strong').textContent()).toBe(en.roster.failed('bad-group.csv'));
    const rows = await page.$$eval('[data-testid=roster-note] .problems li', (els) => els.map((e) => e.textContent ?? ''));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^row 3\b.*"9"/i);
    expect(rows[1]).toMatch(/^row 7\b.*"9"/i);
    await page.locator('details.roster').scrollIntoViewIfNeeded();
    await shot(page, 'error-roster');
  });

  it('exports every chart as SVG and as PNG', async () => {
    const { page } = await open('?preset=tulip&reps=50');
    expect(await drawnState(page)).toBe('complete:50');
    for (const k of CHARTS) {
      for (const format of ['SVG', 'PNG'] as const) {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=chart-${k}] [data-format=${format}]`).click()]);
        const body = await downloaded(dl);
        const what = `${k} ${format}`;
        if (format === 'SVG') {
          expect(dl.suggestedFilename(), what).toMatch(/\.svg$/);
          const text = body.toString('utf8').trimStart();
          expect(text.startsWith('<svg') || text.startsWith('<?xml'), what).toBe(true);
          expect(text.trimEnd().endsWith('</svg>'), what).toBe(true);
          // A file outside the page says what it shows: the package, the runs and the seed.
          expect(text, what).toContain(`kube-sim · ${en.preset.names.tulip} · 50 runs · seed 1</text>`);
        } else {
          expect(dl.suggestedFilename(), what).toMatch(/\.png$/);
          expect([...body.subarray(0, 8)], what).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
          expect(body.length, what).toBeGreaterThan(1000);
        }
      }
    }
  });

  it('fits a phone (390×844): a Tulip run drawn, nothing wider than the screen', async () => {
    const app = await open('?preset=tulip&reps=100', { viewport: { width: 390, height: 844 } });
    const { page } = app;
    expect(await drawnState(page)).toBe('complete:100');
    await shot(page, 'phone-390x844', true);
    // The full page in screen-sized pieces, to look at.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 1; y < height; y += 844, i++) {
      await page.screenshot({ path: join(SHOTS, `app-phone-390x844-part${i}.png`), fullPage: true, clip: { x: 0, y, width: 390, height: Math.min(844, height - y) } });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await drawnPaths(page, '[data-testid=chart-fate] [data-testid=fate-active]')).toBe(1);
    // The answer first, in the page's order too: the results come before the settings, on screen
    // and in document order, which the keyboard and screen readers follow.
    const order = await page.evaluate(() => {
      const results = document.getElementById('results')!.getBoundingClientRect().top;
      const settings = document.querySelector('.sidebar')!.getBoundingClientRect().top;
      return { resultsAbove: results < settings, domFirst: document.getElementById('results')!.compareDocumentPosition(document.querySelector('.sidebar')!) & Node.DOCUMENT_POSITION_FOLLOWING };
    });
    expect(order.resultsAbove).toBe(true);
    expect(order.domFirst).toBeTruthy();
    expectClean(app);
  });
});

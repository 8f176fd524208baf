/**
 * A whole short workshop end to end: the real server, the projector page and FIVE phone pages in
 * Chromium (two in Indonesian), six weeks of a weekly-meeting group to its horizon. The players
 * answer differently, and the answers matter: one never comes and does nothing, four vote the
 * same member into the chair, one reports missing money, some pay into the IKS fund. The trainer
 * injects a quarrel from the projector. At the end the projector shows the debrief (re-run in the
 * page, equal to the log), and the log on disk replays bit for bit, differing from the model's own
 * run of the same luck. Screenshots go to test-results/workshop5-*.png (README's come from here).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createRun, INDICATOR_KEYS, loadScenario, parseScenario, simulate } from '../../src/index.ts';
import { STATUS } from '../../src/model/state.ts';
import { replayWeeks } from '../../src/server/replay.ts';
import { readSession } from '../../src/server/session-file.ts';
import { firstSeed } from '../trainer-seeds.ts';
import { describeBrowser } from './app.ts';
import { phase, SHOTS, week, workshopHarness } from './workshop-harness.ts';

const WEEKS = 6;
// Weekly meetings, so that coming or not and the votes count every week.
const scenario = parseScenario({ ...loadScenario('meetings-weekly').scenario, horizonWeeks: WEEKS });
/**
 * The first seed whose group, left to the model, stays active the six weeks and never has member 5
 * (index 4) in the chair: so the players' votes are what put her there. Which seed that is depends
 * on the calibrated worlds (the tenth calibration's central world elected her at the founding
 * meeting of seed 3, the one this test used before).
 */
const SEED = firstSeed((seed) => {
  const run = createRun(scenario, { seed });
  let fits = run.state.chair !== 4;
  for (let w = 0; w < WEEKS && fits; w++) {
    run.step();
    fits = run.state.chair !== 4 && run.state.status === STATUS.active;
  }
  return fits;
});

/** The five players' answers, the same every week: they differ so that they matter. */
const PLAYERS = [
  { name: 'Sari', locale: 'en-US', attend: false, effort: 0, iks: 0, vote: '', report: false },
  { name: 'Budi', locale: 'en-US', attend: true, effort: 100, iks: 10_000, vote: '4', report: false },
  { name: 'Wati', locale: 'id-ID', attend: true, effort: 80, iks: 5000, vote: '4', report: false },
  { name: 'Eko', locale: 'en-US', attend: true, effort: 60, iks: 0, vote: '4', report: true },
  { name: 'Dewi', locale: 'id-ID', attend: true, effort: 90, iks: 2000, vote: '4', report: false },
];

describeBrowser('a whole workshop with five phones, the trainer injecting an event, and the debrief', () => {
  const shop = workshopHarness(scenario, 'meetings-weekly', SEED, 'kube-sim-workshop5-e2e-');

  it('plays six weeks with five phones to the end, shows the debrief, and the log replays to the same run', { timeout: 240_000 }, async () => {
    const projector = await shop.open(`http://127.0.0.1:${shop.server.port}/workshop-projector.html#key=${shop.trainerKey}`, 'en-US', { width: 1440, height: 900 });
    const P = projector.page;
    await P.getByTestId('join-code').filter({ hasText: shop.session.doc.joinCode }).waitFor();
    // Before week 1: the grant that is coming, not a capital of Rp 0.
    await expect(P.getByTestId('capital').textContent()).resolves.toMatch(/25/);

    const phones: Page[] = [];
    for (const [k, p] of PLAYERS.entries()) {
      const page = (await shop.open(shop.server.joinUrl, p.locale, { width: 390, height: 844 })).page;
      await page.getByTestId('join').waitFor();
      await page.getByTestId('name').fill(p.name);
      await page.getByTestId('seat').selectOption(String(k));
      await page.getByTestId('join-button').click();
      await page.getByTestId('who').waitFor();
      phones.push(page);
    }
    await P.getByTestId('seats').locator('[data-member="4"]').filter({ hasText: 'Dewi' }).waitFor();
    await P.screenshot({ path: join(SHOTS, 'workshop5-projector-lobby.png') });

    for (let w = 0; w < WEEKS; w++) {
      await P.getByTestId('seconds').fill('120');
      await P.getByTestId('open').click();
      await Promise.all(phones.map((p) => phase(p, 'open')));
      for (const [k, p] of PLAYERS.entries()) {
        const phone = phones[k];
        await phone.getByTestId('attend').setChecked(p.attend);
        await phone.getByTestId('effort').fill(String(p.effort));
        await phone.getByTestId('iks').fill(String(p.iks));
        await phone.getByTestId('vote').selectOption(p.vote);
        await phone.getByTestId('report').setChecked(p.report);
        await phone.getByTestId('send').click();
        await phone.getByTestId('sent').waitFor();
      }
      await P.waitForFunction(() => document.body.dataset.answered === '5');
      if (w === 1) {
        await P.screenshot({ path: join(SHOTS, 'workshop5-projector-open.png') });
        await phones[1].screenshot({ path: join(SHOTS, 'workshop5-phone-en.png'), fullPage: true });
        await phones[2].screenshot({ path: join(SHOTS, 'workshop5-phone-id.png'), fullPage: true });
      }
      if (w === 2) {
        // The trainer makes a quarrel happen at the end of week 3.
        await P.getByTestId('inject-kind').selectOption('quarrel');
        await P.getByTestId('inject').click();
        await P.getByTestId('plan').filter({ hasText: 'A quarrel' }).waitFor();
      }
      await P.getByTestId('close').click();
      await Promise.all([P, ...phones].map((p) => week(p, w + 1)));
      if (w === 0) {
        // After week 1: the group's network as in trainer mode, drawn from the server's run, one
        // circle per member, the players' names in their members' circles.
        const net = P.locator('[data-testid="network"][data-week="1"]');
        await net.waitFor();
        expect(await P.evaluate(() => document.body.dataset.network)).toBe('same');
        expect(await net.locator('g.member circle').count()).toBe(scenario.members.roster?.length ?? scenario.group.size);
        for (const [k, p] of PLAYERS.entries()) await expect(net.locator(`g.member[data-member="${k}"] .member-label`).textContent()).resolves.toBe(p.name);
      }
    }

    // The horizon is reached: the projector re-runs the weeks and shows the debrief.
    await phase(P, 'ended');
    await P.getByTestId('debrief').waitFor({ timeout: 30_000 });
    expect(await P.evaluate(() => document.body.dataset.debrief)).toBe('same');
    expect(await P.getByTestId('debrief-elements').locator('figure').count()).toBe(9);
    const moments = await P.getByTestId('moments').locator('li').allTextContents();
    expect(moments.some((m) => /quarrel/i.test(m))).toBe(true);
    expect(moments.some((m) => /chair/i.test(m))).toBe(true);
    await P.screenshot({ path: join(SHOTS, 'workshop5-projector-debrief.png'), fullPage: true });
    await Promise.all(phones.map((p) => phase(p, 'ended')));

    // The log on disk: six weeks, five answers each, the injection; it replays bit for bit.
    const { doc, scenario: sc } = readSession(join(shop.dir, 'session.json'));
    expect(doc.weeks.map((x) => x.answered)).toEqual(Array.from({ length: WEEKS }, () => [0, 1, 2, 3, 4]));
    expect(doc.injections.map((x) => [x.week, x.kind, x.member])).toEqual([[2, 'quarrel', null]]);
    expect(doc.weeks[2].injected.map((x) => x.kind)).toEqual(['quarrel']);
    let seen = 0;
    const replay = replayWeeks(doc, sc, {
      afterWeek: (run) => {
        // Sari never came and did nothing.
        expect(run.state.attended[0]).toBe(0);
        if (run.state.active[0]) expect(run.state.effort[0]).toBe(0);
        seen++;
      },
    });
    expect(replay.mismatch).toBeNull();
    expect(seen).toBe(WEEKS);
    // The votes put member 5 (index 4) in the chair; the model's own members, on the same luck, did not.
    expect(replay.run.state.chair).toBe(4);
    const own = createRun(sc, { seed: SEED });
    for (let w = 0; w < WEEKS; w++) own.step();
    expect(own.state.chair).not.toBe(4);
    // The answers changed the run: the logged indicators are not the plain run's.
    const plain = simulate(sc, { seed: SEED });
    const differs = doc.weeks.some((rec) => INDICATOR_KEYS.some((k, j) => rec.indicators[j] !== plain.series[k][rec.week]));
    expect(differs).toBe(true);

    for (const app of shop.pages) {
      expect(app.pageErrors).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
      expect(await app.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    }
  });
});

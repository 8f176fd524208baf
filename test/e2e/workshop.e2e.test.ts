/**
 * A short workshop end to end: the real server (src/server) serving the built pages, the
 * projector page and three phone pages in Chromium (one in Indonesian). Phones join by the
 * join address, answer; the projector sees who has answered, opens, pauses and closes weeks; a
 * week also closes when its time runs out; a reloaded phone keeps its seat; a phone that gives up
 * its seat is taken over by the model; the log on disk replays. No page reports an error, a CSP
 * violation, or a request to another origin. Screenshots go to test-results/workshop-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loadScenario } from '../../src/index.ts';
import { replayWeeks } from '../../src/server/replay.ts';
import { readSession } from '../../src/server/session-file.ts';
import { wordsEn } from '../../web/workshop/words-en.ts';
import { wordsId } from '../../web/workshop/words-id.ts';
import { firstSeed, goingAt } from '../trainer-seeds.ts';
import { describeBrowser } from './app.ts';
import { phase, SHOTS, week, workshopHarness } from './workshop-harness.ts';


describeBrowser('a workshop in Chromium: projector and phones on the real server', () => {
  // The first seed on which Tulip stays together for two years (which seeds do depends on the
  // calibrated worlds: some groups divide their grant at the founding meeting).
  const tulip = loadScenario('tulip').scenario;
  const seed = firstSeed((k) => goingAt(tulip, 104, { seed: k }));
  const shop = workshopHarness(tulip, 'tulip', seed, 'kube-sim-workshop-e2e-');

  it('runs weeks with three phones: join, answer, see who answered, pause, close, time out, reload, leave', async () => {
    const projector = await shop.open(`http://127.0.0.1:${shop.server.port}/workshop-projector.html#key=${shop.trainerKey}`, 'en-US', { width: 1400, height: 860 });
    const P = projector.page;
    await P.getByTestId('join-code').filter({ hasText: shop.session.doc.joinCode }).waitFor();
    expect(await P.getByTestId('qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    const phones: Page[] = [];
    const names = ['Sari', 'Budi', 'Wati'];
    for (const [k, name] of names.entries()) {
      const app = await shop.open(shop.server.joinUrl, k === 2 ? 'id-ID' : 'en-US', { width: 390, height: 844 });
      const page = app.page;
      await page.getByTestId('join').waitFor();
      await page.getByTestId('name').fill(name);
      // The second phone picks member 6; the others take any free seat.
      if (k === 1) await page.getByTestId('seat').selectOption('5');
      await page.getByTestId('join-button').click();
      await page.getByTestId('who').waitFor();
      phones.push(page);
    }
    const seats = [];
    for (const p of phones) seats.push(await p.evaluate(() => document.body.dataset.seat));
    expect(seats).toEqual(['0', '5', '1']);
    expect(await phones[2].getByTestId('who').textContent()).toContain('Anda memainkan');
    await P.getByTestId('seats').locator('[data-member="5"]').filter({ hasText: 'Budi' }).waitFor();

    // Week 1: two phones answer, the projector counts them; the trainer closes the week.
    await P.getByTestId('seconds').fill('90');
    await P.getByTestId('open').click();
    await Promise.all(phones.map((p) => phase(p, 'open')));
    await phones[0].getByTestId('effort').fill('80');
    await phones[0].getByTestId('iks').fill('5000');
    await phones[0].getByTestId('attend').uncheck();
    await phones[0].getByTestId('send').click();
    await phones[2].getByRole('button', { name: wordsId.send }).click();
    await P.waitForFunction(() => document.body.dataset.answered === '2');
    await expect(P.getByTestId('answer-count').textContent()).resolves.toBe(wordsEn.answers(2, 3));
    await phones[0].getByTestId('sent').waitFor();
    await P.screenshot({ path: join(SHOTS, 'workshop-projector-open.png') });
    await phones[0].screenshot({ path: join(SHOTS, 'workshop-phone-open.png'), fullPage: true });
    await phones[2].screenshot({ path: join(SHOTS, 'workshop-phone-id.png'), fullPage: true });
    expect(shop.session.doc.decisions.map((d) => [d.member, d.player, d.answers.effort, d.answers.iksPayment, d.answers.attend])).toEqual([
      [0, 'Sari', 0.8, 5000, false],
      [1, 'Wati', 0.5, 0, true],
    ]);
    // Paused, the countdown stands still.
    await P.getByTestId('pause').click();
    await phase(phones[0], 'paused');
    const frozen = await P.getByTestId('countdown').textContent();
    await P.waitForTimeout(1200);
    await expect(P.getByTestId('countdown').textContent()).resolves.toBe(frozen);
    await P.getByTestId('resume').click();
    await phase(P, 'open');
    await P.getByTestId('close').click();
    await Promise.all([P, ...phones].map((p) => phase(p, 'closed')));
    await Promise.all([P, ...phones].map((p) => week(p, 1)));

    // A phone reloads: same seat, no new join.
    await phones[1].reload();
    await phones[1].getByTestId('who').waitFor();
    expect(await phones[1].evaluate(() => document.body.dataset.seat)).toBe('5');

    // Week 2 closes by itself when its 10 s run out; the third phone gives its seat up first.
    await P.getByTestId('seconds').fill('10');
    await P.getByTestId('open').click();
    await phase(phones[2], 'open');
    await phones[2].getByTestId('leave').click();
    await phones[2].getByTestId('join').waitFor();
    await P.locator('[data-member="1"][data-state="model"]').waitFor();
    await phones[1].getByTestId('send').click();
    await P.waitForFunction(() => document.body.dataset.answered === '1');
    await Promise.all([P, phones[0], phones[1]].map((p) => week(p, 2)));
    await phase(P, 'closed');
    await P.screenshot({ path: join(SHOTS, 'workshop-projector-closed.png') });
    await phones[0].screenshot({ path: join(SHOTS, 'workshop-phone-closed.png'), fullPage: true });

    // The log on disk has both weeks and replays bit for bit.
    const { doc, scenario } = readSession(join(shop.dir, 'session.json'));
    expect(doc.weeks.map((w) => w.answered)).toEqual([[0, 1], [5]]);
    expect(replayWeeks(doc, scenario).mismatch).toBeNull();

    for (const app of shop.pages) {
      expect(app.pageErrors).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
      if (!app.page.isClosed()) expect(await app.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    }
  });

  it('the projector without the trainer key says where to find it and controls nothing', async () => {
    const app = await shop.open(`http://127.0.0.1:${shop.server.port}/workshop-projector.html`, 'en-US', { width: 1000, height: 600 });
    await app.page.getByText(wordsEn.noKey).waitFor();
    expect(await app.page.getByTestId('open').count()).toBe(0);
    const forged = await shop.open(`http://127.0.0.1:${shop.server.port}/workshop-projector.html#key=${'0'.repeat(32)}`, 'en-US', { width: 1000, height: 600 });
    await forged.page.getByTestId('message').filter({ hasText: "key: not this workshop's trainer key" }).waitFor();
    expect(await forged.page.getByTestId('open').count()).toBe(0);
  });
});

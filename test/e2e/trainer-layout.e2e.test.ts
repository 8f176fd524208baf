/**
 * Trainer mode is legible where workshops show it: side by side in projector mode on a 1280 × 720
 * or 1024 × 768 projector, in both languages, no text under 14 px (SVG labels measured through
 * their drawing's scale), no element name cut short, each network at least a third of the
 * screen's height, nothing running off the bottom, and the header's items (the settings changed,
 * the seed, the language buttons) side by side without overlapping. Side by side without
 * projector mode, the members' labels stay at 11 px or more and the row of members who left
 * keeps its label clear of their circles. Screenshots: test-results/trainer-projector-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { parseScenario, trace } from '../../src/index.ts';
import { appSession, describeBrowser } from './app.ts';
import { uiEn } from '../../web/trainer/ui-en.ts';
import { uiId } from '../../web/trainer/ui-id.ts';
import { measureLegibility } from './trainer-legibility.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHOTS = join(ROOT, 'test-results');
const DEFAULT = parseScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'default.json'), 'utf8')), 'default.json');

/** A seed and a week at which some member of the default group has left (found in Node), so the row of leavers shows. */
function weekWithLeavers(): { seed: number; week: number } {
  for (let seed = 1; seed < 200; seed++) {
    const t = trace(DEFAULT, { seed });
    for (let f = 1; f < Math.min(t.frames, 80); f++) {
      let gone = 0;
      for (let i = 0; i < t.n; i++) gone += t.active[f * t.n + i] === 0 ? 1 : 0;
      if (gone >= 2 && gone < t.n - 2) return { seed, week: f };
    }
  }
  throw new Error('no seed with leavers');
}

/** Let the page settle: the layout and the sizes after a resize. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => {
    let k = 0;
    const next = () => (++k >= 30 ? done() : requestAnimationFrame(next));
    requestAnimationFrame(next);
  }));

describeBrowser('trainer mode’s layout in Chromium', () => {
  const session = appSession();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  const { seed, week } = weekWithLeavers();

  for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
    for (const lang of ['en', 'id'] as const) {
      it(`side by side in projector mode at ${width}×${height} (${lang}): 14 px or more, names whole, networks a third of the height, header clear`, async () => {
        // One setting changed, so the header also says so beside the seed.
        const url = `${session.server.url}trainer.html?group.size=10&seed=${seed}&lang=${lang}&tour=0&compare=1&projector=1&week=${week}`;
        const app = await session.open(url, { context: { viewport: { width, height } } });
        const { page } = app;
        await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
        await expect(page.getByTestId('changed').isVisible()).resolves.toBe(true);
        await expect(page.getByTestId('seed').textContent()).resolves.toBe(`${lang === 'en' ? uiEn.seed : uiId.seed}: ${seed}`);
        await expect(page.locator('[data-panel="a"] .member.gone').count()).resolves.toBeGreaterThan(0);
        await settle(page);
        await page.screenshot({ path: join(SHOTS, `trainer-projector-two-${lang}-${width}x${height}.png`) });
        const m = await page.evaluate(measureLegibility, 14);
        expect(m.small).toEqual([]);
        expect(m.smallest.px).toBeGreaterThanOrEqual(14);
        expect(m.cut).toEqual([]);
        expect(m.clipped).toEqual([]);
        expect(m.networks.length).toBe(2);
        for (const h of m.networks) expect(h).toBeGreaterThanOrEqual(height / 3);
        expect(m.bottom).toBeLessThanOrEqual(height - 4);
        expect(m.overlaps).toEqual([]);
        expect(app.pageErrors).toEqual([]);
      });
    }
  }

  for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
    it(`one group in projector mode at ${width}×${height}: 14 px or more, names whole, the network a third of the height`, async () => {
      const app = await session.open(`${session.server.url}trainer.html?seed=${seed}&lang=id&tour=0&projector=1&week=${week}`, { context: { viewport: { width, height } } });
      const { page } = app;
      await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: join(SHOTS, `trainer-projector-one-id-${width}x${height}.png`) });
      const m = await page.evaluate(measureLegibility, 14);
      expect(m.small).toEqual([]);
      expect(m.cut).toEqual([]);
      expect(m.clipped).toEqual([]);
      expect(m.networks[0]).toBeGreaterThanOrEqual(height / 3);
      expect(m.bottom).toBeLessThanOrEqual(height - 4);
      expect(m.overlaps).toEqual([]);
    });
  }

  it('side by side without projector mode: labels of 11 px or more, names whole, the leavers’ label clear of their circles', async () => {
    const app = await session.open(`${session.server.url}trainer.html?seed=${seed}&tour=0&compare=1&week=${week}`, { context: { viewport: { width: 1280, height: 720 } } });
    const { page } = app;
    await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'trainer-two-1280x720.png') });
    const m = await page.evaluate(measureLegibility, 11);
    expect(m.small).toEqual([]);
    expect(m.cut).toEqual([]);
    expect(m.clipped).toEqual([]);
    const clash = await page.evaluate(() =>
      [...document.querySelectorAll('section[data-panel]')].flatMap((panel) => {
        const label = panel.querySelector('.left-label')!.getBoundingClientRect();
        return [...panel.querySelectorAll('.member circle')]
          .map((c) => c.getBoundingClientRect())
          .filter((c) => c.left < label.right && label.left < c.right && c.top < label.bottom && label.top < c.bottom)
          .map((c) => `${Math.round(c.left)},${Math.round(c.top)}`);
      }),
    );
    expect(clash).toEqual([]);
    await expect(page.locator('section[data-panel] .left-label[visibility="visible"]').count()).resolves.toBeGreaterThan(0);
    expect(app.pageErrors).toEqual([]);
  });
});

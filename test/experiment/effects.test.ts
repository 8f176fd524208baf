/**
 * `npm run effects` (src/experiment/effects.ts): the levers' evidence ranges are the ones
 * docs/EVIDENCE.md states, and the levers' effects keep their direction across plausible worlds
 * spread over the posterior, not only in the central one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorlds } from '../../src/cli/worlds.ts';
import { leverEffect, LEVERS } from '../../src/experiment/effects.ts';
import { parseScenario } from '../../src/model/index.ts';

/** "−5% to +15%" → [-5, 15]; "—" → null. */
function range(cell: string): [number, number] | null {
  if (cell.trim() === '—') return null;
  const m = cell.replace(/−/g, '-').match(/(-?\+?\d+)%?\s*(?:pp)?\s*to\s*(-?\+?\d+)/);
  if (!m) throw new Error(`no range in "${cell}"`);
  return [Number(m[1]), Number(m[2])];
}

describe('npm run effects', () => {
  it('checks each lever against the range docs/EVIDENCE.md’s lever table gives it', () => {
    const md = readFileSync(new URL('../../docs/EVIDENCE.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of md.split('\n')) {
      const id = line.match(/^\| [^|]*\(`([a-z-]+)`\) \|/)?.[1];
      if (id) rows.set(id, line.split('|').slice(1, -1));
    }
    expect([...rows.keys()].sort()).toEqual(LEVERS.map((l) => l.id).sort());
    for (const l of LEVERS) {
      const [, profit, survival, misuse] = rows.get(l.id)!;
      expect(range(profit), `${l.id} profit`).toEqual(l.evidence.profitPct);
      expect(range(survival), `${l.id} survival`).toEqual(l.evidence.survival3);
      expect(l.evidence.survival5, `${l.id} survival at 5 years`).toEqual(l.evidence.survival3);
      expect(range(misuse), `${l.id} misuse`).toEqual(l.evidence.misusePct);
    }
  });

  // Three worlds of the committed file: the lowest, middle and highest returnScale (the constant
  // profit effects move with most; docs/VALIDATION.md).
  const worlds = (() => {
    const all = loadWorlds().worlds.map((w) => w.constants).sort((a, b) => a.returnScale - b.returnScale);
    return [all[0], all[Math.floor(all.length / 2)], all[all.length - 1]];
  })();
  const lever = (id: string) => LEVERS.find((l) => l.id === id)!;
  const REPS = 400;

  it.each(worlds.map((w, i) => [['lowest', 'middle', 'highest'][i], w] as const))('organising’s survival, weekly meetings’ misuse and a bigger grant’s profit keep their direction, and training’s and entrepreneurship mentoring’s profit stay in range, in the world with the %s returnScale', (_, w) => {
    const base = parseScenario({ constants: w });
    const organising = leverEffect(lever('mentoring-organising'), REPS, 1, base);
    expect(organising.survival3.ci[0], 'organising mentoring raises survival').toBeGreaterThan(0);
    const weekly = leverEffect(lever('meetings-weekly'), REPS, 1, base);
    expect(weekly.misusePct.ci[1], 'weekly meetings cut misuse').toBeLessThan(0);
    const grant = leverEffect(lever('grant-size'), REPS, 1, base);
    // More capital raises profit, but by less than the capital doubles (diminishing returns to the herd, capitalElasticity).
    expect(grant.profitPct.ci[0], 'a bigger grant raises profit').toBeGreaterThan(0);
    expect(grant.profitPct.ci[1], 'by less than it raises the capital').toBeLessThan(100);
    // Group size is not checked here: its survival effect is a held-out target that passes in 93%
    // of the worlds, not all (in the highest-returnScale world its interval reaches above 0).
    // Calibration targets (training-income, business-mentoring-income) hold these two profit
    // effects near these ranges in every world (mentoring's target allows up to +25%, the lever
    // table +20%); the means stay inside the lever table's ranges.
    // (Mentor quality and homogeneity move profit and survival by a few points at most, which 400
    // pairs cannot sign in one world; validate tests homogeneity's survival across the worlds.)
    for (const id of ['training', 'mentoring-business']) {
      const e = leverEffect(lever(id), REPS, 1, base);
      expect(e.profitPct.mean, id).toBeGreaterThanOrEqual(e.lever.evidence.profitPct![0]);
      expect(e.profitPct.mean, id).toBeLessThanOrEqual(e.lever.evidence.profitPct![1]);
    }
  });
});

/**
 * What became of the groups (web/app/fate.ts), checked against the runs' own series, worked out
 * here the plain way (sort, type-7 quantile), and against the ensemble's headline: the shares the
 * chart stacks end at the card's "active at the end" and the survival curve's "not dissolved".
 */
import { describe, expect, it } from 'vitest';
import { createWorkerApi, Ensemble, INDICATORS, type JobSpec } from '../../src/index.ts';
import { bandAmongActive, FateTally, fateShares } from '../../web/app/fate.ts';
import { fateLayers } from '../../web/app/fate-layers.ts';
import { preset } from '../../web/app/settings.ts';

const K = INDICATORS.length;
const col = (key: string) => INDICATORS.findIndex((d) => d.key === key);

function runs(id: string, n: number) {
  const scenario = preset(id).scenario;
  const job: JobSpec = { scenarios: [scenario], seed: scenario.seed, replications: n, order: 'point', series: true };
  const api = createWorkerApi();
  api.prepare(1, job);
  const b = api.runBatch(1, 0, n);
  api.release(1);
  return { scenario, series: b.series!, rows: b.rows, bins: b.bins, n, H: scenario.horizonWeeks };
}

function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
}

describe('FateTally', () => {
  const r = runs('tulip', 120);
  const tally = new FateTally(r.H, r.scenario.group.size);
  // In two batches, as the page gets them.
  const KH = K * r.H;
  tally.add(r.series.subarray(0, 50 * KH), 50);
  tally.add(r.series.subarray(50 * KH), 70);
  const at = (run: number, key: string, t: number) => r.series[run * KH + col(key) * r.H + t];

  it('counts each week’s runs active, stagnant and dissolved as their series say', () => {
    const shares = fateShares(tally);
    for (const t of [0, Math.floor(r.H / 2), r.H - 1]) {
      const status = Array.from({ length: r.n }, (_, run) => at(run, 'status', t));
      expect([t, shares.active[t], shares.stagnant[t], shares.dissolved[t]]).toEqual([t, ...[0, 1, 2].map((s) => status.filter((x) => x === s).length / r.n)]);
    }
  });

  it('ends where the cards and the survival curve end: active at the end, and not dissolved', () => {
    const ens = new Ensemble(r.scenario, true);
    ens.add(r.rows, r.series, r.bins);
    const s = ens.summary();
    const shares = fateShares(tally);
    expect(shares.active[r.H - 1]).toBeCloseTo(s.headline.survivalRate.mean, 12);
    expect(shares.active[r.H - 1] + shares.stagnant[r.H - 1]).toBeCloseTo(s.survival.surviving[r.H - 1], 12);
    // Tulip splits: some groups go on, some dissolve (what made one band unreadable).
    expect(shares.active[r.H - 1]).toBeGreaterThan(0);
    expect(shares.dissolved[r.H - 1]).toBeGreaterThan(0);
  });

  it('bands members among the groups still active, exactly; never below the fewest a group keeps', () => {
    const band = bandAmongActive(tally, 'activeMembers');
    for (const t of [0, Math.floor(r.H / 3), r.H - 1]) {
      const values = Array.from({ length: r.n }, (_, run) => run).filter((run) => at(run, 'status', t) === 0).map((run) => at(run, 'activeMembers', t)).sort((a, b) => a - b);
      expect(band.groups[t]).toBe(values.length);
      expect([t, band.band.q05[t], band.band.q50[t], band.band.q95[t]]).toEqual([t, type7(values, 0.05), type7(values, 0.5), type7(values, 0.95)]);
      expect(band.band.q05[t]).toBeGreaterThanOrEqual(r.scenario.group.minMembers);
    }
  });

  it('bands capital and cohesion among the groups still active, within their bins (3%, 0.005)', () => {
    const t = r.H - 1;
    const active = Array.from({ length: r.n }, (_, run) => run).filter((run) => at(run, 'status', t) === 0);
    const capital = bandAmongActive(tally, 'capital');
    const cohesion = bandAmongActive(tally, 'cohesion');
    const c = active.map((run) => at(run, 'capital', t)).sort((a, b) => a - b);
    const h = active.map((run) => at(run, 'cohesion', t)).sort((a, b) => a - b);
    expect(capital.band.q50[t] / type7(c, 0.5)).toBeGreaterThan(0.97);
    expect(capital.band.q50[t] / type7(c, 0.5)).toBeLessThan(1.03);
    expect(Math.abs(cohesion.band.q50[t] - type7(h, 0.5))).toBeLessThanOrEqual(0.005 + 1e-12);
  });
});

describe('fateLayers (what the stacked chart draws)', () => {
  it('stacks active, stagnant, dissolved from week 0 (rounded, as drawn)', () => {
    const round = (v: number) => Math.round(v * 1000) / 1000;
    const layers = fateLayers({ active: [1, 0.8, 0.5], stagnant: [0, 0.1, 0.2], dissolved: [0, 0.1, 0.3] }, 3);
    expect(layers.map((l) => [l.key, l.points.map((p) => p.map(round).join(' ')).join(' | ')])).toMatchInlineSnapshot(`
      [
        [
          "active",
          "0 0 1 | 1 0 1 | 2 0 0.8 | 3 0 0.5",
        ],
        [
          "stagnant",
          "0 1 1 | 1 1 1 | 2 0.8 0.9 | 3 0.5 0.7",
        ],
        [
          "dissolved",
          "0 1 1 | 1 1 1 | 2 0.9 1 | 3 0.7 1",
        ],
      ]
    `);
  });

  it('draws nothing from no runs, and stops at the weeks asked for', () => {
    expect(fateLayers({ active: [], stagnant: [], dissolved: [] }, 10).map((l) => l.points.length)).toEqual([0, 0, 0]);
    expect(fateLayers(fateShares(new FateTally(10, 10)), 10).map((l) => l.points.length)).toEqual([0, 0, 0]);
    expect(fateLayers({ active: [1, 1, 1], stagnant: [0, 0, 0], dissolved: [0, 0, 0] }, 2).map((l) => l.points.length)).toEqual([3, 3, 3]);
  });
});

/**
 * Chart data from real ensembles (run in-process through the worker API, as the browser's workers
 * run them): the bands are ordered and match the runs, the survival curve falls and stays in its
 * band, the radar has the nine elements in [0, 1], sweep points come in order, and the forest
 * plot's rows keep B − A and "better" the way the comparison defines them.
 */
import { describe, expect, it } from 'vitest';
import mentoringNone from '../../scenarios/mentoring-none.json';
import monthly from '../../scenarios/mentoring-monthly.json';
import weekly from '../../scenarios/mentoring-weekly.json';
import {
  createWorkerApi,
  ELEMENT_KEYS,
  Ensemble,
  F,
  FIELD,
  INDICATORS,
  PairedComparison,
  parseScenario,
  RUN_FIELDS,
  withOverrides,
  type Scenario,
} from '../../src/index.ts';
import { diffRows, fanData, radarAxes, radarSeries, survivalData, sweepPoints, type DiffKey } from '../../web/app/chart-data.ts';
import { diffVerdict } from '../../web/views/diff-chart.ts';

const REPS = 40;
const SEED = 5;
const K = INDICATORS.length;

let jobId = 0;
function runs(scenarios: Scenario[], series: boolean, order: 'point' | 'replication' = 'point') {
  const api = createWorkerApi();
  const id = ++jobId;
  api.prepare(id, { scenarios, seed: SEED, replications: REPS, order, series });
  return api.runBatch(id, 0, REPS * scenarios.length);
}

// Without mentoring a fair share of groups dissolve, at different weeks: a varied ensemble.
const sc = parseScenario(mentoringNone);
const batch = runs([sc], true);
const ens = new Ensemble(sc, true);
ens.add(batch.rows, batch.series, batch.bins);
const summary = ens.summary();
const H = summary.weeks;

/** Indicator `key` at week t of every run. */
const column = (key: string, t: number) => {
  const k = INDICATORS.findIndex((d) => d.key === key);
  return Array.from({ length: REPS }, (_, r) => batch.series![r * K * H + k * H + t]);
};

describe('fanData', () => {
  it('gives every indicator five ordered quantiles over every week', () => {
    for (const d of INDICATORS) {
      const fan = fanData(summary, d.key)!;
      expect(fan.weeks).toBe(H);
      const { q05, q25, q50, q75, q95 } = fan.band;
      for (const q of [q05, q25, q50, q75, q95]) expect(q).toHaveLength(H);
      for (let t = 0; t < H; t++) {
        expect(q05[t]).toBeLessThanOrEqual(q25[t]);
        expect(q25[t]).toBeLessThanOrEqual(q50[t]);
        expect(q50[t]).toBeLessThanOrEqual(q75[t]);
        expect(q75[t]).toBeLessThanOrEqual(q95[t]);
      }
    }
  });

  it('draws the runs themselves: head-count quantiles are the runs’ exact type-7 quantiles', () => {
    const { band } = fanData(summary, 'activeMembers')!;
    const q7 = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = (s.length - 1) * p;
      const i = Math.floor(h);
      return s[i] + (h - i) * (s[Math.min(s.length - 1, i + 1)] - s[i]);
    };
    for (const t of [0, Math.floor(H / 2), H - 1]) {
      const xs = column('activeMembers', t);
      expect(band.q05[t]).toBeCloseTo(q7(xs, 0.05), 9);
      expect(band.q50[t]).toBeCloseTo(q7(xs, 0.5), 9);
      expect(band.q95[t]).toBeCloseTo(q7(xs, 0.95), 9);
    }
  });

  it('is null without bands or for an unknown indicator, and does not throw before any run', () => {
    expect(fanData(summary, 'noSuchIndicator')).toBeNull();
    const noBands = new Ensemble(sc, false);
    noBands.add(batch.rows, null);
    expect(fanData(noBands.summary(), 'capital')).toBeNull();
    const empty = fanData(new Ensemble(sc, true).summary(), 'capital')!;
    expect(empty.band.q50).toHaveLength(H);
  });
});

describe('survivalData', () => {
  const { weeks, curve } = survivalData(summary);
  const dissolved = Array.from({ length: REPS }, (_, r) => batch.rows[r * F + FIELD.status]).filter((s) => s === 2).length;

  it('falls week by week, inside its band and inside [0, 1]', () => {
    expect(weeks).toBe(H);
    expect(curve.surviving).toHaveLength(H);
    for (let t = 0; t < H; t++) {
      if (t > 0) expect(curve.surviving[t]).toBeLessThanOrEqual(curve.surviving[t - 1]);
      expect(curve.lo[t]).toBeGreaterThanOrEqual(0);
      expect(curve.hi[t]).toBeLessThanOrEqual(1);
      expect(curve.lo[t]).toBeLessThanOrEqual(curve.surviving[t]);
      expect(curve.surviving[t]).toBeLessThanOrEqual(curve.hi[t]);
    }
  });

  it('ends at the share of runs that did not dissolve', () => {
    expect(dissolved).toBeGreaterThan(0); // else this ensemble tests nothing
    expect(curve.surviving[H - 1]).toBeCloseTo(1 - dissolved / REPS, 12);
  });
});

describe('radar', () => {
  it('has the nine elements as axes, labelled by the caller', () => {
    const axes = radarAxes((k) => `label of ${k}`);
    expect(axes).toHaveLength(9);
    expect(axes.map((a) => a.key)).toEqual(ELEMENT_KEYS);
    expect(axes[0].label).toBe(`label of ${ELEMENT_KEYS[0]}`);
  });

  it('gives each element the mean over the runs of its per-run average, in [0, 1], inside its interval', () => {
    const s = radarSeries(summary, 'B', 'result');
    expect(s.name).toBe('B');
    expect(s.style).toBe('result');
    expect(s.values).toHaveLength(9);
    ELEMENT_KEYS.forEach((k, i) => {
      const runMeans = Array.from({ length: REPS }, (_, r) => batch.rows[r * F + FIELD[`${k}Mean`]]);
      expect(s.values[i]).toBeCloseTo(runMeans.reduce((a, b) => a + b, 0) / REPS, 10);
      expect(s.values[i]).toBeGreaterThanOrEqual(0);
      expect(s.values[i]).toBeLessThanOrEqual(1);
      const [lo, hi] = s.ci[i];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(s.values[i]);
      expect(s.values[i]).toBeLessThanOrEqual(hi);
    });
  });

  it('leaves an interval undrawable (not finite) when there is no spread to measure yet', () => {
    const one = new Ensemble(sc, false);
    one.add(batch.rows.slice(0, F), null);
    const s = radarSeries(one.summary(), 'one run', 'pinned');
    expect(s.values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(s.ci.every(([lo, hi]) => !Number.isFinite(lo) && !Number.isFinite(hi))).toBe(true);
  });
});

describe('sweepPoints', () => {
  it('gives one point per value swept, in order of x, each mean inside its interval', () => {
    const xs = [4, 0, 1];
    const at = xs.map((x) => {
      const point = withOverrides(sc, { 'intervention.mentoring.visitsPerMonth': x });
      const e = new Ensemble(point, false);
      e.add(runs([point], false).rows, null);
      return { x, estimate: e.summary().headline.survivalRate };
    });
    const pts = sweepPoints(at);
    expect(pts.map((p) => p.x)).toEqual([0, 1, 4]);
    for (const p of pts) {
      const src = at.find((a) => a.x === p.x)!.estimate;
      expect([p.mean, p.lo, p.hi]).toEqual([src.mean, src.ci[0], src.ci[1]]);
      expect(p.lo).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi);
    }
  });
});

describe('diffRows', () => {
  const A = parseScenario(monthly);
  const B = parseScenario(weekly);
  const compare = (a: Scenario, b: Scenario) => {
    const c = new PairedComparison(a, b);
    c.add(runs([a, b], false, 'replication').rows);
    return c.summary(SEED);
  };
  const ab = compare(A, B);
  const ba = compare(B, A);
  const pText = (p: number) => `P = ${Math.round(p * 100)}%`;
  const keys: DiffKey[] = ['interventionCost', 'survived', 'noSuchOutcome', 'memberIncomeMonthly'].map((key) => ({
    key,
    label: `label of ${key}`,
    format: (v: number) => v.toFixed(2),
    pText,
  }));

  it('keeps the caller’s order and labels and leaves out outcomes the comparison lacks', () => {
    const rows = diffRows(ab, keys);
    expect(rows.map((r) => r.key)).toEqual(['interventionCost', 'survived', 'memberIncomeMonthly']);
    expect(rows[1].label).toBe('label of survived');
    expect(rows[1].pText).toBe(pText(rows[1].pBetter));
  });

  it('is B − A with the direction of "better" from the run fields', () => {
    const rows = diffRows(ab, keys);
    for (const r of rows) {
      const d = ab.differences.find((x) => x.key === r.key)!;
      expect(r.diff).toBeCloseTo(d.b.mean - d.a.mean, 6);
      expect(r.better).toBe(RUN_FIELDS[FIELD[r.key!]].better);
      expect(r.lo).toBeLessThanOrEqual(r.diff);
      expect(r.diff).toBeLessThanOrEqual(r.hi);
    }
    // Weekly visits cost more than monthly ones: B is worse on cost, whatever its other effects.
    const cost = rows.find((r) => r.key === 'interventionCost')!;
    expect(cost.better).toBe(-1);
    expect(cost.diff).toBeGreaterThan(0);
    expect(diffVerdict(cost)).toBe('worse');
  });

  it('turns round when A and B swap: the difference changes sign and P(B better) becomes 1 − P', () => {
    const rows = diffRows(ab, keys);
    const swapped = diffRows(ba, keys);
    rows.forEach((r, i) => {
      const s = swapped[i];
      expect(s.key).toBe(r.key);
      expect(s.diff).toBeCloseTo(-r.diff, 6);
      expect(s.pBetter).toBeCloseTo(1 - r.pBetter, 12);
      const flip = { better: 'worse', worse: 'better', unclear: 'unclear' } as const;
      expect(diffVerdict(s)).toBe(flip[diffVerdict(r)]);
    });
  });

  it('calls an interval that holds zero, or none at all, unclear', () => {
    expect(diffVerdict({ lo: -1, hi: 2, better: 1 })).toBe('unclear');
    expect(diffVerdict({ lo: -Infinity, hi: Infinity, better: 1 })).toBe('unclear');
    expect(diffVerdict({ lo: Number.NaN, hi: 1, better: -1 })).toBe('unclear');
    expect(diffVerdict({ lo: 1, hi: 2, better: -1 })).toBe('worse');
    expect(diffVerdict({ lo: -2, hi: -1, better: -1 })).toBe('better');
  });
});

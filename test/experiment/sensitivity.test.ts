import { describe, expect, it } from 'vitest';
import { morrisDesign, sobolDesign, type Design, type DesignPoint, type Factor } from '../../src/experiment/design.ts';
import { morrisIndices, sobolIndices } from '../../src/experiment/sensitivity.ts';

const evaluate = (d: Design, f: (p: DesignPoint) => number) => Float64Array.from(d.points, f);
const width = (ci: [number, number]) => ci[1] - ci[0];

// Ishigami & Homma (1990) with a = 7, b = 0.1 on [−π, π]³: the standard test of Sobol estimators.
const ishigamiFactors: Factor[] = ['x1', 'x2', 'x3'].map((path) => ({ path, lo: -Math.PI, hi: Math.PI }));
const ishigami = (p: DesignPoint) => Math.sin(p.x1) + 7 * Math.sin(p.x2) ** 2 + 0.1 * p.x3 ** 4 * Math.sin(p.x1);
// Analytic indices from the closed-form variances (e.g. Saltelli et al. 2008, §1.2.10 / Sobol'-Levitan 1999).
const a = 7;
const b = 0.1;
const pi4 = Math.PI ** 4;
const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
const v2 = (a * a) / 8;
const v13 = b * b * pi4 * pi4 * (1 / 18 - 1 / 50);
const vTot = v1 + v2 + v13;
const S1 = [v1 / vTot, v2 / vTot, 0];
const ST = [(v1 + v13) / vTot, v2 / vTot, v13 / vTot];

describe('sobolIndices on the Ishigami function', () => {
  it('the test’s own analytic reference values are the published 0.314, 0.442, 0 and 0.558, 0.442, 0.244 (a check of the reference, not of the estimator)', () => {
    expect(S1.map((s) => +s.toFixed(3))).toEqual([0.314, 0.442, 0]);
    expect(ST.map((s) => +s.toFixed(3))).toEqual([0.558, 0.442, 0.244]);
  });

  it('recovers first-order and total indices within their bootstrap intervals or ±0.05 (N = 4096)', () => {
    for (const seed of [1, 2]) {
      const d = sobolDesign(ishigamiFactors, 4096, seed);
      const idx = sobolIndices(d, evaluate(d, ishigami), { seed, resamples: 500 });
      idx.forEach((s, i) => {
        const inOrClose = (est: number, ci: [number, number], truth: number) =>
          (ci[0] <= truth && truth <= ci[1]) || Math.abs(est - truth) < 0.05;
        expect(inOrClose(s.first, s.firstCi, S1[i]), `S1 of ${s.path}: ${s.first} ${s.firstCi}`).toBe(true);
        expect(inOrClose(s.total, s.totalCi, ST[i]), `ST of ${s.path}: ${s.total} ${s.totalCi}`).toBe(true);
        expect(s.firstCi[0]).toBeLessThanOrEqual(s.firstCi[1]);
      });
      // x3 acts only through its interaction with x1: no first-order effect, a clear total one.
      expect(Math.abs(idx[2].first)).toBeLessThan(0.05);
      expect(idx[2].totalCi[0]).toBeGreaterThan(0.1);
    }
  });

  it('intervals narrow as N grows', () => {
    const ci = (n: number) => {
      const d = sobolDesign(ishigamiFactors, n, 3);
      return sobolIndices(d, evaluate(d, ishigami), { seed: 3 });
    };
    const small = ci(256);
    const large = ci(4096);
    for (let i = 0; i < 3; i++) {
      expect(width(large[i].firstCi)).toBeLessThan(width(small[i].firstCi));
      expect(width(large[i].totalCi)).toBeLessThan(width(small[i].totalCi));
    }
  });

  it('is reproducible from the bootstrap seed, and the seed matters', () => {
    const d = sobolDesign(ishigamiFactors, 512, 8);
    const y = evaluate(d, ishigami);
    expect(sobolIndices(d, y, { seed: 4 })).toEqual(sobolIndices(d, y, { seed: 4 }));
    expect(sobolIndices(d, y, { seed: 5 })[0].firstCi).not.toEqual(sobolIndices(d, y, { seed: 4 })[0].firstCi);
  });

  it('eight times the base samples gives narrower bootstrap intervals for every index', () => {
    const small = sobolDesign(ishigamiFactors, 512, 1);
    const big = sobolDesign(ishigamiFactors, 4096, 1);
    const a = sobolIndices(small, evaluate(small, ishigami), { resamples: 500 });
    const b = sobolIndices(big, evaluate(big, ishigami), { resamples: 500 });
    const width = (ci: [number, number]) => ci[1] - ci[0];
    a.forEach((r, i) => {
      expect(width(b[i].firstCi)).toBeLessThan(width(r.firstCi));
      expect(width(b[i].totalCi)).toBeLessThan(width(r.totalCi));
    });
  });

  it('refuses the wrong design, a wrong number of outputs and non-finite outputs', () => {
    const d = sobolDesign(ishigamiFactors, 8, 1);
    expect(() => sobolIndices(d, new Float64Array(3))).toThrow(/expected 40, got 3/);
    const y = evaluate(d, ishigami);
    y[7] = Number.NaN;
    expect(() => sobolIndices(d, y)).toThrow(/y\[7\] is NaN/);
    expect(() => morrisIndices(d, evaluate(d, ishigami))).toThrow(/needs a morris design; got sobol/);
    expect(() => sobolIndices(d, evaluate(d, ishigami), { resamples: 0 })).toThrow(/resamples/);
  });
});

// Ranges differ on purpose: scaled effects are coefficient × range, so the ordering is b > a > c.
const linearFactors: Factor[] = [
  { path: 'a', lo: 0, hi: 1 },
  { path: 'b', lo: 0, hi: 10 },
  { path: 'c', lo: 5, hi: 5.1 },
];
const coef = [3, -1, 10];
const linear = (p: DesignPoint) => coef[0] * p.a + coef[1] * p.b + coef[2] * p.c;

describe('morrisIndices', () => {
  it('recovers a linear function: mu* = |coefficient × range|, mu carries the sign, sigma ≈ 0', () => {
    const d = morrisDesign(linearFactors, 20, 4, 7);
    const idx = morrisIndices(d, evaluate(d, linear), { seed: 1 });
    idx.forEach((m, i) => {
      const scaled = coef[i] * (linearFactors[i].hi - linearFactors[i].lo);
      expect(m.muStar).toBeCloseTo(Math.abs(scaled), 9);
      expect(m.mu).toBeCloseTo(scaled, 9);
      expect(m.sigma).toBeLessThan(1e-9);
      expect(m.effects).toBe(20);
      expect(m.muStarCi[0]).toBeCloseTo(m.muStar, 9);
      expect(m.muStarCi[1]).toBeCloseTo(m.muStar, 9);
    });
    const ranked = [...idx].sort((x, y) => y.muStar - x.muStar).map((m) => m.path);
    expect(ranked).toEqual(['b', 'a', 'c']);
  });

  it('flags interaction through sigma, and mu* intervals narrow with more trajectories', () => {
    const f = (p: DesignPoint) => p.a * p.b + p.c;
    const run = (r: number) => {
      const d = morrisDesign(linearFactors, r, 4, 2);
      return morrisIndices(d, evaluate(d, f), { seed: 2 });
    };
    const few = run(10);
    const many = run(640);
    expect(many[0].sigma).toBeGreaterThan(0.1 * many[0].muStar);
    expect(many[2].sigma).toBeLessThan(1e-6);
    expect(width(many[0].muStarCi)).toBeLessThan(width(few[0].muStarCi));
    expect(width(many[1].muStarCi)).toBeLessThan(width(few[1].muStarCi));
  });

  it('uses the actual scaled difference and skips steps that rounding made zero', () => {
    const d = morrisDesign(linearFactors, 5, 4, 3);
    if (d.kind !== 'morris') throw new Error('kind');
    const k = linearFactors.length;
    // Make trajectory 0's step on factor c vanish, as rounding a narrow int range would.
    const s = d.meta.changed.slice(0, k).indexOf(2);
    d.points[s + 1] = { ...d.points[s + 1], c: d.points[s].c };
    for (let q = s + 2; q <= k; q++) d.points[q] = { ...d.points[q], c: d.points[s].c };
    const idx = morrisIndices(d, evaluate(d, linear));
    expect(idx[2].effects).toBe(4);
    expect(idx[2].muStar).toBeCloseTo(coef[2] * 0.1, 9);
    expect(idx.every((m) => Number.isFinite(m.muStar) && Number.isFinite(m.sigma))).toBe(true);
  });
});

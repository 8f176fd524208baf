import { describe, expect, it } from 'vitest';
import { normalCdf, pairedChangePct, PairedMeans, PairedRates, Z95 } from '../../src/experiment/stats.ts';
import seedrandom from 'seedrandom';

describe('normalCdf', () => {
  it('matches Φ at known points to 1e-7, and is symmetric', () => {
    // Φ(z) from tables: 0 → 0.5, 1 → 0.8413447461, 1.96 → 0.9750021049, 3 → 0.9986501020.
    const known: [number, number][] = [[0, 0.5], [1, 0.8413447461], [Z95, 0.975], [3, 0.998650102], [-2.5, 0.0062096653]];
    for (const [z, p] of known) expect(Math.abs(normalCdf(z) - p), `z=${z}`).toBeLessThan(2e-7);
    for (const z of [0.1, 0.7, 1.3, 2.2, 4]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 12);
  });

  it('is increasing, stays in [0, 1], and handles infinities and NaN', () => {
    let last = -1;
    for (let z = -8; z <= 8; z += 0.01) {
      const p = normalCdf(z);
      expect(p).toBeGreaterThanOrEqual(last);
      expect(p >= 0 && p <= 1).toBe(true);
      last = p;
    }
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('pairedChangePct', () => {
  const feed = (xs: number[], ys: number[]) => {
    const m = new PairedMeans();
    xs.forEach((x, i) => m.add(x, ys[i]));
    // The running covariance is the two-pass one.
    const mx = xs.reduce((p, q) => p + q, 0) / xs.length;
    const my = ys.reduce((p, q) => p + q, 0) / ys.length;
    const cov = xs.reduce((p, x, i) => p + (x - mx) * (ys[i] - my), 0) / (xs.length - 1);
    expect(m.covariance).toBeCloseTo(cov, 8);
    expect(m.changePct()).toEqual(pairedChangePct(m.a, m.b, m.covariance));
    return m.changePct();
  };

  it('B exactly 10% above A in every pair is +10% with no spread, however much A varies', () => {
    const xs = [1, 5, 2, 8, 3, 9];
    const e = feed(xs, xs.map((x) => 1.1 * x));
    expect(e.mean).toBeCloseTo(10, 10);
    expect(e.ci[1] - e.ci[0]).toBeLessThan(1e-6);
  });

  it('pairing narrows the interval: the same changes with A and B moving together are tighter than shuffled', () => {
    const xs = Array.from({ length: 200 }, (_, i) => 10 + ((i * 7919) % 97));
    const ys = xs.map((x, i) => x + 1 + ((i * 31) % 5) - 2);
    const paired = feed(xs, ys);
    const shuffled = feed(xs, [...ys].reverse());
    expect(paired.mean).toBeCloseTo(shuffled.mean, 10);
    expect(paired.ci[1] - paired.ci[0]).toBeLessThan((shuffled.ci[1] - shuffled.ci[0]) / 5);
  });

  it('is NaN when A’s mean is not positive', () => {
    expect(feed([0, 0, 0], [1, 2, 3]).mean).toBeNaN();
  });
});

describe('PairedRates', () => {
  it('with every exposure 1 it is the paired change of the counts’ means (PairedMeans)', () => {
    const rng = seedrandom.alea('rates-1');
    const r = new PairedRates();
    const m = new PairedMeans();
    for (let i = 0; i < 500; i++) {
      const a = Math.floor(4 * rng());
      const b = a + Math.floor(3 * rng()) - 1;
      r.add(a, 1, Math.max(0, b), 1);
      m.add(a, Math.max(0, b));
    }
    const x = r.changePct();
    const y = m.changePct();
    expect(x.mean).toBeCloseTo(y.mean, 9);
    expect(x.ci[0]).toBeCloseTo(y.ci[0], 6);
    expect(x.ci[1]).toBeCloseTo(y.ci[1], 6);
  });

  it('is a ratio of totals: the same rate over a shorter life is no change', () => {
    const r = new PairedRates();
    // B lives half as long and commits half as much: the rate per year is the same.
    for (let i = 0; i < 100; i++) r.add(2 + (i % 3), 3, (2 + (i % 3)) / 2, 1.5);
    expect(r.changePct().mean).toBeCloseTo(0, 9);
    const s = new PairedRates();
    // B commits as much in half the life: twice the rate.
    for (let i = 0; i < 100; i++) s.add(2 + (i % 3), 3, 2 + (i % 3), 1.5);
    expect(s.changePct().mean).toBeCloseTo(100, 9);
  });

  it('its 95% interval covers the true change in about 95% of samples', () => {
    // A: Poisson-like counts at rate 1 a year over lives of 1–3 years; B: rate 0.7 (−30%).
    const rng = seedrandom.alea('rates-coverage');
    const draw = (mean: number) => {
      let k = 0;
      let p = Math.exp(-mean);
      let s = p;
      const u = rng();
      while (u > s) {
        k++;
        p *= mean / k;
        s += p;
      }
      return k;
    };
    let covered = 0;
    const samples = 400;
    for (let j = 0; j < samples; j++) {
      const r = new PairedRates();
      for (let i = 0; i < 300; i++) {
        const life = 1 + 2 * rng();
        r.add(draw(life), life, draw(0.7 * life), life);
      }
      const { ci } = r.changePct();
      if (ci[0] <= -30 && -30 <= ci[1]) covered++;
    }
    expect(covered / samples).toBeGreaterThan(0.92);
    expect(covered / samples).toBeLessThan(0.98);
  });

  it('gives NaN without counts or exposure in A', () => {
    const r = new PairedRates();
    r.add(0, 1, 1, 1);
    expect(Number.isNaN(r.changePct().mean)).toBe(true);
    const s = new PairedRates();
    s.add(1, 0, 1, 1);
    expect(Number.isNaN(s.changePct().mean)).toBe(true);
  });

  it('gives −100% without an interval when B has no events (not a point interval)', () => {
    const r = new PairedRates();
    for (let i = 0; i < 50; i++) r.add(1 + (i % 3), 1 + (i % 2), 0, 1);
    const e = r.changePct();
    expect(e.mean).toBe(-100);
    expect(e.ci.every(Number.isNaN)).toBe(true);
  });
});

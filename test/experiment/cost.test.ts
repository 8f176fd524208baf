/** Intervals of the package ratios and of bounded means: positive where the quantity is, never falsely narrow. */
import { describe, expect, it } from 'vitest';
import { costPerSurvivor, RunningRatio } from '../../src/experiment/cost.ts';
import { proportion, RunningMean } from '../../src/experiment/stats.ts';

describe('cost per surviving group', () => {
  const fixedCost = (rp: number, n: number) => {
    const m = new RunningMean();
    for (let i = 0; i < n; i++) m.add(rp);
    return m.estimate(0);
  };

  it('every run survived: the interval still reaches up, because survival might be lower than 100%', () => {
    const e = costPerSurvivor(fixedCost(40_000_000, 200), proportion(200, 200))!;
    expect(e.mean).toBe(40_000_000);
    expect(e.ci[0]).toBe(40_000_000);
    expect(e.ci[1]).toBeGreaterThan(40_500_000);
    expect(e.ci[1]).toBeCloseTo(40_000_000 / proportion(200, 200).ci[0], 3);
  });

  it('few survivors: the interval stays positive and holds the estimate', () => {
    const e = costPerSurvivor(fixedCost(30_000_000, 50), proportion(2, 50))!;
    expect(e.mean).toBe(750_000_000);
    expect(e.ci[0]).toBeGreaterThan(0);
    expect(e.ci[0]).toBeLessThan(e.mean);
    expect(e.ci[1]).toBeGreaterThan(e.mean);
    expect(Number.isFinite(e.ci[1])).toBe(true);
  });

  it('no survivor: no cost per survivor at all', () => {
    expect(costPerSurvivor(fixedCost(30_000_000, 50), proportion(0, 50))).toBeNull();
  });
});

describe('ratio of means on the log scale', () => {
  it('a skewed positive ratio keeps a positive interval around its estimate', () => {
    const r = new RunningRatio();
    // Mostly small incomes, a few large ones, over a fixed cost.
    for (let i = 0; i < 40; i++) r.add(i % 10 === 0 ? 5e6 : 1e4, 3e7);
    const e = r.estimate()!;
    expect(e.ci[0]).toBeGreaterThan(0);
    expect(e.ci[0]).toBeLessThan(e.mean);
    expect(e.ci[1]).toBeGreaterThan(e.mean);
    // The delta method's symmetric interval would have gone below zero here.
    expect(e.mean - (e.ci[1] - e.mean)).toBeLessThan(0);
  });
});

describe('bounded means', () => {
  it('a count is never given a negative lower end', () => {
    const m = new RunningMean();
    for (let i = 0; i < 30; i++) m.add(i === 0 ? 2 : 0);
    const unbounded = m.estimate();
    expect(unbounded.ci[0]).toBeLessThan(0);
    expect(m.estimate(0).ci[0]).toBe(0);
    expect(m.estimate(0).ci[1]).toBe(unbounded.ci[1]);
  });

  it('one value has no interval: (−∞, ∞), written as null in JSON', () => {
    const m = new RunningMean();
    m.add(3);
    expect(m.estimate().ci).toEqual([-Infinity, Infinity]);
    expect(JSON.stringify(m.estimate().ci)).toBe('[null,null]');
  });
});

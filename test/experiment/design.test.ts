import { describe, expect, it } from 'vitest';
import {
  gridDesign,
  gridPointAt,
  gridValues,
  latinHypercube,
  morrisDesign,
  sobolDesign,
  type Factor,
} from '../../src/experiment/design.ts';

const three: Factor[] = [
  { path: 'a', lo: 0, hi: 1 },
  { path: 'b.c', lo: -5, hi: 5 },
  { path: 'd', lo: 1, hi: 12, int: true },
];

describe('gridDesign', () => {
  it('is the full factorial, first factor slowest, endpoints included', () => {
    const d = gridDesign([
      { path: 'x', lo: 0, hi: 1, step: 0.5 },
      { path: 'y', lo: 10, hi: 30, step: 10 },
    ]);
    expect(d.points.length).toBe(3 * 3);
    expect(d.points.slice(0, 4)).toEqual([
      { x: 0, y: 10 },
      { x: 0, y: 20 },
      { x: 0, y: 30 },
      { x: 0.5, y: 10 },
    ]);
    expect(d.points.at(-1)).toEqual({ x: 1, y: 30 });
    if (d.kind !== 'grid') throw new Error('kind');
    d.points.forEach((p, j) => expect(gridPointAt(d.factors, d.meta.values, j)).toEqual(p));
  });

  it('computes each value from FROM + i·STEP without float drift, TO only when it lands on the grid', () => {
    expect(gridValues({ path: 'p', lo: 0, hi: 1, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(gridValues({ path: 'p', lo: 0.05, hi: 0.35, step: 0.1 })).toEqual([0.05, 0.15, 0.25, 0.35]);
    expect(gridValues({ path: 'p', lo: 0, hi: 1, step: 0.3 })).toEqual([0, 0.3, 0.6, 0.9]);
    expect(gridValues({ path: 'p', lo: 0, hi: 3e-7, step: 1e-7 })).toEqual([0, 1e-7, 2e-7, 3e-7]);
    // TO lands within 1e-9 relative: still included, and exactly TO.
    expect(gridValues({ path: 'p', lo: 0, hi: 0.7000000000001, step: 0.1 }).at(-1)).toBe(0.7000000000001);
    const big = gridValues({ path: 'p', lo: 0, hi: 1000, step: 0.01 });
    expect(big.length).toBe(100_001);
    expect(big.every((v, i) => v === Number((i / 100).toFixed(2)))).toBe(true);
  });

  it('refuses bad steps, bad ranges, duplicate paths and oversized grids with a message naming them', () => {
    expect(() => gridDesign([{ path: 'x', lo: 0, hi: 1, step: 0 }])).toThrow(/x: step must be a positive number; got 0/);
    expect(() => gridDesign([{ path: 'x', lo: 0, hi: 1, step: Number.NaN }])).toThrow(RangeError);
    expect(() => gridDesign([{ path: 'x', lo: 2, hi: 1, step: 1 }])).toThrow(/x: lo must be below hi; got lo=2, hi=1/);
    expect(() => gridDesign([{ path: 'n', lo: 0, hi: 4, step: 0.5, int: true }])).toThrow(/n is integer-valued/);
    expect(() => gridDesign([{ path: 'n', lo: 0.5, hi: 4, step: 1, int: true }])).toThrow(/whole numbers; got lo=0.5/);
    expect(() => gridDesign([])).toThrow(/at least one factor/);
    expect(() =>
      gridDesign([
        { path: 'x', lo: 0, hi: 1, step: 1 },
        { path: 'x', lo: 0, hi: 1, step: 1 },
      ]),
    ).toThrow(/x is given more than once/);
    const wide = ['p', 'q', 'r'].map((path) => ({ path, lo: 0, hi: 1000, step: 1 }));
    expect(() => gridDesign(wide)).toThrow(/grid has 1003003001 points .*at most 10000000/);
  });
});

/** The stratum (0..n−1) a value falls in on its factor's range. */
const stratum = (f: Factor, x: number, n: number) => Math.min(n - 1, Math.floor(((x - f.lo) / (f.hi - f.lo)) * n));

describe('latinHypercube', () => {
  it('puts exactly one sample in each stratum of every factor', () => {
    const continuous = three.slice(0, 2);
    for (const n of [2, 7, 100]) {
      const d = latinHypercube(continuous, n, 3);
      expect(d.points.length).toBe(n);
      for (const f of continuous) {
        const counts = new Array(n).fill(0);
        for (const p of d.points) counts[stratum(f, p[f.path], n)]++;
        expect(counts).toEqual(new Array(n).fill(1));
      }
    }
  });

  it('is determined by its seed', () => {
    expect(latinHypercube(three, 50, 9).points).toEqual(latinHypercube(three, 50, 9).points);
    expect(latinHypercube(three, 50, 9).points).not.toEqual(latinHypercube(three, 50, 10).points);
  });

  it('gives int factors every whole number of their range in equal shares', () => {
    const d = latinHypercube([{ path: 'n', lo: 1, hi: 4, int: true }], 400, 1);
    const counts = new Map<number, number>();
    for (const p of d.points) counts.set(p.n, (counts.get(p.n) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect([...counts.values()]).toEqual([100, 100, 100, 100]);
  });

  it('refuses fewer than two samples', () => {
    expect(() => latinHypercube(three, 1, 0)).toThrow(/samples must be a whole number from 2/);
    expect(() => latinHypercube(three, 2.5, 0)).toThrow(/got 2.5/);
  });
});

describe('morrisDesign', () => {
  it('builds r trajectories that move one factor at a time by ±delta of its range', () => {
    const factors = three.slice(0, 2).concat({ path: 'e', lo: 100, hi: 200 });
    const k = factors.length;
    for (const levels of [2, 4, 6]) {
      const d = morrisDesign(factors, 25, levels, 5);
      if (d.kind !== 'morris') throw new Error('kind');
      const delta = levels / (2 * (levels - 1));
      expect(d.meta.delta).toBe(delta);
      expect(d.points.length).toBe(25 * (k + 1));
      for (let t = 0; t < 25; t++) {
        const moved = new Set<number>();
        for (let s = 0; s < k; s++) {
          const p0 = d.points[t * (k + 1) + s];
          const p1 = d.points[t * (k + 1) + s + 1];
          const diff = factors.filter((f) => p0[f.path] !== p1[f.path]);
          expect(diff.length).toBe(1);
          const f = diff[0];
          expect(factors.indexOf(f)).toBe(d.meta.changed[t * k + s]);
          expect(Math.abs(p1[f.path] - p0[f.path]) / (f.hi - f.lo)).toBeCloseTo(delta, 12);
          moved.add(factors.indexOf(f));
        }
        expect(moved.size).toBe(k);
      }
      // Every value sits on one of the p levels of its factor's range.
      for (const p of d.points) {
        for (const f of factors) {
          const level = ((p[f.path] - f.lo) / (f.hi - f.lo)) * (levels - 1);
          expect(Math.abs(level - Math.round(level))).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('rounds int factors, is determined by its seed, and refuses odd levels', () => {
    const d = morrisDesign(three, 10, 4, 1);
    expect(d.points.every((p) => Number.isInteger(p.d) && p.d >= 1 && p.d <= 12)).toBe(true);
    expect(morrisDesign(three, 10, 4, 1)).toEqual(d);
    expect(morrisDesign(three, 10, 4, 2).points).not.toEqual(d.points);
    expect(() => morrisDesign(three, 10, 5, 1)).toThrow(/levels must be an even whole number .*got 5/);
    expect(() => morrisDesign(three, 1, 4, 1)).toThrow(/trajectories must be a whole number from 2/);
  });
});

describe('sobolDesign', () => {
  it('lays out A, AB_1..AB_k, B per base row, AB_i being A with column i from B', () => {
    const n = 64;
    const k = three.length;
    const d = sobolDesign(three, n, 11);
    expect(d.points.length).toBe(n * (k + 2));
    for (let j = 0; j < n; j++) {
      const block = d.points.slice(j * (k + 2), (j + 1) * (k + 2));
      const a = block[0];
      const b = block[k + 1];
      for (let i = 0; i < k; i++) {
        for (let c = 0; c < k; c++) {
          const path = three[c].path;
          expect(block[1 + i][path]).toBe(c === i ? b[path] : a[path]);
        }
      }
      for (const f of three) {
        expect(a[f.path]).toBeGreaterThanOrEqual(f.lo);
        expect(a[f.path]).toBeLessThanOrEqual(f.hi);
      }
      expect(Number.isInteger(a.d) && Number.isInteger(b.d)).toBe(true);
    }
  });

  it('is determined by its seed, and a smaller N is a prefix of a larger one', () => {
    const small = sobolDesign(three, 16, 4).points;
    expect(sobolDesign(three, 32, 4).points.slice(0, small.length)).toEqual(small);
    expect(sobolDesign(three, 16, 5).points).not.toEqual(small);
    expect(() => sobolDesign(three, 1, 4)).toThrow(/N \(base samples\) must be a whole number from 2/);
  });

  it('builds 10,000-point designs of the sizes asked for, every point inside its factor ranges', () => {
    const designs = [
      latinHypercube(three, 10_000, 1).points,
      morrisDesign(three, 2_500, 4, 1).points,
      sobolDesign(three, 2_000, 1).points,
    ];
    expect(designs.map((d) => d.length)).toEqual([10_000, 2_500 * (three.length + 1), 2_000 * (three.length + 2)]);
    const outside = designs.flat().flatMap((p) => three.filter((f) => !((p[f.path] as number) >= f.lo && (p[f.path] as number) <= f.hi)).map((f) => `${f.path}=${p[f.path]}`));
    expect(outside).toEqual([]);
    expect(gridDesign([
      { path: 'x', lo: 0, hi: 99, step: 1 },
      { path: 'y', lo: 0, hi: 9.9, step: 0.1 },
    ]).points).toHaveLength(10_000);
  });
});

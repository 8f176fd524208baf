/**
 * PRIM against boxes known in advance: one worked by hand step by step, and boxes planted in
 * random data (the rule must name the planted inputs and thresholds, in both languages).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, formatBound, prim, ruleText, type PrimData } from '../../src/experiment/prim.ts';

const LABELS = {
  vol: { en: 'market volatility', id: 'gejolak pasar' },
  skill: { en: 'starting business skill', id: 'keterampilan usaha awal' },
  size: { en: 'group size', id: 'besar kelompok' },
  noise: { en: 'noise', id: 'derau' },
};

/** n points uniform on [0, 1]^4 (seeded), a case when `inBox`. */
function planted(n: number, seed: string, inBox: (x: number[]) => boolean, flip = 0): PrimData {
  const rng = seedrandom.alea(seed);
  const names = ['vol', 'skill', 'size', 'noise'];
  const x = names.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = names.map((_, d) => (x[d][i] = rng()));
    y[i] = inBox(p) ? 1 : 0;
    if (rng() < flip) y[i] = 1 - y[i];
  }
  return { names, x, y, limits: names.map(() => [0, 1] as [number, number]) };
}

/** The number after `word` in a text ("above 0.602" → 0.602; Indonesian decimal comma). */
function numberAfter(text: string, word: string): number {
  const m = new RegExp(`${word} (-?[0-9]+(?:[.,][0-9]+)?)`).exec(text);
  if (!m) throw new Error(`no "${word} N" in: ${text}`);
  return Number(m[1].replace(',', '.'));
}

describe('PRIM', () => {
  it('follows a peeling worked by hand to the known box x ≥ 15', () => {
    // x = 1..20, cases x ≥ 15; α = 0.1. Each step peels the low end (the high end holds the cases):
    // 20 points → keep x ≥ 3 (18) → ≥ 5 (16) → ≥ 7 (14) → then one point a step (α·m rounds to 1)
    // → ≥ 8, 9, …, 15: six points, all cases.
    const x = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const y = Uint8Array.from(x, (v) => (v >= 15 ? 1 : 0));
    const r = prim({ names: ['x'], x: [x], y }, { alpha: 0.1, threshold: 0.9, maxBoxes: 1 });
    const t = r.boxes[0].trajectory;
    expect(t.slice(0, 12).map((s) => Math.round(s.mass * 20))).toEqual([20, 18, 16, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(t.slice(0, 12).map((s) => s.density)).toEqual([20, 18, 16, 14, 13, 12, 11, 10, 9, 8, 7, 6].map((m) => 6 / m));
    const box = r.boxes[0];
    expect(box.rule).toMatchObject([{ name: 'x', lo: 15, hi: null }]);
    // Without the restriction the density is 6/20: six cases in six points has chance 0.3^6.
    expect(box.rule[0].quasiP).toBeCloseTo(0.3 ** 6, 12);
    expect([box.coverage, box.density, box.points, box.cases]).toEqual([1, 1, 6, 6]);
    expect(box.chosenStep).toBe(11);
  });

  it('finds a planted two-input box: coverage and density at least 0.9, the right inputs and thresholds in both languages', () => {
    const data = planted(2000, 'planted-1', ([vol, skill]) => vol > 0.6 && skill < 0.35);
    const r = prim(data, { threshold: 0.9 });
    const box = r.boxes[0];
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.rule.map((q) => q.name)).toEqual(['vol', 'skill']);
    const en = ruleText(box.rule, LABELS, 'en');
    const id = ruleText(box.rule, LABELS, 'id');
    expect(en).toMatch(/^market volatility above [0-9.]+ and starting business skill below [0-9.]+$/);
    expect(id).toMatch(/^gejolak pasar di atas [0-9,]+ dan keterampilan usaha awal di bawah [0-9,]+$/);
    for (const text of [en, id]) {
      expect(Math.abs(numberAfter(text, text === en ? 'above' : 'di atas') - 0.6)).toBeLessThan(0.03);
      expect(Math.abs(numberAfter(text, text === en ? 'below' : 'di bawah') - 0.35)).toBeLessThan(0.03);
    }
  });

  it('finds a box bounded on both sides of one input, and names it "between"', () => {
    const data = planted(2000, 'planted-2', ([, , size]) => size > 0.3 && size < 0.6);
    const box = prim(data, { threshold: 0.9 }).boxes[0];
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.rule.map((q) => q.name)).toEqual(['size']);
    const en = ruleText(box.rule, LABELS, 'en');
    expect(en).toMatch(/^group size between [0-9.]+ and [0-9.]+$/);
    expect(Math.abs(numberAfter(en, 'between') - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(numberAfter(en, 'and') - 0.6)).toBeLessThan(0.03);
    expect(ruleText(box.rule, LABELS, 'id')).toMatch(/^besar kelompok antara [0-9,]+ dan [0-9,]+$/);
  });

  it('still names the planted inputs when a tenth of the labels are flipped at random', () => {
    const data = planted(2000, 'planted-noisy', ([vol, skill]) => vol > 0.5 && skill < 0.5, 0.1);
    const box = prim(data, { threshold: 0.75 }).boxes[0];
    expect(box.rule.map((q) => q.name)).toEqual(['vol', 'skill']);
    expect(box.density).toBeGreaterThan(0.75);
  });

  it('keeps a trajectory that trades coverage for density: mass falls every step, coverage never rises', () => {
    const data = planted(1000, 'trajectory', ([vol, skill]) => vol > 0.7 || skill > 0.8);
    const t = prim(data).boxes[0].trajectory;
    for (let s = 1; s < t.length; s++) {
      expect(t[s].mass).toBeLessThan(t[s - 1].mass);
      expect(t[s].coverage).toBeLessThanOrEqual(t[s - 1].coverage);
    }
    expect(t[0]).toMatchObject({ coverage: 1, mass: 1, restricted: 0 });
    expect(t[t.length - 1].mass).toBeGreaterThanOrEqual(0.05 - 1e-12);
  });

  it('seeks a second box among the points the first leaves out', () => {
    const data = planted(3000, 'two-boxes', ([vol, skill, size]) => (vol > 0.7 && skill > 0.7) || (size < 0.3 && skill < 0.3));
    const r = prim(data, { threshold: 0.9, maxBoxes: 2 });
    expect(r.boxes).toHaveLength(2);
    const named = r.boxes.map((b) => b.rule.map((q) => q.name).sort().join('+')).sort();
    expect(named).toEqual(['size+skill', 'skill+vol']);
    expect(r.boxes[0].coverage + r.boxes[1].coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic and says the rule of an unrestricted box plainly', () => {
    const data = planted(500, 'same', ([vol]) => vol > 0.5);
    expect(prim(data)).toEqual(prim(data));
    expect(ruleText([], LABELS, 'en')).toBe('in every world');
    expect(ruleText([], LABELS, 'id')).toBe('di semua dunia');
    expect(formatBound(0.60123, 'id')).toBe('0,601');
    expect(formatBound(0.00045678, 'en')).toBe('0.000457');
  });

  it('computes the binomial tail of the quasi-p-values as the sum of the probabilities', () => {
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    for (const [k, n, p] of [[3, 10, 0.2], [0, 5, 0.5], [7, 7, 0.9], [12, 40, 0.35]]) {
      let direct = 0;
      for (let j = k; j <= n; j++) direct += choose(n, j) * p ** j * (1 - p) ** (n - j);
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(direct, 12);
    }
    expect(binomialUpperTail(3, 2, 0.5)).toBe(0);
  });

  it('drops a restriction that is not significant, keeping the one that is', () => {
    // Cases where vol > 0.5, with 15% of the flags flipped: a peel on another input only chases
    // that noise, and must not stay in the rule.
    const data = planted(800, 'drop', ([vol]) => vol > 0.5, 0.15);
    const box = prim(data, { threshold: 0.8 }).boxes[0];
    expect(box.rule.map((q) => q.name)).toEqual(['vol']);
    for (const q of box.rule) expect(q.quasiP).toBeLessThanOrEqual(0.05);
  });

  it('refuses data it cannot use, naming the value', () => {
    expect(() => prim({ names: ['a'], x: [[1, 2]], y: [0, 2] })).toThrow(/y\[1\] is 2; allowed: 0 or 1/);
    expect(() => prim({ names: ['a'], x: [[1, Number.NaN]], y: [0, 1] })).toThrow(/input a of point 1 is NaN/);
    expect(() => prim({ names: ['a'], x: [[1, 2]], y: [0, 1] }, { alpha: 0.9 })).toThrow(/alpha is 0.9; allowed: 0.01 to 0.5/);
  });
});

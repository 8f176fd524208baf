import { describe, expect, it } from 'vitest';
import { exp, log } from '../../src/model/detmath.ts';
import { createStreams, normal } from '../../src/model/random.ts';

describe('deterministic exp and log', () => {
  // Node's V8 computes Math.exp and Math.log with fdlibm too, so the ports must agree exactly.
  it('agree bit for bit with fdlibm (Node) over two million inputs', () => {
    let x = 0.5;
    let differ = 0;
    for (let i = 0; i < 1_000_000; i++) {
      x = ((x * 9301 + 49297) % 233280) / 233280;
      const a = -40 + 80 * x;
      const b = 10 ** (-300 + 600 * x);
      if (exp(a) !== Math.exp(a)) differ++;
      if (log(b) !== Math.log(b)) differ++;
    }
    expect(differ).toBe(0);
  });

  it('handle the edges', () => {
    expect(exp(0)).toBe(1);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Number.NaN)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Number.MIN_VALUE)).toBeCloseTo(-744.44, 2);
    expect(exp(0.5 * log(0.25))).toBeCloseTo(0.5, 15);
  });
});

describe('normal draws', () => {
  it('have mean 0 and sd 1 and the right tails', () => {
    const rng = createStreams(1, 0).market;
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = normal(rng);
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 1.96) beyond2++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.sqrt(sq / n - mean * mean)).toBeCloseTo(1, 1);
    expect(beyond2 / n).toBeCloseTo(0.05, 2);
  });
});

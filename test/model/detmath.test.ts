import { describe, expect, it } from 'vitest';
import { exp, log } from '../../src/model/detmath.ts';
import { createStreams, normal, normalCdf } from '../../src/model/random.ts';

/** fdlibm's results for fixed inputs, as IEEE bit patterns: the port must give exactly these. */
const PINNED: [string, number, string][] = [
  ['exp', -745, '0x0000000000000001'],
  ['exp', -720, '0x0000000993b4dc95'],
  ['exp', -708.5, '0x000e6cf6d08897ac'],
  ['exp', -30.25, '0x3d34835bd010a41b'],
  ['exp', -1, '0x3fd78b56362cef38'],
  ['exp', -0.3, '0x3fe7b4c869c37c05'],
  ['exp', 1e-10, '0x3ff000000006df38'],
  ['exp', 0.5, '0x3ffa61298e1e069c'],
  ['exp', 0.7, '0x40001c2a61268987'],
  ['exp', 1, '0x4005bf0a8b145769'],
  ['exp', 2.5, '0x40285d6fd931e0bb'],
  ['exp', 100, '0x48f3494a9b171bf5'],
  ['exp', 709.7, '0x7fed75ae7a50ee14'],
  ['log', 5e-324, '0xc0874385446d71c3'],
  ['log', 1e-310, '0xc0864e69394d9508'],
  ['log', 1e-200, '0xc07cc845b54b54f2'],
  ['log', 0.001, '0xc01ba18a998fffa0'],
  ['log', 0.25, '0xbff62e42fefa39ef'],
  ['log', 0.7, '0xbfd6d3c324e13f50'],
  ['log', 0.9999999, '0xbe7ad7f2b1049b9f'],
  ['log', 1.0000001, '0x3e7ad7f2847b6492'],
  ['log', 2, '0x3fe62e42fefa39ef'],
  ['log', 10, '0x40026bb1bbb55516'],
  ['log', 12345.678, '0x4022d79559791e31'],
  ['log', 1e300, '0x4085963447f87fb5'],
];

function bits(x: number): string {
  const f = new Float64Array([x]);
  return `0x${new BigUint64Array(f.buffer)[0].toString(16).padStart(16, '0')}`;
}

describe('deterministic exp and log', () => {
  it.each(PINNED)('%s(%d) is exactly fdlibm\'s %s', (fn, x, expected) => {
    expect(bits(fn === 'exp' ? exp(x) : log(x))).toBe(expected);
  });

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

describe('the normal distribution function (its values: test/experiment/stats.test.ts)', () => {
  it('turns normal draws into uniform ones (each tenth of [0, 1] gets a tenth of them)', () => {
    const rng = createStreams(2, 0).market;
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) bins[Math.min(9, Math.floor(10 * normalCdf(normal(rng))))]++;
    // Binomial sd of a bin: √(n·0.1·0.9) ≈ 95; 5 sd is about 0.5% of n.
    for (const b of bins) expect(Math.abs(b / n - 0.1)).toBeLessThan(0.005);
  });
});

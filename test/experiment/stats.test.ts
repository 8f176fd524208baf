import { describe, expect, it } from 'vitest';
import { normalCdf, Z95 } from '../../src/experiment/stats.ts';

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

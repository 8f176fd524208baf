/**
 * Members of one group share part of their founding commitment (docs/MODEL.md §5, step 1): the
 * group means spread more between groups than independent draws would give, by the intraclass
 * correlation `sharedCommitment`, while each member's own spread is kept.
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';

const GROUPS = 600;

/** Initial commitments of GROUPS generated groups of `size` (no hidden agendas, so none is scaled down). */
function founding(size: number, sharedCommitment: number): { groupMeans: number[]; all: number[] } {
  const sc = parseScenario({ group: { size, hiddenAgendaShare: 0 }, constants: { sharedCommitment } });
  const groupMeans: number[] = [];
  const all: number[] = [];
  for (let r = 0; r < GROUPS; r++) {
    const c = Array.from(createRun(sc, { replication: r }).state.commitment);
    all.push(...c);
    groupMeans.push(c.reduce((a, b) => a + b, 0) / c.length);
  }
  return { groupMeans, all };
}

const variance = (x: number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};

describe('shared founding commitment', () => {
  it('spreads the group means of a group of 30 more when members share more of their commitment', () => {
    const low = variance(founding(30, 0.05).groupMeans);
    const high = variance(founding(30, 0.2).groupMeans);
    // Expected sd²·(ρ + (1 − ρ)/n): 0.0225·(0.05 + 0.95/30) ≈ 0.0018 against 0.0225·(0.2 + 0.8/30) ≈ 0.0051
    // (less a little for clipping at 0 and 1). With 600 groups each estimate is within about ±12%.
    expect(high / low).toBeGreaterThan(2);
  });

  it('keeps the members’ spread of commitment about the scenario’s (0.15), whatever is shared', () => {
    for (const icc of [0.05, 0.2]) {
      const sd = Math.sqrt(variance(founding(10, icc).all));
      expect(sd).toBeGreaterThan(0.13);
      expect(sd).toBeLessThan(0.16);
    }
  });
});

/**
 * Members of one group share part of their founding attitudes (docs/MODEL.md §5, step 1): the
 * group means of commitment, and the groups' mixes of dispositions, spread more between groups
 * than independent draws would give, by the intraclass correlation `sharedAttitudes`, while each
 * member's own spread of commitment and chances of each disposition are kept.
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';
import { DISPOSITION } from '../../src/model/state.ts';

const GROUPS = 600;

/** Founding commitments and dispositions of GROUPS generated groups of `size` (no hidden agendas, so none is scaled down). */
function founding(
  size: number,
  sharedAttitudes: number,
  groups = GROUPS,
): { groupMeans: number[]; all: number[]; conditionalShares: number[]; freeRiderShares: number[]; unconditionalShares: number[] } {
  const sc = parseScenario({ group: { size, hiddenAgendaShare: 0 }, constants: { sharedAttitudes } });
  const groupMeans: number[] = [];
  const all: number[] = [];
  const conditionalShares: number[] = [];
  const freeRiderShares: number[] = [];
  const unconditionalShares: number[] = [];
  for (let r = 0; r < groups; r++) {
    const st = createRun(sc, { replication: r }).state;
    const c = Array.from(st.commitment);
    all.push(...c);
    groupMeans.push(c.reduce((a, b) => a + b, 0) / c.length);
    conditionalShares.push(Array.from(st.disposition).filter((d) => d === DISPOSITION.conditional).length / size);
    freeRiderShares.push(Array.from(st.disposition).filter((d) => d === DISPOSITION.freeRider).length / size);
    unconditionalShares.push(Array.from(st.disposition).filter((d) => d === DISPOSITION.unconditional).length / size);
  }
  return { groupMeans, all, conditionalShares, freeRiderShares, unconditionalShares };
}

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: number[]) => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};
const correlation = (x: number[], y: number[]) => {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  for (let i = 0; i < x.length; i++) sxy += (x[i] - mx) * (y[i] - my);
  return sxy / (x.length - 1) / Math.sqrt(variance(x) * variance(y));
};

describe('shared founding attitudes', () => {
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

  it('varies the groups’ share of free riders more when members share more of their willingness to cooperate', () => {
    // Share p = 0.3 (the default): independent members give the share of a group of 30 a variance
    // of p(1 − p)/30 = 0.007; a shared part adds about ρ′·p(1 − p), with ρ′ the members'
    // correlation of both being free riders (about 0.03 at ρ = 0.05, 0.12 at 0.2).
    const low = variance(founding(30, 0.05).freeRiderShares);
    const high = variance(founding(30, 0.2).freeRiderShares);
    expect(high / low).toBeGreaterThan(1.6);
    // A group of 30 with a shared part spreads well beyond the binomial's p(1 − p)/30.
    expect(high).toBeGreaterThan(2 * (0.21 / 30));
  });

  it('makes a whole group more or less willing to cooperate: fewer free riders come with more unconditional contributors', () => {
    // Independent members give the two shares the multinomial's correlation,
    // −√(p_f·p_u / ((1 − p_f)(1 − p_u))) = −√(0.06 / 0.56) ≈ −0.33. Ordered by willingness (free
    // rider, conditional, unconditional), the group's shared part pushes them apart: about −0.63
    // at ρ = 0.05 and −0.76 at 0.2 (600 groups: standard error about 0.03). In any other order
    // (the eleventh calibration's: conditional, free rider, unconditional) a group with more free
    // riders also drew more unconditional contributors (+0.2 at ρ = 0.2).
    const low = founding(30, 0.05);
    const high = founding(30, 0.2);
    const rLow = correlation(low.freeRiderShares, low.unconditionalShares);
    const rHigh = correlation(high.freeRiderShares, high.unconditionalShares);
    expect(rLow).toBeLessThan(-0.45);
    expect(rHigh).toBeLessThan(rLow);
  });

  it('keeps each member’s chances of each disposition the scenario’s, whatever is shared', () => {
    // Both thresholds of the copula: free rider below p_f = 0.3, unconditional above
    // p_f + p_c = 0.8. A copula that forgot √(1 − ρ) (a normal of variance 1 + ρ) would give, at
    // ρ = 0.2, Φ(−0.524/1.095) ≈ 0.316 free riders and 1 − Φ(0.842/1.095) ≈ 0.221 unconditional.
    const d = parseScenario({}).members.dispositions;
    for (const icc of [0.05, 0.2]) {
      const f = founding(10, icc, 2400);
      // 2,400 groups of 10: each mean share's standard error is at most about 0.004 with ρ = 0.2.
      expect(Math.abs(mean(f.freeRiderShares) - d.freeRider)).toBeLessThan(0.01);
      expect(Math.abs(mean(f.unconditionalShares) - d.unconditional)).toBeLessThan(0.01);
      expect(Math.abs(mean(f.conditionalShares) - d.conditional)).toBeLessThan(0.015);
    }
  });
});

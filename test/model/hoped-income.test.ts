/**
 * What the members hope the group pays grows with the grant per family (docs/MODEL.md §7.0, §7.11),
 * and the business's profit is kept apart from what the group pays out (§8.5).
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario, simulate } from '../../src/index.ts';
import { hopedIncome, TEMPTATION_CAP, TYPICAL_STAKE } from '../../src/model/context.ts';
import { resolveConstants } from '../../src/model/constants.ts';
import { commitment } from '../../src/model/processes/commitment.ts';
import { WEEKS_PER_MONTH } from '../../src/model/index.ts';

const k = resolveConstants(undefined);
const scenario = (amount: number, size = 10, incomeAspiration = 150_000) =>
  parseScenario({ group: { size }, members: { incomeAspiration }, intervention: { grant: { amount } } });

describe('hoped income', () => {
  it('is the scenario’s hope at the typical stake, and grows with the grant per family by the temptation elasticity', () => {
    expect(TYPICAL_STAKE * 10).toBe(25_000_000);
    expect(hopedIncome(scenario(25_000_000), k)).toBeCloseTo(150_000, 6);
    // Same money per family in a bigger group: same hope.
    expect(hopedIncome(scenario(75_000_000, 30), k)).toBeCloseTo(150_000, 6);
    expect(hopedIncome(scenario(50_000_000), k)).toBeCloseTo(150_000 * 2 ** k.temptation, 6);
    expect(hopedIncome(scenario(12_500_000), k)).toBeCloseTo(150_000 * 0.5 ** k.temptation, 6);
  });

  it('stays within 1/4 and 4 times the hope, and is the hope itself when the elasticity is 0', () => {
    const one = { ...k, temptation: 1 };
    expect(hopedIncome(scenario(500_000_000, 5), one)).toBe(150_000 * TEMPTATION_CAP);
    const noGrant = scenario(0);
    expect(hopedIncome(noGrant, one)).toBe(150_000 / TEMPTATION_CAP);
    expect(hopedIncome(scenario(100_000), one)).toBe(150_000 / TEMPTATION_CAP);
    const none = { ...k, temptation: 0 };
    expect(hopedIncome(noGrant, none)).toBe(150_000);
    expect(hopedIncome(scenario(500_000_000, 5), none)).toBe(150_000);
    expect(hopedIncome(scenario(50_000_000, 10, 0), one)).toBe(0);
  });

  it('the same pay satisfies members less when their group was given more money per family', () => {
    const sat = (amount: number) => {
      const run = createRun(scenario(amount), { replication: 1 });
      const st = run.state;
      st.optimism = 0;
      for (let i = 0; i < st.n; i++) {
        st.paidThisWeek[i] = 100_000 / WEEKS_PER_MONTH;
        st.incomeAvg[i] = 100_000 / WEEKS_PER_MONTH;
      }
      commitment(st, run.ctx);
      return st.satisfaction[0];
    };
    expect(sat(25_000_000)).toBeCloseTo(100_000 / 150_000, 6);
    expect(sat(50_000_000)).toBeLessThan(sat(25_000_000));
    expect(sat(50_000_000)).toBeCloseTo(100_000 / (150_000 * 2 ** k.temptation), 6);
  });
});

describe('the business’s profit', () => {
  it('is the sum of the weekly sales less costs, per founding member per month, paid out or not', () => {
    const sc = parseScenario({ horizonWeeks: 156 });
    for (let r = 0; r < 20; r++) {
      const run = simulate(sc, { replication: r });
      let sum = 0;
      for (let t = 0; t < run.weeks; t++) sum += run.series.revenue[t] - run.series.costs[t];
      const months = run.weeks / WEEKS_PER_MONTH;
      expect(run.outcome.profitPerMemberMonthly).toBeCloseTo(sum / run.members.length / months, 3);
    }
  });

  it('is more than the group pays out while it keeps a share of its profit (reinvestment, IKS)', () => {
    const sc = parseScenario({ horizonWeeks: 156 });
    let profit = 0;
    let paid = 0;
    for (let r = 0; r < 200; r++) {
      const o = simulate(sc, { replication: r }).outcome;
      profit += o.profitPerMemberMonthly;
      paid += o.incomePerMemberMonthly;
    }
    expect(paid).toBeGreaterThan(0);
    expect(profit).toBeGreaterThan(paid);
  });
});

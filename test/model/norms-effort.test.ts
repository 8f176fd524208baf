/**
 * A KUBE's norms hold free riders to some work without lifting the conditional cooperators
 * directly (docs/MODEL.md §7.7; docs/EVIDENCE.md §9: field sanctions are weaker than the
 * laboratory's punishment).
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';
import { work } from '../../src/model/processes/work.ts';
import { DISPOSITION } from '../../src/model/state.ts';

/**
 * Each member's effort this week in a group of `size`, from the same state, under the given size
 * constants (the loafing exponent is teamIncentive·loafingShare, the share exponent the rest).
 */
function effortAt(
  size: number,
  constants: { teamIncentive: number; loafingShare: number },
  payoutRule: 'equal' | 'byContribution',
  replication: number,
): { effort: Float64Array; disposition: Uint8Array } {
  const run = createRun(parseScenario({ group: { size }, finance: { payoutRule }, constants }), { replication });
  // Clear roles: the chair carries no one's gap, so her effort is a member's like any other.
  run.state.roleClarity = 1;
  work(run.state, run.ctx);
  return { effort: Float64Array.from(run.state.effort), disposition: Uint8Array.from(run.state.disposition) };
}

/** Each member's effort this week, from the same state, under the given norms and meeting rate. */
function effortUnder(disposition: number, norms: number, meetingRate: number, replication: number): Float64Array {
  const run = createRun(parseScenario({}), { replication });
  const st = run.state;
  for (let i = 0; i < st.n; i++) {
    st.disposition[i] = disposition;
    st.hiddenAgenda[i] = 0;
    st.burnout[i] = 0;
  }
  // Clear roles: the chair carries no gap, so the chair's effort is a member's like any other.
  st.roleClarity = 1;
  st.norms = norms;
  st.meetingRate = meetingRate;
  work(st, run.ctx);
  return Float64Array.from(st.effort);
}

describe('norm pressure and effort', () => {
  it('does not change what a conditional cooperator gives: they match what they see', () => {
    for (let r = 0; r < 20; r++) {
      const none = effortUnder(DISPOSITION.conditional, 0, 0, r);
      const full = effortUnder(DISPOSITION.conditional, 1, 1, r);
      expect(Array.from(full)).toEqual(Array.from(none));
    }
  });

  it('holds a free rider to some work, at most 0.2 of their time more per unit of pressure (in a group of ten)', () => {
    let raised = 0;
    for (let r = 0; r < 20; r++) {
      const none = effortUnder(DISPOSITION.freeRider, 0, 0, r);
      const full = effortUnder(DISPOSITION.freeRider, 1, 1, r);
      for (let i = 0; i < none.length; i++) {
        expect(full[i]).toBeGreaterThanOrEqual(none[i]);
        expect(full[i] - none[i]).toBeLessThanOrEqual(0.2 + 1e-12);
        if (full[i] > none[i]) raised++;
      }
    }
    expect(raised).toBeGreaterThan(0);
  });
});

describe('social loafing (docs/MODEL.md §7.7)', () => {
  // Same members, same state: only the strength of loafing differs between the two runs (loafing
  // exponent 0.03 against 0.09; paid by contribution, so the share of the return plays no part).
  // Only conditional and unconditional contributors are counted: loafing reaches them too, not
  // only the free riders whom norm pressure holds to some work.
  const compare = (size: number) => {
    let lower = 0;
    let higher = 0;
    for (let r = 0; r < 20; r++) {
      const weak = effortAt(size, { teamIncentive: 0.12, loafingShare: 0.25 }, 'byContribution', r);
      const strong = effortAt(size, { teamIncentive: 0.12, loafingShare: 0.75 }, 'byContribution', r);
      for (let i = 0; i < size; i++) {
        if (weak.disposition[i] === DISPOSITION.freeRider) continue;
        if (strong.effort[i] < weak.effort[i]) lower++;
        if (strong.effort[i] > weak.effort[i]) higher++;
      }
    }
    return { lower, higher };
  };

  it('in a group of 30, stronger loafing lowers every member\'s effort or leaves it', () => {
    const { lower, higher } = compare(30);
    expect(higher).toBe(0);
    expect(lower).toBeGreaterThan(0);
  });

  it('in a group of five, stronger loafing raises effort: each family\'s part is easier to see', () => {
    const { lower, higher } = compare(5);
    expect(lower).toBe(0);
    expect(higher).toBeGreaterThan(0);
  });

  it('in a group of ten, the size cost changes nothing', () => {
    const { lower, higher } = compare(10);
    expect(lower + higher).toBe(0);
  });
});

describe('each family’s share of the return on its own work (docs/MODEL.md §7.7)', () => {
  /**
   * Members whose effort a stronger response lowered, raised or left, by disposition: share
   * exponent 0.03 against 0.09, with the same loafing exponent, 0.03 (0.06·0.5 and 0.12·0.25
   * are the same double).
   */
  const compare = (size: number, payoutRule: 'equal' | 'byContribution') => {
    const count = { lower: [0, 0, 0], higher: [0, 0, 0], same: [0, 0, 0] };
    for (let r = 0; r < 20; r++) {
      const weak = effortAt(size, { teamIncentive: 0.06, loafingShare: 0.5 }, payoutRule, r);
      const strong = effortAt(size, { teamIncentive: 0.12, loafingShare: 0.25 }, payoutRule, r);
      for (let i = 0; i < size; i++) {
        const d = weak.disposition[i];
        if (strong.effort[i] < weak.effort[i]) count.lower[d]++;
        else if (strong.effort[i] > weak.effort[i]) count.higher[d]++;
        else count.same[d]++;
      }
    }
    return count;
  };

  it('in a group of 30 paying out equally, conditional cooperators and free riders give less; unconditional contributors do not', () => {
    const c = compare(30, 'equal');
    expect(c.higher).toEqual([0, 0, 0]);
    expect(c.lower[DISPOSITION.conditional]).toBeGreaterThan(0);
    expect(c.lower[DISPOSITION.freeRider]).toBeGreaterThan(0);
    expect(c.lower[DISPOSITION.unconditional]).toBe(0);
    expect(c.same[DISPOSITION.unconditional]).toBeGreaterThan(0);
  });

  it('in a group of five, each family keeps more of its return and the same members give more', () => {
    const c = compare(5, 'equal');
    expect(c.lower).toEqual([0, 0, 0]);
    expect(c.higher[DISPOSITION.conditional] + c.higher[DISPOSITION.freeRider]).toBeGreaterThan(0);
  });

  it('paid by contribution, each family earns its own return: the response changes nothing, in a group of 30 or of five', () => {
    for (const size of [30, 5]) {
      const c = compare(size, 'byContribution');
      expect(c.lower.concat(c.higher).every((x) => x === 0)).toBe(true);
    }
  });

  it('in a group of ten, the share response changes nothing', () => {
    const c = compare(10, 'equal');
    expect(c.lower.concat(c.higher).every((x) => x === 0)).toBe(true);
  });
});

describe('the whole incentive loss, however it is split (docs/MODEL.md §7.7)', () => {
  it('paid equally, a conditional cooperator’s or free rider’s effort in a group of 30 depends on teamIncentive only; more of it as loafing lowers unconditional contributors’ effort', () => {
    let uncLower = 0;
    let ccFr = 0;
    for (let r = 0; r < 20; r++) {
      const share = effortAt(30, { teamIncentive: 0.13, loafingShare: 0.25 }, 'equal', r);
      const loaf = effortAt(30, { teamIncentive: 0.13, loafingShare: 0.75 }, 'equal', r);
      const less = effortAt(30, { teamIncentive: 0.05, loafingShare: 0.75 }, 'equal', r);
      for (let i = 0; i < 30; i++) {
        const d = share.disposition[i];
        if (d === DISPOSITION.unconditional) {
          expect(loaf.effort[i]).toBeLessThanOrEqual(share.effort[i]);
          if (loaf.effort[i] < share.effort[i]) uncLower++;
        } else {
          // The same total exponent, split two ways: equal up to rounding.
          expect(Math.abs(loaf.effort[i] - share.effort[i])).toBeLessThanOrEqual(1e-12);
          expect(less.effort[i]).toBeGreaterThanOrEqual(loaf.effort[i]);
          if (less.effort[i] > loaf.effort[i]) ccFr++;
        }
      }
    }
    expect(uncLower).toBeGreaterThan(0);
    expect(ccFr).toBeGreaterThan(0);
  });
});

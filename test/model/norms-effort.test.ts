/**
 * A KUBE's norms hold free riders to some work without lifting the conditional cooperators
 * directly (docs/MODEL.md §7.7; docs/EVIDENCE.md §9: field sanctions are weaker than the
 * laboratory's punishment).
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';
import { work } from '../../src/model/processes/work.ts';
import { DISPOSITION } from '../../src/model/state.ts';

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

  it('holds a free rider to some work, at most 0.2 of their time more per unit of pressure (capped at 1.5)', () => {
    let raised = 0;
    for (let r = 0; r < 20; r++) {
      const none = effortUnder(DISPOSITION.freeRider, 0, 0, r);
      const full = effortUnder(DISPOSITION.freeRider, 1, 1, r);
      for (let i = 0; i < none.length; i++) {
        expect(full[i]).toBeGreaterThanOrEqual(none[i]);
        expect(full[i] - none[i]).toBeLessThanOrEqual(0.2 * 1.5 + 1e-12);
        if (full[i] > none[i]) raised++;
      }
    }
    expect(raised).toBeGreaterThan(0);
  });
});

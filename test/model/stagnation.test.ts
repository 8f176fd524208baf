/**
 * A group stagnates after a quarter in which its members' mean effort stays below the calibrated
 * constant stagnantEffort (docs/MODEL.md §7.13), and work at or above it keeps the group active.
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';
import { fate } from '../../src/model/processes/fate.ts';
import { STATUS } from '../../src/model/state.ts';

/** Status after `weeks` calls of fate with every active member at `effort`, under `stagnantEffort`. */
function statusAfter(effort: number, stagnantEffort: number, weeks: number, replication: number): number {
  const run = createRun(parseScenario({ constants: { stagnantEffort } }), { replication });
  const st = run.state;
  st.capital = st.pendingGrant > 0 ? st.pendingGrant : 25_000_000;
  for (let w = 0; w < weeks; w++) {
    for (let i = 0; i < st.n; i++) st.effort[i] = st.active[i] ? effort : 0;
    fate(st, run.ctx);
    st.week++;
  }
  return st.status;
}

describe('stagnation and stagnantEffort', () => {
  it('a quarter below the level makes a group stagnant; the same work above a lower level does not', () => {
    for (let r = 0; r < 10; r++) {
      expect(statusAfter(0.12, 0.15, 13, r)).toBe(STATUS.stagnant);
      expect(statusAfter(0.12, 0.1, 13, r)).toBe(STATUS.active);
      // Twelve weeks below the level are not yet a quarter.
      expect(statusAfter(0.12, 0.15, 12, r)).toBe(STATUS.active);
    }
  });

  it('more of the default groups are inactive at 3 years when the level is higher', () => {
    const inactive = (stagnantEffort: number): number => {
      const sc = parseScenario({ horizonWeeks: 156, constants: { stagnantEffort } });
      let n = 0;
      for (let r = 0; r < 300; r++) {
        const run = createRun(sc, { replication: r });
        while (run.step());
        if (run.state.status !== STATUS.active) n++;
      }
      return n;
    };
    expect(inactive(0.2)).toBeGreaterThan(inactive(0.05));
  });
});

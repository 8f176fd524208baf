/**
 * Cash first, then the business (docs/MODEL.md §7.8), and the split vote that weighs cash in full
 * and the business's assets at their forced-sale price (§7.6).
 */
import { describe, expect, it } from 'vitest';
import { createRun, parseScenario } from '../../src/index.ts';
import { agenda, RESALE } from '../../src/model/processes/agenda.ts';
import { business, SETTLE_RATE } from '../../src/model/processes/business.ts';
import { STATUS } from '../../src/model/state.ts';

/** A default group in week 0 with its grant in hand, at a meeting, every member at commitment c. */
function groupAt(settled: number, c: number) {
  const run = createRun(parseScenario({}), { replication: 3 });
  const st = run.state;
  st.capital = 25_000_000;
  st.settled = settled;
  st.meetingHeld = 1;
  st.visitsThisWeek = 0;
  st.status = STATUS.active;
  for (let i = 0; i < st.n; i++) {
    st.hiddenAgenda[i] = 0;
    st.commitment[i] = c;
  }
  return run;
}

describe('cash and the split vote', () => {
  it('members who would divide the grant while it is cash keep together once it is turned into the business', () => {
    const probe = groupAt(0, 0);
    const allCash = probe.ctx.k.splitThreshold;
    // Between the threshold at all assets (RESALE of it) and at all cash.
    const c = allCash * (RESALE + 1) / 2;
    const cash = groupAt(0, c);
    agenda(cash.state, cash.ctx);
    expect(cash.state.status).toBe(STATUS.dissolved);
    const settled = groupAt(1, c);
    agenda(settled.state, settled.ctx);
    expect(settled.state.status).toBe(STATUS.active);
  });

  it('the money per member does not sway the vote: a share of the split and of the business grow together', () => {
    // Just above the all-cash threshold: a vote that scaled with the money per member would split
    // at four times the typical stake (with any temptation elasticity above 0.01).
    const c = groupAt(0, 0).ctx.k.splitThreshold * 1.01;
    for (const capital of [25_000_000, 100_000_000]) {
      const run = groupAt(0, c);
      run.state.capital = capital;
      agenda(run.state, run.ctx);
      expect(run.state.status).toBe(STATUS.active);
    }
    const below = groupAt(0, groupAt(0, 0).ctx.k.splitThreshold * 0.99);
    below.state.capital = 100_000_000;
    agenda(below.state, below.ctx);
    expect(below.state.status).toBe(STATUS.dissolved);
  });

  it('a split takes home what the vote counted: the cash in full, the assets at their forced-sale price', () => {
    const run = groupAt(0.6, 0);
    const capital = run.state.capital;
    agenda(run.state, run.ctx);
    expect(run.state.status).toBe(STATUS.dissolved);
    expect(run.state.withdrawals).toBeCloseTo(capital * (0.4 + 0.6 * RESALE), 3);
    expect(run.state.costs).toBeCloseTo(capital * 0.6 * (1 - RESALE), 3);
    expect(run.state.capital).toBe(0);
  });

  it('the vote is counted every week, met or not: meeting more often gives a split no more chances', () => {
    for (const meetingHeld of [0, 1]) {
      const run = groupAt(0, 0);
      run.state.meetingHeld = meetingHeld;
      agenda(run.state, run.ctx);
      expect(run.state.status, `meetingHeld ${meetingHeld}`).toBe(STATUS.dissolved);
    }
    // And with no majority for it, neither a meeting nor its absence brings a split.
    for (const meetingHeld of [0, 1]) {
      const run = groupAt(0, 1);
      run.state.meetingHeld = meetingHeld;
      agenda(run.state, run.ctx);
      expect(run.state.status, `meetingHeld ${meetingHeld}`).toBe(STATUS.active);
    }
  });

  it('a facilitator at the meeting talks the group out of it that week', () => {
    const run = groupAt(0, 0);
    run.state.visitsThisWeek = 1;
    agenda(run.state, run.ctx);
    expect(run.state.status).toBe(STATUS.active);
  });

  it('the business turns SETTLE_RATE of the remaining cash into assets each week', () => {
    const run = groupAt(0.3, 1);
    business(run.state, run.ctx);
    expect(run.state.settled).toBeCloseTo(0.3 + SETTLE_RATE * 0.7, 12);
  });
});

/**
 * Hidden agendas: members who joined for their share of the grant, joined by the disaffected,
 * push to split the capital among members. When they are a majority of the active members at a
 * meeting, or while the group lies stagnant, the capital is divided and the group ends.
 */
import type { RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import { STATUS, type GroupState } from '../state.ts';
import { closeBooks } from './fate.ts';

export function agenda(st: GroupState, _ctx: RunContext): void {
  if (st.capital <= 0 || st.nActive === 0) return;
  if (!st.meetingHeld && st.status !== STATUS.stagnant) return;
  let support = 0;
  for (let i = 0; i < st.n; i++) {
    if (st.active[i] && (st.hiddenAgenda[i] ? st.commitment[i] < 0.5 : st.commitment[i] < 0.3)) support++;
  }
  if (support * 2 <= st.nActive) return;
  splitCapital(st);
}

/**
 * Divide the capital and the IKS fund among the active members; the group dissolves. The split
 * event carries the amount, so the dissolution that follows records nothing more divided.
 */
export function splitCapital(st: GroupState): void {
  const amount = closeBooks(st, 'capitalSplit');
  logEvent(st.events, st.week, EV.capitalSplit, -1, -1, amount);
  logEvent(st.events, st.week, EV.dissolution, -1, st.cause, 0);
}

/**
 * The group's fate: stagnant after a quarter of little business activity (members' mean effort
 * below the calibrated constant stagnantEffort), whether or not the members still meet (a KUBE is
 * inactive when its business stops; revived when work returns); dissolved when too few members
 * remain, when the capital is gone for two months, or after half a year of stagnation. A dissolving group's remaining capital and
 * IKS fund are divided among the members still there.
 */
import type { RunContext } from '../context.ts';
import { DISSOLUTION_CAUSES, EV, logEvent, type DissolutionCause } from '../events.ts';
import { STATUS, type GroupState } from '../state.ts';

export function fate(st: GroupState, ctx: RunContext): void {
  if (st.status === STATUS.dissolved) return;
  let effort = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) effort += st.effort[i];
  const busy = st.nActive > 0 && effort / st.nActive >= ctx.k.stagnantEffort && st.capital > 0;
  st.lowActivityWeeks = busy ? 0 : st.lowActivityWeeks + 1;
  const floor = 0.02 * ctx.sc.intervention.grant.amount;
  st.noCapitalWeeks = st.capital <= floor && st.pendingGrant <= 0 ? st.noCapitalWeeks + 1 : 0;

  if (st.status === STATUS.active && st.lowActivityWeeks >= 13) {
    st.status = STATUS.stagnant;
    st.statusWeek = st.week;
    st.stagnantWeeks = 0;
    logEvent(st.events, st.week, EV.stagnant);
  } else if (st.status === STATUS.stagnant) {
    st.stagnantWeeks++;
    if (busy) {
      st.status = STATUS.active;
      st.statusWeek = st.week;
      logEvent(st.events, st.week, EV.revived);
    }
  }

  if (st.nActive < ctx.sc.group.minMembers) dissolve(st, 'tooFewMembers');
  else if (st.noCapitalWeeks >= 8) dissolve(st, 'capitalGone');
  else if (st.status === STATUS.stagnant && st.stagnantWeeks >= 26) dissolve(st, 'stagnation');
}

export function dissolve(st: GroupState, cause: DissolutionCause): void {
  const divided = closeBooks(st, cause);
  logEvent(st.events, st.week, EV.dissolution, -1, st.cause, divided);
}

/**
 * End the group: the capital and the IKS fund are divided among the members still there (as
 * withdrawals, not income) and the status becomes dissolved. Returns the capital divided.
 */
export function closeBooks(st: GroupState, cause: DissolutionCause): number {
  const divided = st.capital;
  st.withdrawals += divided;
  st.capital = 0;
  st.iksOut += st.iksFund;
  st.iksFund = 0;
  st.status = STATUS.dissolved;
  st.statusWeek = st.week;
  st.cause = DISSOLUTION_CAUSES.indexOf(cause);
  return divided;
}

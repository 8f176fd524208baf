/** Funding: the stimulus grant arrives in equal tranches, the first in week 0. */
import type { RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import type { GroupState } from '../state.ts';

export function funding(st: GroupState, ctx: RunContext): void {
  const g = ctx.sc.intervention.grant;
  if (st.pendingGrant <= 0) return;
  if (st.week % g.trancheIntervalWeeks !== 0 || st.week / g.trancheIntervalWeeks >= g.tranches) return;
  const left = g.tranches - st.week / g.trancheIntervalWeeks;
  const amount = left <= 1 ? st.pendingGrant : g.amount / g.tranches;
  st.pendingGrant -= amount;
  // The grant comes as cash: the share already turned into the business falls.
  if (st.capital + amount > 0) st.settled *= st.capital / (st.capital + amount);
  st.capital += amount;
  st.grantIn += amount;
  st.grantTotal += amount;
  logEvent(st.events, st.week, EV.grant, -1, -1, amount);
}

/**
 * Finance: at a meeting the profit made since the last distribution is split by the group's rule:
 * a share into the IKS social-solidarity fund, a share reinvested (stays in capital), the rest paid
 * to active members, equally or by contribution. The IKS fund helps the neediest member present.
 */
import { clamp01, type RunContext } from '../context.ts';
import { payIks } from '../external.ts';
import type { GroupState } from '../state.ts';

export function finance(st: GroupState, ctx: RunContext): void {
  // Last week's payments are cleared (only a meeting pays).
  if (st.paidLastWeek) for (let i = 0; i < st.n; i++) st.paidThisWeek[i] = 0;
  st.paidLastWeek = st.meetingHeld;
  // Members' own IKS payments, supplied from outside (external.ts); the model's members pay none.
  if (ctx.external) payIks(st, ctx.external);
  if (!st.meetingHeld || st.nActive === 0) return;
  const f = ctx.sc.finance;
  if (st.retainedProfit > 0 && st.capital > 0) {
    const profit = Math.min(st.retainedProfit, st.capital);
    const iks = profit * f.iksShare;
    // Floored at 0: shares that add up to 1 leave −3e-17 in floating point (0.9 + 0.1).
    const paid = profit * Math.max(0, 1 - f.reinvestShare - f.iksShare);
    // All the capital can be profit: the shares' rounding can then leave −3e-8 (floored at 0).
    st.capital = Math.max(0, st.capital - (iks + paid));
    st.iksFund += iks;
    st.iksIn += iks;
    st.retainedProfit = 0;
    distribute(st, paid, f.payoutRule === 'byContribution');
    st.payouts += paid;
  }
  // Solidarity: a quarter of the IKS fund to the neediest member present, if in real need, and
  // not to the same family twice running.
  if (st.iksFund > 0) {
    let needy = -1;
    for (let i = 0; i < st.n; i++) {
      if (i === st.lastAid || !st.attended[i] || st.need[i] <= 0.7) continue;
      if (needy < 0 || st.need[i] > st.need[needy]) needy = i;
    }
    if (needy >= 0) {
      st.lastAid = needy;
      const aid = 0.25 * st.iksFund;
      st.iksFund -= aid;
      st.iksOut += aid;
      st.paidThisWeek[needy] += aid;
      st.income[needy] += aid;
      st.commitment[needy] = clamp01(st.commitment[needy] + 0.03);
    }
  }
}

/** Pay `amount` to the active members, equally or in proportion to their contribution. */
export function distribute(st: GroupState, amount: number, byContribution: boolean): void {
  let weight = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) weight += byContribution ? st.contribution[i] + 1e-9 : 1;
  if (weight <= 0) return;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    const share = (amount * (byContribution ? st.contribution[i] + 1e-9 : 1)) / weight;
    st.paidThisWeek[i] += share;
    st.income[i] += share;
  }
}

/**
 * Commitment: each member's attachment to the group drifts toward what the group gives them:
 * income that meets their aspiration, trust in the others, a peaceful group, fairness (not doing
 * more than others for an equal share). Members who joined for the grant attach less. The grant's
 * promise (optimism) carries members through the first months before income comes.
 */
import { clamp01, WEEKS_PER_MONTH, type RunContext } from '../context.ts';
import type { GroupState } from '../state.ts';

export function commitment(st: GroupState, ctx: RunContext): void {
  const aspiration = ctx.sc.members.incomeAspiration;
  const equalPay = ctx.sc.finance.payoutRule === 'equal';
  st.optimism *= 0.987;
  let mean = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) mean += st.contribution[i];
  mean = st.nActive > 0 ? mean / st.nActive : 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    st.incomeAvg[i] += (st.paidThisWeek[i] - st.incomeAvg[i]) / 13;
    const met = aspiration > 0 ? clamp01((st.incomeAvg[i] * WEEKS_PER_MONTH) / aspiration) : 1;
    st.satisfaction[i] = met > st.optimism ? met : st.optimism;
    const overwork = st.contribution[i] - mean;
    const fairness = 1 - (overwork > 0 ? overwork * (equalPay ? 1.5 : 0.5) : 0);
    let target = 0.4 * st.satisfaction[i] + 0.25 * st.trustOut[i] + 0.2 * (1 - st.conflict) + 0.15 * fairness;
    if (st.hiddenAgenda[i]) target *= 0.8;
    if (st.attended[i]) target += 0.05;
    target -= 0.3 * st.burnout[i];
    st.commitment[i] = clamp01(st.commitment[i] + 0.03 * (target - st.commitment[i]));
  }
  // Unresolved conflict cools slowly on its own.
  st.conflict *= 0.99;
}

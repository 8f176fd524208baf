/**
 * Commitment: each member's attachment to the group drifts toward what the group gives them:
 * income that meets their aspiration, trust in the others, a peaceful group, fairness (not doing
 * more than others for an equal share). Members who joined for the grant attach less. The grant's
 * promise (optimism) carries members through the first months before income comes.
 */
import { clamp01, WEEKS_PER_MONTH, type RunContext } from '../context.ts';
import { HIDDEN_ATTACHMENT } from '../initialize.ts';
import type { GroupState } from '../state.ts';

export function commitment(st: GroupState, ctx: RunContext): void {
  const aspiration = ctx.hoped;
  const toMet = aspiration > 0 ? WEEKS_PER_MONTH / aspiration : 0;
  const overworkWeight = ctx.sc.finance.payoutRule === 'equal' ? 1.5 : 0.5;
  const { active, contribution, incomeAvg, paidThisWeek, satisfaction, trustOut, hiddenAgenda, attended, burnout } = st;
  const com = st.commitment;
  const n = st.n;
  const optimism = (st.optimism *= 0.987);
  const peace = 0.2 * (1 - st.conflict);
  const mean = st.meanContribution;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    const avg = (incomeAvg[i] += (paidThisWeek[i] - incomeAvg[i]) * (1 / 13));
    let met = aspiration > 0 ? avg * toMet : 1;
    if (met > 1) met = 1;
    // The grant's promise fills part of the gap that income leaves.
    const sat = (satisfaction[i] = met + (1 - met) * optimism);
    const overwork = contribution[i] - mean;
    const fairness = 1 - (overwork > 0 ? overwork * overworkWeight : 0);
    let target = 0.4 * sat + 0.25 * trustOut[i] + peace + 0.15 * fairness;
    if (hiddenAgenda[i]) target *= HIDDEN_ATTACHMENT;
    if (attended[i]) target += 0.05;
    target -= 0.3 * burnout[i];
    com[i] = clamp01(com[i] + 0.03 * (target - com[i]));
  }
  // Unresolved conflict cools slowly on its own.
  st.conflict *= 0.99;
}

/**
 * Hidden agendas: members who joined for their share of the grant, joined by the disaffected,
 * push to split the capital among members. The pull grows with how much of it is still cash:
 * livestock or stock sold in a hurry fetch only part of their value, so a group is most likely to
 * divide the grant in its first months, before it is turned into the business (cash leaks, assets
 * stick: Fafchamps et al. 2014). The size of the money per member does not enter: a member's share
 * of the split and her share of the business it would have funded grow together (unlike an
 * officer's theft, whose gain is his alone; misuse.ts). When they are a majority of the active
 * members, in any week, the capital is divided and the group ends: members who want their share
 * press for it whether or not a meeting is held, so meeting more often gives a split no more
 * chances. A facilitator visiting that week talks the group out of it.
 */
import type { RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import type { GroupState } from '../state.ts';
import { closeBooks } from './fate.ts';

/** Share of their value the business's assets fetch when sold in a hurry to divide (assumption). */
export const RESALE = 0.5;

export function agenda(st: GroupState, ctx: RunContext): void {
  if (st.capital <= 0 || st.nActive === 0) return;
  if (st.visitsThisWeek > 0) return;
  // What a member would take home: cash in full, the business's assets at a forced sale's price.
  const divisible = 1 - st.settled + RESALE * st.settled;
  const others = ctx.k.splitThreshold * divisible;
  const hidden = (5 / 3) * others;
  let support = 0;
  for (let i = 0; i < st.n; i++) {
    if (st.active[i] && st.commitment[i] < (st.hiddenAgenda[i] ? hidden : others)) support++;
  }
  if (support * 2 <= st.nActive) return;
  splitCapital(st);
}

/**
 * Divide the capital and the IKS fund among the active members; the group dissolves. The
 * business's assets are sold in a hurry, at RESALE of their value (the price the vote counted):
 * the rest is lost, booked as a cost. The split event carries the amount divided, so the
 * dissolution that follows records nothing more.
 */
export function splitCapital(st: GroupState): void {
  const lost = st.capital * st.settled * (1 - RESALE);
  st.capital -= lost;
  st.costs += lost;
  const amount = closeBooks(st, 'capitalSplit');
  logEvent(st.events, st.week, EV.capitalSplit, -1, -1, amount);
  logEvent(st.events, st.week, EV.dissolution, -1, st.cause, 0);
}

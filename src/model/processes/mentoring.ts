/**
 * Mentoring: the facilitator (pendamping) visits on a regular rhythm for the programme's months.
 * Each visit spends its organising share on goals, roles, bookkeeping, norms, conflict mediation
 * and an audit, and the rest on entrepreneurship (members' skill, market access). Every effect
 * closes a fraction of the remaining gap, so each extra visit buys less than the one before.
 */
import { clamp01, WEEKS_PER_MONTH, type RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import type { GroupState } from '../state.ts';
import { mediate } from './trust.ts';

export function mentoring(st: GroupState, ctx: RunContext): void {
  st.visitsThisWeek = 0;
  st.audit *= 0.9;
  const m = ctx.sc.intervention.mentoring;
  if (st.week >= ctx.mentoringWeeks || m.visitsPerMonth <= 0) return;
  st.mentorAcc += m.visitsPerMonth / WEEKS_PER_MONTH;
  while (st.mentorAcc >= 1) {
    st.mentorAcc -= 1;
    visit(st, m.quality, m.organisingShare);
    st.visitsThisWeek++;
    st.mentorVisits++;
    logEvent(st.events, st.week, EV.mentorVisit);
  }
}

/** One visit's effects; exported so trainer mode can inject a visit. */
export function visit(st: GroupState, quality: number, organisingShare: number): void {
  const org = quality * organisingShare;
  const ent = quality * (1 - organisingShare);
  st.goalClarity += 0.12 * org * (1 - st.goalClarity);
  st.roleClarity += 0.12 * org * (1 - st.roleClarity);
  st.bookkeeping += 0.12 * org * (1 - st.bookkeeping);
  st.norms += 0.08 * org * (1 - st.norms);
  st.conflict *= 1 - 0.5 * org;
  mediate(st, 0.3 * org);
  if (org > st.audit) st.audit = org;
  st.marketAccess += 0.05 * ent * (1 - st.marketAccess);
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    st.skill[i] += 0.04 * ent * (1 - st.skill[i]);
    // Social motivation, whatever the focus.
    st.commitment[i] = clamp01(st.commitment[i] + 0.015 * quality * (1 - st.commitment[i]));
  }
}

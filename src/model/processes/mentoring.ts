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

/** Norms move two thirds as fast as goals, roles and books under organising (assumption). */
const NORMS_PER_ORGANISING = 2 / 3;
/** Visits after which a visit has half the weight of the first. */
const NOVELTY_VISITS = 12;

export function mentoring(st: GroupState, ctx: RunContext): void {
  st.visitsThisWeek = 0;
  st.audit *= 0.9;
  const m = ctx.sc.intervention.mentoring;
  if (st.week >= ctx.mentoringWeeks || m.visitsPerMonth <= 0) return;
  st.mentorAcc += m.visitsPerMonth / WEEKS_PER_MONTH;
  while (st.mentorAcc >= 1) {
    st.mentorAcc -= 1;
    visit(st, ctx, m.quality, m.organisingShare);
    st.visitsThisWeek++;
    st.mentorVisits++;
    logEvent(st.events, st.week, EV.mentorVisit);
  }
}

/** One visit's effects; exported so trainer mode can inject a visit. */
export function visit(st: GroupState, ctx: RunContext, quality: number, organisingShare: number): void {
  const { organising, businessMentoring } = ctx.k;
  // The first visits teach the most; later ones go over the same ground (the twelfth visit has
  // half the weight of the first).
  const fresh = 1 / (1 + st.mentorVisits / NOVELTY_VISITS);
  const org = quality * organisingShare * fresh;
  const ent = quality * (1 - organisingShare) * fresh;
  st.goalClarity += organising * org * (1 - st.goalClarity);
  st.roleClarity += organising * org * (1 - st.roleClarity);
  st.bookkeeping += organising * org * (1 - st.bookkeeping);
  st.norms += NORMS_PER_ORGANISING * organising * org * (1 - st.norms);
  st.conflict *= 1 - 0.5 * org;
  mediate(st, 0.3 * org);
  if (org > st.audit) st.audit = org;
  st.marketAccess += businessMentoring * ent * (1 - st.marketAccess);
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    st.skill[i] += businessMentoring * ent * (1 - st.skill[i]);
    // Social motivation, whatever the focus.
    st.commitment[i] = clamp01(st.commitment[i] + 0.015 * quality * fresh * (1 - st.commitment[i]));
  }
}

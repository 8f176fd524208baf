/**
 * Meetings: held on the group's schedule if the chair organises them (or the facilitator convenes
 * the group). Attendance depends on commitment, trust and need, and falls as meetings come more
 * often than monthly (they cost working time); a meeting needs half the active members. It shares skill, makes
 * contributions visible (see trust), reinforces goals, roles and norms, and airs conflict.
 */
import { clamp01, type RunContext } from '../context.ts';
import { yesNo } from '../external.ts';
import type { GroupState } from '../state.ts';
import { mediate } from './trust.ts';

export function meeting(st: GroupState, ctx: RunContext): void {
  const rng = ctx.rng.meeting;
  const scheduled = st.week % ctx.sc.group.meetingIntervalWeeks === 0;
  // Last week's attendance is cleared (only a meeting sets it).
  if (st.meetingHeld) for (let i = 0; i < st.n; i++) st.attended[i] = 0;
  st.meetingHeld = 0;
  // Time a meeting costs a needy family: nothing at monthly meetings, meetingCost at weekly ones.
  const often = (4 / ctx.sc.group.meetingIntervalWeeks - 1) / 3;
  const cost = often > 0 ? ctx.k.meetingCost * often : 0;
  let p = 0;
  if (scheduled) {
    const c = st.chair;
    const drive = c >= 0 ? st.leadership[c] * (0.4 + 0.6 * st.commitment[c]) * (1 - 0.5 * st.burnout[c]) : 0;
    p = 0.1 + 0.55 * drive + 0.2 * st.meetingRate + 0.15 * st.roleClarity;
  }
  // A facilitator's visit on organising brings the members together, scheduled or not; one on
  // the business mostly advises the families at their work (half as likely to convene them).
  if (st.visitsThisWeek > 0) p = Math.max(p, 0.85 * (0.5 + 0.5 * ctx.sc.intervention.mentoring.organisingShare));
  const occasion = scheduled || st.visitsThisWeek > 0;
  let present = 0;
  let topSkill = 0;
  if (p > 0 && rng() < p) {
    for (let i = 0; i < st.n; i++) {
      if (!st.active[i]) continue;
      const pull = st.need[i] * (1 - st.satisfaction[i]);
      const pi = 0.15 + 0.5 * st.commitment[i] + 0.3 * st.trustOut[i] + 0.1 * st.norms - 0.35 * pull - cost * st.need[i];
      // A supplied decision (external.ts) replaces the draw's verdict; the draw is made all the same.
      if (yesNo(ctx.external?.attend, i, rng() < pi)) {
        st.attended[i] = 1;
        present++;
        if (st.skill[i] > topSkill) topSkill = st.skill[i];
      }
    }
  }
  // Without a quorum (half the active members, and at least two) there is no meeting: those who came go home.
  st.meetingHeld = present >= 2 && 2 * present >= st.nActive ? 1 : 0;
  if (!st.meetingHeld && present > 0) {
    for (let i = 0; i < st.n; i++) st.attended[i] = 0;
    present = 0;
  }
  if (occasion) st.meetingRate += 0.15 * (st.meetingHeld - st.meetingRate);

  if (!st.meetingHeld) {
    st.weeksSinceMeeting++;
    // Without meetings, agreements fade toward a low floor.
    st.goalClarity -= 0.006 * (st.goalClarity - 0.1);
    st.roleClarity -= 0.006 * (st.roleClarity - 0.1);
    st.norms -= 0.009 * st.norms;
    return;
  }
  // A meeting renews what has faded since the last one: meetings a week apart each renew less
  // than meetings a month apart (square root of the gap, full at four weeks).
  const gap = st.weeksSinceMeeting + 1;
  const renew = gap < 4 ? Math.sqrt(gap / 4) : 1;
  st.weeksSinceMeeting = 0;
  const share = present / st.nActive;
  st.attendanceRate += 0.2 * (share - st.attendanceRate);
  for (let i = 0; i < st.n; i++) {
    if (st.attended[i]) st.skill[i] += 0.02 * (topSkill - st.skill[i]);
  }
  const s = share * renew;
  st.goalClarity += 0.03 * s * (1 - st.goalClarity);
  st.roleClarity += 0.03 * s * (1 - st.roleClarity);
  st.bookkeeping += 0.01 * s * (1 - st.bookkeeping);
  st.norms += 0.05 * s * st.goalClarity * (1 - st.norms);
  // Grievances aired and settled under an accepted chair.
  const c = st.chair;
  const chairing = c >= 0 && st.active[c] ? st.leadership[c] * st.trustIn[c] : 0;
  st.conflict -= 0.25 * chairing * st.conflict;
  mediate(st, 0.1 * chairing);
  // Norms applied to visible free riding raise friction a little, less among similar members.
  let shirk = 0;
  for (let i = 0; i < st.n; i++) {
    if (st.attended[i] && st.contribution[i] < 0.3) shirk++;
  }
  st.conflict = clamp01(st.conflict + 0.05 * (1.5 - ctx.sc.group.homogeneity) * st.norms * (shirk / present));
}

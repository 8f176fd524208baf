/**
 * Misuse: an officer (chair or treasurer) may take money from the business. The chance grows with
 * low integrity, high need, a private aim and the money within reach (temptation), and shrinks with oversight: bookkeeping, regular
 * meetings and the facilitator's audits. Misuse stays hidden until found; detection breaks trust
 * in the culprit (and some trust in everyone), raises conflict, and removes the culprit from office.
 */
import { clamp01, temptation, TEMPTATION_CAP, type RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import { detectionWithReports, FALSE_ALARM, isSupplied, reports } from '../external.ts';
import { ROLE, type GroupState } from '../state.ts';
import { refreshTrustMeans } from './trust.ts';

/**
 * Taking money looks safe only when the members' next look at the books is far off: the chance
 * grows with the weeks the money would go unseen (the meeting interval, plus the weeks since the
 * last meeting when meetings are missed) and reaches its full size at eight.
 */
const UNSEEN_WEEKS = 8;

export function misuse(st: GroupState, ctx: RunContext): void {
  const rng = ctx.rng.misuse;
  const uChair = rng();
  const uTreasurer = rng();
  const uDetect = rng();
  const oversight = 0.4 * st.bookkeeping + 0.3 * st.meetingRate + 0.3 * st.audit;
  const x = ctx.external;
  // A report of missing money when nothing is missing (external.ts): suspicion without cause.
  if (x && st.misuser < 0) st.conflict = clamp01(st.conflict + FALSE_ALARM * reports(st, x.report, -1));
  if (st.misuser < 0 && st.capital > 0) {
    const interval = ctx.sc.group.meetingIntervalWeeks;
    if (x && (isSupplied(x.take, st.chair) || isSupplied(x.take, st.treasurer))) {
      playedOfficers(st, ctx, x.take, uChair, uTreasurer, oversight, interval);
      return;
    }
    // An officer's chance at the temptation factor's cap of 4 bounds the true chance, so the factor
    // (an exp and a log) is worked out only when a uniform falls under that bound: the draws
    // decide exactly as if it were always worked out.
    const cap = ctx.k.misuseRate * TEMPTATION_CAP;
    if (uChair < chance(st, st.chair, cap, oversight, interval) || uTreasurer < chance(st, st.treasurer, cap, oversight, interval)) {
      const rate = ctx.k.misuseRate * temptation(st, ctx);
      tryTake(st, st.chair, uChair, chance(st, st.chair, rate, oversight, interval));
      if (st.misuser < 0) tryTake(st, st.treasurer, uTreasurer, chance(st, st.treasurer, rate, oversight, interval));
    }
    return;
  }
  if (st.misuser >= 0) {
    const pDetect = 0.01 + st.meetingHeld * (0.05 + 0.25 * st.bookkeeping) + 0.6 * st.audit * (st.visitsThisWeek > 0 ? 1 : 0);
    // Members' reports (external.ts) add their own chance of finding it.
    const p = x ? detectionWithReports(pDetect, reports(st, x.report, st.misuser)) : pDetect;
    if (uDetect < p) detect(st, st.misuser);
  }
}

/**
 * The officers' choice when at least one of them is played (external.ts): a played officer takes
 * money only when the supplied decision says so, an amount set by the officer's own uniform (5–20%
 * of capital); the other decides as the model does. Chair first, as in the model.
 */
function playedOfficers(st: GroupState, ctx: RunContext, take: Int8Array, uChair: number, uTreasurer: number, oversight: number, interval: number): void {
  const rate = ctx.k.misuseRate * temptation(st, ctx);
  for (const [i, u] of [[st.chair, uChair], [st.treasurer, uTreasurer]]) {
    if (st.misuser >= 0 || i < 0 || !st.active[i]) continue;
    if (!isSupplied(take, i)) tryTake(st, i, u, chance(st, i, rate, oversight, interval));
    else if (take[i] === 1) takeMoney(st, i, st.capital * (0.05 + 0.15 * u));
  }
}

/** Officer i's weekly chance to take money at a misuse rate (0 for no active officer). */
function chance(st: GroupState, i: number, rate: number, oversight: number, interval: number): number {
  if (i < 0 || !st.active[i]) return 0;
  const dishonesty = 1 - st.integrity[i];
  const weeks = interval + st.weeksSinceMeeting;
  const unseen = weeks < UNSEEN_WEEKS ? weeks / UNSEEN_WEEKS : 1;
  return rate * unseen * dishonesty * dishonesty * (0.5 + st.need[i]) * (1 - oversight) * (st.hiddenAgenda[i] ? 2 : 1);
}

function tryTake(st: GroupState, i: number, u: number, p: number): void {
  if (!(u < p)) return;
  // The same uniform, rescaled, sets the amount: 5–20% of capital.
  const amount = st.capital * (0.05 + 0.15 * (u / p));
  takeMoney(st, i, amount);
}

/** Member i takes `amount` from the capital, unseen for now. Exported for trainer-mode injection. */
export function takeMoney(st: GroupState, i: number, amount: number): void {
  const a = Math.min(amount, st.capital);
  st.capital -= a;
  st.misuse += a;
  st.misuser = i;
  st.misuseAmount = a;
  st.misuseCommitted++;
  logEvent(st.events, st.week, EV.misuse, i, -1, a);
}

/** The group finds out: trust in the culprit collapses, conflict flares, the office is lost. */
export function detect(st: GroupState, i: number): void {
  const n = st.n;
  for (let a = 0; a < n; a++) {
    if (a === i) continue;
    st.trust[a * n + i] *= 0.3;
    for (let b = 0; b < n; b++) if (b !== a && b !== i) st.trust[a * n + b] *= 0.95;
  }
  refreshTrustMeans(st);
  st.conflict = clamp01(st.conflict + 0.35);
  st.commitment[i] = clamp01(st.commitment[i] - 0.2);
  st.misuseDetected++;
  logEvent(st.events, st.week, EV.misuseDetected, i, -1, st.misuseAmount);
  if (st.chair === i) st.chair = -1;
  if (st.treasurer === i) st.treasurer = -1;
  if (st.secretary === i) st.secretary = -1;
  st.role[i] = ROLE.anggota;
  st.misuser = -1;
  st.misuseAmount = 0;
}

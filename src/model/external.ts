/**
 * Decisions supplied from outside the model, week by week, for chosen members (issue #19: in a
 * workshop a player on a phone decides for a member). A run's context carries one
 * `ExternalDecisions` slot (`ctx.external`), null unless a driver fills it for the coming week; the
 * processes read it at the exact points where the model makes the member's own decision, and
 * everywhere a member is not supplied (the sentinel MODEL_DECIDES) the model decides as always.
 *
 * Common random numbers: a process draws the model's random number for a member even when the
 * member's decision is supplied, so every stream stays aligned with the model's own run of the same
 * scenario and seed, and a played run can be compared with it on the same luck. With `ctx.external`
 * null the model is bit for bit what it was before the slot existed (test/model/external.test.ts).
 * docs/MODEL.md §7.15 lists the decisions and where each enters.
 */
import { clamp01 } from './context.ts';
import type { GroupState } from './state.ts';

/** The model decides for this member (every field's "not supplied"). */
export const MODEL_DECIDES = -1;
/** A supplied vote for nobody. */
export const ABSTAIN = -2;

/** One week's supplied decisions, one entry per member on the roster. */
export interface ExternalDecisions {
  /** Comes to the meeting if one is called: 1 yes, 0 no, MODEL_DECIDES. */
  attend: Int8Array;
  /** Effort put into the business this week, 0–1, or NaN: the model decides. */
  effort: Float64Array;
  /**
   * Paid into the IKS fund from the family's own pocket this week, Rp (0: nothing). The model's
   * own members pay into the fund only through the profit share (finance.ts), so 0 is the model's.
   */
  iksPayment: Float64Array;
  /** Vote for chair: a member's index, ABSTAIN, or MODEL_DECIDES (backs the model's choice). */
  vote: Int16Array;
  /** Reports money missing from the cash: 1 yes; 0 or MODEL_DECIDES no (the model's members report nothing). */
  report: Int8Array;
  /** An officer (chair or treasurer) takes money this week: 1 yes, 0 no, MODEL_DECIDES. */
  take: Int8Array;
}

/** A slot for n members in which the model decides everything. */
export function createExternalDecisions(n: number): ExternalDecisions {
  return {
    attend: new Int8Array(n).fill(MODEL_DECIDES),
    effort: new Float64Array(n).fill(Number.NaN),
    iksPayment: new Float64Array(n),
    vote: new Int16Array(n).fill(MODEL_DECIDES),
    report: new Int8Array(n),
    take: new Int8Array(n).fill(MODEL_DECIDES),
  };
}

/** A yes/no decision: the supplied one for member i, else the model's (drawn by the caller all the same). */
export function yesNo(supplied: Int8Array | undefined, i: number, model: boolean): boolean {
  const v = supplied === undefined || i < 0 ? MODEL_DECIDES : supplied[i];
  return v === MODEL_DECIDES ? model : v === 1;
}

/** Is member i's yes/no decision supplied? */
export function isSupplied(supplied: Int8Array | Float64Array | undefined, i: number): boolean {
  if (supplied === undefined || i < 0) return false;
  const v = supplied[i];
  return supplied instanceof Float64Array ? !Number.isNaN(v) : v !== MODEL_DECIDES;
}

/** Member i's effort: the supplied share (clamped to 0–1), else the model's. */
export function effortOf(supplied: Float64Array | undefined, i: number, model: number): number {
  const v = supplied === undefined ? Number.NaN : supplied[i];
  return Number.isNaN(v) ? model : clamp01(v);
}

/** Members' own payments into the IKS fund this week (active members only), counted in `iksPaid`. */
export function payIks(st: GroupState, x: ExternalDecisions): void {
  for (let i = 0; i < st.n; i++) {
    const p = x.iksPayment[i];
    if (!(p > 0) || !st.active[i]) continue;
    st.iksFund += p;
    st.iksPaid += p;
  }
}

/**
 * A motion of no confidence: more than half of the members at the meeting vote (supplied votes)
 * for someone other than the sitting chair. The model's own members back the sitting chair.
 */
export function noConfidence(st: GroupState, vote: Int16Array): boolean {
  let present = 0;
  let against = 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i] || !st.attended[i]) continue;
    present++;
    const v = vote[i];
    if (v >= 0 && v !== st.chair && v < st.n && st.active[v]) against++;
  }
  return 2 * against > present;
}

/**
 * The chair the meeting elects: every member present votes, a supplied vote as given, the model's
 * own members for the model's choice `pick`; most votes wins, a tie goes to `pick` (else to the
 * lowest index). Without a vote cast, `pick`.
 */
export function elect(st: GroupState, vote: Int16Array, pick: number): number {
  const tally = new Int32Array(st.n);
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i] || !st.attended[i]) continue;
    const v = vote[i] === MODEL_DECIDES ? pick : vote[i];
    if (v >= 0 && v < st.n && st.active[v]) tally[v]++;
  }
  let best = pick;
  for (let j = 0; j < st.n; j++) if (tally[j] > (best >= 0 ? tally[best] : 0)) best = j;
  return best;
}

/** Chance that one member's report of missing money leads the group to find it (if money is missing). */
export const REPORT_FINDS = 0.5;
/** Conflict one report adds when nothing is missing (suspicion without cause). */
export const FALSE_ALARM = 0.03;

/** Members (other than `culprit`) who report money missing this week. */
export function reports(st: GroupState, report: Int8Array, culprit: number): number {
  let k = 0;
  for (let i = 0; i < st.n; i++) if (report[i] === 1 && st.active[i] && i !== culprit) k++;
  return k;
}

/** The chance the group finds hidden misuse when k members report it: each report finds it with REPORT_FINDS. */
export function detectionWithReports(p: number, k: number): number {
  if (k <= 0) return p;
  let missed = 1 - clamp01(p);
  for (let j = 0; j < k; j++) missed *= 1 - REPORT_FINDS;
  return 1 - missed;
}

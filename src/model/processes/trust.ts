/**
 * Trust: each member watches the others' contributions, fully when both were at a meeting, dimly
 * otherwise. Trust is revised at each meeting, and at least every four weeks, from the average
 * effort seen since the last revision (what was seen in passing counts once per week elapsed).
 * Seeing someone do at least a fair share builds trust slowly; seeing them fall short destroys it
 * about 2.5 times faster (the asymmetry of trust: Slovic 1993). Shared meetings add a
 * little; mediation pulls low trust back toward the middle. Refreshes each member's mean trust in
 * and out, which other processes read.
 */
import type { RunContext } from '../context.ts';
import type { GroupState } from '../state.ts';

const BUILD = 0.02;
const BREAK = 0.05;
/** Outside meetings members see each other's work only dimly (daily village contact), per week. */
const DIM = 0.15;
/** Trust is revised at every meeting and, without one, every four weeks from what was seen. */
const REVISE_WEEKS = 4;

export function trust(st: GroupState, ctx: RunContext): void {
  const n = st.n;
  const act = st.active;
  const seenSum = st.effortSeen;
  for (let i = 0; i < n; i++) if (act[i]) seenSum[i] += st.effort[i];
  const weeks = ++st.trustWeeks;
  if (!st.meetingHeld && weeks < REVISE_WEEKS) return;
  // What each member did on average since trust was last revised.
  for (let i = 0; i < n; i++) seenSum[i] /= weeks;
  revise(st, seenSum, Math.min(1, DIM * weeks), BUILD * (0.5 + ctx.sc.group.homogeneity), st.mediation);
  st.mediation = 0;
  seenSum.fill(0);
  st.trustWeeks = 0;
}

/**
 * One revision of every pair's trust from the average efforts `eff`. `dim` is the weight of what
 * was seen in passing; a shared meeting gives full sight (weight 1). Pending mediation is
 * applied first.
 */
function revise(st: GroupState, eff: Float64Array, dim: number, build: number, mediation: number): void {
  const n = st.n;
  const others = st.nActive - 1;
  const t = st.trust;
  const att = st.attended;
  const tIn = st.trustIn;
  const tOut = st.trustOut;
  const order = sortActiveBy(st, eff);
  const m = st.nActive;
  st.pairUpdates += m * (m - 1);
  for (let j = 0; j < n; j++) {
    tIn[j] = 0;
    tOut[j] = 0;
  }
  for (let a = 0; a < m; a++) {
    const i = order[a];
    const fair = eff[i] * 0.8 > 0.3 ? eff[i] * 0.8 : 0.3;
    const ai = att[i];
    const row = i * n;
    // Members in `order` below `split` fell short of i's idea of a fair share; the rest did not.
    // Two straight loops instead of one unpredictable branch per pair.
    let split = 0;
    while (split < m && eff[order[split]] < fair) split++;
    let out = 0;
    for (let q = 0; q < split; q++) {
      const j = order[q];
      if (j === i) continue;
      const both = ai & att[j];
      // Branch-free forms (max(g, 0) = (g + |g|)/2): which pairs fall short or sit below 0.5 is
      // unpredictable, and mispredicted branches cost more than the arithmetic.
      const over = 1 - 3 * (fair - eff[j]);
      const short = 1 - 0.5 * (over + Math.abs(over)); // min(3 × shortfall, 1)
      let x = t[row + j];
      const gap = 0.5 - x;
      x += mediation * 0.5 * (gap + Math.abs(gap));
      x -= (dim + (1 - dim) * both) * BREAK * short * x;
      x += 0.01 * both * (1 - x);
      t[row + j] = x;
      out += x;
      tIn[j] += x;
    }
    for (let q = split; q < m; q++) {
      const j = order[q];
      if (j === i) continue;
      const both = ai & att[j];
      let x = t[row + j];
      const gap = 0.5 - x;
      x += mediation * 0.5 * (gap + Math.abs(gap));
      x += (dim + (1 - dim) * both) * build * (1 - x);
      x += 0.01 * both * (1 - x);
      t[row + j] = x;
      out += x;
      tIn[j] += x;
    }
    tOut[i] = others > 0 ? out / others : 0;
  }
  if (others > 0) for (let j = 0; j < n; j++) tIn[j] /= others;
  setMeanTrust(st);
}

/** The mean of the active members' trust in the others. */
function setMeanTrust(st: GroupState): void {
  let s = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) s += st.trustOut[i];
  st.meanTrust = st.nActive > 0 ? s / st.nActive : 0;
}

/** Active members' indices sorted by `eff`, ascending (insertion sort, stable). */
function sortActiveBy(st: GroupState, eff: Float64Array): Int32Array {
  const order = st.order;
  let m = 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    const e = eff[i];
    let k = m++;
    while (k > 0 && eff[order[k - 1]] > e) {
      order[k] = order[k - 1];
      k--;
    }
    order[k] = i;
  }
  return order;
}

/** Mean trust each active member holds in and receives from the other active members. */
export function refreshTrustMeans(st: GroupState): void {
  const n = st.n;
  const t = st.trust;
  const others = st.nActive - 1;
  for (let i = 0; i < n; i++) {
    st.trustIn[i] = 0;
    st.trustOut[i] = 0;
  }
  if (others <= 0) {
    st.meanTrust = 0;
    return;
  }
  for (let i = 0; i < n; i++) {
    if (!st.active[i]) continue;
    const row = i * n;
    let out = 0;
    for (let j = 0; j < n; j++) {
      if (j === i || !st.active[j]) continue;
      out += t[row + j];
      st.trustIn[j] += t[row + j];
    }
    st.trustOut[i] = out / others;
  }
  for (let j = 0; j < n; j++) st.trustIn[j] /= others;
  setMeanTrust(st);
}

/**
 * Mediation: every pair below 0.5 is to move `strength` of the way back toward 0.5. It is
 * carried out at the next trust revision (the same week when the group meets); mediations in
 * between compound: 1 − (1 − a)(1 − b).
 */
export function mediate(st: GroupState, strength: number): void {
  if (strength > 0) st.mediation = 1 - (1 - st.mediation) * (1 - strength);
}

/**
 * Trust: each member watches the others' contributions, fully when both were at a meeting, dimly
 * otherwise. Seeing someone do at least a fair share builds trust slowly; seeing them fall short
 * destroys it about 2.5 times faster (the asymmetry of trust: Slovic 1993). Shared meetings add a
 * little; mediation pulls low trust back toward the middle. Refreshes each member's mean trust in
 * and out, which other processes read.
 */
import type { RunContext } from '../context.ts';
import type { GroupState } from '../state.ts';

const BUILD = 0.02;
const BREAK = 0.05;

export function trust(st: GroupState, ctx: RunContext): void {
  const n = st.n;
  const t = st.trust;
  const speed = 0.5 + ctx.sc.group.homogeneity;
  const up = BUILD * speed;
  for (let i = 0; i < n; i++) {
    if (!st.active[i]) continue;
    const fair = Math.max(0.3, 0.8 * st.effort[i]);
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i || !st.active[j]) continue;
      const both = st.attended[i] & st.attended[j];
      const seen = both ? 1 : 0.15;
      const d = st.effort[j] - fair;
      let x = t[row + j];
      if (d >= 0) x += seen * up * (1 - x);
      else x -= seen * BREAK * Math.min(1, -3 * d) * x;
      if (both) x += 0.01 * (1 - x);
      t[row + j] = x;
    }
  }
  refreshTrustMeans(st);
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
  if (others <= 0) return;
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
}

/** Mediation: every pair below 0.5 moves `strength` of the way back toward 0.5. */
export function mediate(st: GroupState, strength: number): void {
  if (strength <= 0) return;
  const t = st.trust;
  for (let k = 0; k < t.length; k++) {
    if (t[k] < 0.5) t[k] += strength * (0.5 - t[k]);
  }
}

/**
 * Work: each member's effort this week. Unconditional contributors give much; conditional
 * cooperators match what they expect of the others, but less than fully (imperfect conditional
 * cooperation, Fischbacher & Gächter 2010), so contributions sag unless norms press; free
 * riders give little unless the group's norms press them. Commitment scales effort, unmet need
 * pulls it away, burnout erodes it. Where roles are unclear the chair carries the gap.
 */
import { clamp01, type RunContext } from '../context.ts';
import { DISPOSITION, type GroupState } from '../state.ts';

export function work(st: GroupState, _ctx: RunContext): void {
  let seen = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) seen += st.contribution[i];
  seen = st.nActive > 0 ? seen / st.nActive : 0;
  const pressure = st.norms * (0.3 + 0.7 * st.meetingRate);
  let gap = 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) {
      st.effort[i] = 0;
      continue;
    }
    let base: number;
    const disp = st.disposition[i];
    if (disp === DISPOSITION.unconditional) base = 0.9;
    else if (disp === DISPOSITION.conditional) base = 0.1 + 0.9 * (0.5 * seen + 0.5 * st.trustOut[i]) + 0.3 * pressure;
    else base = 0.1 + 0.5 * pressure;
    if (st.hiddenAgenda[i]) base *= 0.7;
    const pull = 0.25 * st.need[i] * (1 - st.satisfaction[i]);
    const e = clamp01(base * (0.5 + 0.5 * st.commitment[i]) * (1 - 0.5 * st.burnout[i]) - pull);
    st.effort[i] = e;
    gap += 0.6 - e > 0 ? 0.6 - e : 0;
  }
  const c = st.chair;
  if (c >= 0 && st.active[c] && st.nActive > 0) {
    const carry = (1 - st.roleClarity) * Math.min(0.4, gap / st.nActive);
    st.effort[c] = clamp01(st.effort[c] + carry);
    st.burnout[c] = clamp01(st.burnout[c] + 0.05 * carry);
  }
  for (let i = 0; i < st.n; i++) {
    if (st.active[i]) st.contribution[i] += 0.25 * (st.effort[i] - st.contribution[i]);
  }
}

/**
 * Work: each member's effort this week. Unconditional contributors give much; conditional
 * cooperators match what they expect of the others, but less than fully (imperfect conditional
 * cooperation, Fischbacher & Gächter 2010), so contributions sag; free riders give little, a
 * little more where the group's norms press them. A group's norms reach the conditional
 * cooperators only through what they see the others give: the sanctions of a KUBE (a reprimand
 * at the musyawarah, exclusion) are weaker and costlier than a laboratory's punishment
 * (docs/EVIDENCE.md §9), so they hold free riders to some work without lifting the others.
 * Commitment scales effort, unmet need pulls it away, burnout erodes it. Everyone loafs a little
 * more in a bigger group, where one family's part in the joint work is harder to see (social
 * loafing: Latané, Williams & Harkins 1979; Karau & Williams 1993): effort scales by the size
 * factor. And each family keeps only its share, 1 / members, of what its own extra work earns the
 * group, so conditional cooperators and free riders give less in a bigger group (a lower marginal
 * per-capita return: Isaac & Walker 1988; the team's share in Chinese farming, Lin 1992): their
 * effort scales by the share factor. Where roles are unclear the chair carries the gap.
 */
import { clamp01, shareFactor, sizeFactor, type RunContext } from '../context.ts';
import { effortOf, isSupplied } from '../external.ts';
import { DISPOSITION, type GroupState } from '../state.ts';

/**
 * How much a free rider's effort rises under full norm pressure: from 0.1 to 0.3 (assumption
 * within docs/EVIDENCE.md §9: field sanctions halt part of the decay, they do not make a free
 * rider a contributor).
 */
const FREE_RIDER_PRESSURE = 0.2;

export function work(st: GroupState, ctx: RunContext): void {
  const { active, contribution, effort, disposition, trustOut, hiddenAgenda, need, satisfaction, commitment, burnout } = st;
  const n = st.n;
  let seen = 0;
  for (let i = 0; i < n; i++) if (active[i]) seen += contribution[i];
  seen = st.nActive > 0 ? seen / st.nActive : 0;
  const pressure = st.norms * (0.3 + 0.7 * st.meetingRate);
  // Social loafing: each member gives less in a bigger group, more in a smaller one.
  const loafing = sizeFactor(st, ctx);
  // Each family keeps 1 / members of what its own extra work earns: in a bigger group the
  // conditional cooperators and free riders hold back more (unconditional contributors do not).
  const stake = shareFactor(st, ctx);
  let gap = 0;
  for (let i = 0; i < n; i++) {
    if (!active[i]) {
      effort[i] = 0;
      continue;
    }
    let base: number;
    const disp = disposition[i];
    if (disp === DISPOSITION.unconditional) base = 0.9;
    else if (disp === DISPOSITION.conditional) base = stake * (0.1 + 0.9 * (0.5 * seen + 0.5 * trustOut[i]));
    else base = stake * (0.1 + FREE_RIDER_PRESSURE * pressure);
    if (hiddenAgenda[i]) base *= 0.7;
    const pull = 0.25 * need[i] * (1 - satisfaction[i]);
    const e = effortOf(ctx.external?.effort, i, clamp01(loafing * base * (0.5 + 0.5 * commitment[i]) * (1 - 0.5 * burnout[i]) - pull));
    effort[i] = e;
    if (e < 0.6) gap += 0.6 - e;
  }
  const c = st.chair;
  // A chair whose effort is supplied gives what was supplied: carrying the gap is the model's chair's way.
  if (c >= 0 && active[c] && st.nActive > 0 && !isSupplied(ctx.external?.effort, c)) {
    const carry = (1 - st.roleClarity) * Math.min(0.4, gap / st.nActive);
    effort[c] = clamp01(effort[c] + carry);
    burnout[c] = clamp01(burnout[c] + 0.05 * carry);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (active[i]) total += contribution[i] += 0.25 * (effort[i] - contribution[i]);
  }
  st.meanContribution = st.nActive > 0 ? total / st.nActive : 0;
}

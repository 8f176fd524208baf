/**
 * Leadership and roles. Where roles are unclear the work falls on the chair, who burns out. At a
 * meeting the members fill vacant offices and replace a chair who has lost their trust (or whose
 * misuse was found), choosing on ability and the trust the candidate enjoys; once a year they
 * re-elect the chair.
 */
import { clamp01, type RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import { elect, noConfidence } from '../external.ts';
import { bestMember, ROLE, type GroupState } from '../state.ts';

export function leadership(st: GroupState, ctx: RunContext): void {
  const c = st.chair;
  // Out of the chair, the overload wears off. (Only a former chair can carry any: until the
  // chair first changes hands, nobody else has burnout to lose.)
  if (st.leaderChanges > 0 || st.misuseDetected > 0 || st.exits > 0) {
    for (let i = 0; i < st.n; i++) if (i !== c && st.burnout[i] > 0) st.burnout[i] *= 0.95;
  }
  if (c >= 0 && st.active[c]) {
    const load = (1 - st.roleClarity) * (0.5 + 0.5 * st.nActive / st.n);
    st.burnout[c] = clamp01(st.burnout[c] + 0.02 * load - 0.03 * st.roleClarity * st.burnout[c]);
  }
  if (!st.meetingHeld) return;
  const chairOk = c >= 0 && st.active[c] && st.trustIn[c] >= 0.3;
  // At the first meeting a year or more after the last election the members re-elect the chair,
  // who stays unless another member is clearly (20%) preferred. Treasurer and secretary change
  // only when their office falls vacant.
  const yearly = st.week - st.lastElection >= 52;
  if (yearly) st.lastElection = st.week;
  // Supplied votes (external.ts) can call an election and decide it; the model's members vote its choice.
  const votes = ctx.external?.vote;
  if (!chairOk || yearly || (votes !== undefined && noConfidence(st, votes))) {
    const next = candidate(st, -1, -1);
    const keep = chairOk && next >= 0 && score(st, next) <= 1.2 * score(st, c);
    const chosen = keep ? c : next;
    const elected = votes === undefined ? chosen : elect(st, votes, chosen);
    if (elected >= 0 && elected !== c) {
      if (c >= 0 && st.role[c] === ROLE.ketua) st.role[c] = ROLE.anggota;
      vacate(st, elected);
      st.chair = elected;
      st.role[elected] = ROLE.ketua;
      st.burnout[elected] = 0;
      st.leaderChanges++;
      logEvent(st.events, st.week, EV.leaderReplaced, elected, c);
    }
  }
  if (st.treasurer < 0 || !st.active[st.treasurer]) {
    st.treasurer = candidateBy(st, st.integrity, st.chair, st.secretary);
    if (st.treasurer >= 0) st.role[st.treasurer] = ROLE.bendahara;
  }
  if (st.secretary < 0 || !st.active[st.secretary]) {
    st.secretary = candidateBy(st, st.skill, st.chair, st.treasurer);
    if (st.secretary >= 0) st.role[st.secretary] = ROLE.sekretaris;
  }
}

/** Remove member i from any office before they take another. */
export function vacate(st: GroupState, i: number): void {
  if (st.treasurer === i) st.treasurer = -1;
  if (st.secretary === i) st.secretary = -1;
  if (st.chair === i) st.chair = -1;
  st.role[i] = ROLE.anggota;
}

/** How strongly the members back i as chair: ability, the trust i enjoys, i's commitment. */
function score(st: GroupState, i: number): number {
  return st.leadership[i] * (0.3 + st.trustIn[i]) * (0.5 + 0.5 * st.commitment[i]);
}

function candidate(st: GroupState, skipA: number, skipB: number): number {
  return bestMember(st, (i) => score(st, i), skipA, skipB);
}

function candidateBy(st: GroupState, trait: Float64Array, skipA: number, skipB: number): number {
  return bestMember(st, (i) => trait[i] * (0.3 + st.trustIn[i]), skipA, skipB);
}

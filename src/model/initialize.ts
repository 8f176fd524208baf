/**
 * Initialisation: draw the members (or copy the roster), elect the officers by consensus
 * (musyawarah), seed trust from prior acquaintance, apply up-front training.
 */
import { clamp01, type RunContext } from './context.ts';
import { exp } from './detmath.ts';
import { clippedNormal, normal, normalCdf } from './random.ts';
import { DISPOSITIONS, ROLES } from './scenario.ts';
import { allocateState, bestMember, DISPOSITION, ROLE, type GroupState } from './state.ts';

/** Hidden-agenda members' attachment relative to the others' (the same factor as in commitment.ts). */
export const HIDDEN_ATTACHMENT = 0.8;

export function initialize(ctx: RunContext): GroupState {
  const { sc, rng } = ctx;
  const roster = sc.members.roster;
  const n = roster ? roster.length : sc.group.size;
  const st = allocateState(n);
  const r = rng.init;
  // Homogeneity is how alike members are socially (kin, neighbourhood, livelihood): it sets how
  // evenly trust starts and how fast it grows, not the spread of abilities, so it cannot weaken
  // the officers the group elects (v1 narrowed the trait spread, which did).
  const spread = 1.5 - sc.group.homogeneity;
  const m = sc.members;
  const d = m.dispositions;
  const hiddenCount = Math.round(sc.group.hiddenAgendaShare * n);
  // Members of one group are not independent draws: they were recruited together, from one
  // neighbourhood, on one promise. Their founding commitment and their willingness to cooperate
  // each share a group-level part, a share sharedAttitudes of its variance (an intraclass
  // correlation), drawn once for the group before the members.
  const icc = ctx.k.sharedAttitudes;
  const groupShift = roster ? 0 : m.commitment.sd * Math.sqrt(icc) * normal(r);
  const ownSd = m.commitment.sd * Math.sqrt(1 - icc);
  const groupCoop = roster ? 0 : Math.sqrt(icc) * normal(r);
  const ownCoop = Math.sqrt(1 - icc);
  for (let i = 0; i < n; i++) {
    if (roster) {
      const e = roster[i];
      st.skill[i] = e.skill;
      st.commitment[i] = e.commitment;
      st.integrity[i] = e.integrity;
      st.need[i] = e.need;
      st.leadership[i] = e.leadership;
      st.disposition[i] = DISPOSITIONS.indexOf(e.disposition);
      st.hiddenAgenda[i] = e.hiddenAgenda ? 1 : 0;
      st.role[i] = ROLES.indexOf(e.role);
    } else {
      st.skill[i] = clippedNormal(r, m.skill.mean, m.skill.sd);
      st.commitment[i] = clippedNormal(r, m.commitment.mean + groupShift, ownSd);
      st.integrity[i] = clippedNormal(r, m.integrity.mean, m.integrity.sd);
      st.need[i] = clippedNormal(r, m.need.mean, m.need.sd);
      st.leadership[i] = clippedNormal(r, m.leadership.mean, m.leadership.sd);
      // A uniform with the group's share in it (a Gaussian copula): each member's chances of
      // each disposition stay the scenario's, but the mix varies from group to group beyond chance.
      // Read in order of willingness to cooperate (free rider, conditional, unconditional), so a
      // group's shared part makes it more or less cooperative as a whole.
      const u = normalCdf(groupCoop + ownCoop * normal(r));
      st.disposition[i] =
        u < d.freeRider ? DISPOSITION.freeRider : u < d.freeRider + d.conditional ? DISPOSITION.conditional : DISPOSITION.unconditional;
      st.role[i] = ROLE.anggota;
    }
    st.active[i] = 1;
    st.contribution[i] = 0.5;
  }
  st.nActive = n;

  // Trust: prior acquaintance sets the level, heterogeneity the pair-to-pair spread (a uniform
  // spread with sd 0.1 × spread: one draw per pair, no transcendental functions).
  // A roster member's own surveyed trust in the group moves her row (her trust in the others)
  // halfway from that baseline: one self-reported item is noisy, and acquaintance still says how
  // well she knows each of them. Same draws either way, so only the levels differ (§5).
  const base = 0.2 + 0.5 * sc.group.priorAcquaintance;
  const width = 0.1 * spread * Math.sqrt(12);
  for (let i = 0; i < n; i++) {
    const surveyed = roster?.[i].trust;
    const level = surveyed === undefined ? base : 0.5 * (base + surveyed);
    for (let j = 0; j < n; j++) {
      st.trust[i * n + j] = i === j ? 1 : clamp01(level + width * (r() - 0.5));
    }
  }
  if (!roster) {
    // A fixed number of members join for the grant; which ones is luck (a uniform draw without
    // replacement). Drawn last, so groups that differ only in this share start alike otherwise.
    const pool = st.order;
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let k = 0; k < hiddenCount; k++) {
      const pick = k + Math.floor(r() * (n - k));
      const j = pool[pick];
      pool[pick] = pool[k];
      pool[k] = j;
      st.hiddenAgenda[j] = 1;
    }
  }
  // Members who joined for the grant are less attached from the start, as commitment later
  // drifts toward a target lowered by the same factor (§7.11). A roster's surveyed commitment
  // already says how attached each member is, so it is kept as surveyed.
  if (!roster) for (let i = 0; i < n; i++) if (st.hiddenAgenda[i]) st.commitment[i] *= HIDDEN_ATTACHMENT;

  st.goalClarity = sc.group.goalClarity;
  st.roleClarity = sc.group.roleClarity;
  st.bookkeeping = sc.finance.bookkeeping;
  st.norms = 0.5 * sc.group.goalClarity;
  st.marketAccess = sc.business.marketAccess;
  st.optimism = 0.8;
  st.meetingRate = 0.5;
  st.attendanceRate = 0.7;

  // Up-front training saturates: half of the way to full skill after many days.
  const train = 1 - exp(-sc.intervention.trainingDays / 10);
  for (let i = 0; i < n; i++) st.skill[i] += (1 - st.skill[i]) * 0.5 * train;
  // Its group part (goals, roles, books) is an uncertain constant: how much a classroom teaches a
  // group to organise itself is not known (docs/EVIDENCE.md §1).
  const org = ctx.k.trainingOrganising * train;
  st.goalClarity += (1 - st.goalClarity) * org;
  st.roleClarity += (1 - st.roleClarity) * org;
  st.bookkeeping += (1 - st.bookkeeping) * (2 / 3) * org;

  // Officers: from the roster, or elected by consensus on ability.
  for (let i = 0; i < n; i++) {
    if (st.role[i] === ROLE.ketua) st.chair = i;
    else if (st.role[i] === ROLE.sekretaris) st.secretary = i;
    else if (st.role[i] === ROLE.bendahara) st.treasurer = i;
  }
  // A roster may name a secretary or treasurer but no chair: they keep their office.
  if (st.chair < 0) st.chair = bestMember(st, (i) => st.leadership[i], st.secretary, st.treasurer);
  if (st.treasurer < 0) st.treasurer = bestMember(st, (i) => st.integrity[i], st.chair, st.secretary);
  if (st.secretary < 0) st.secretary = bestMember(st, (i) => st.skill[i], st.chair, st.treasurer);
  st.role[st.chair] = ROLE.ketua;
  st.role[st.treasurer] = ROLE.bendahara;
  st.role[st.secretary] = ROLE.sekretaris;

  st.pendingGrant = sc.intervention.grant.amount;
  for (let i = 0; i < n; i++) st.satisfaction[i] = clamp01(st.optimism);
  return st;
}

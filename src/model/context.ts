/** What every weekly process is handed besides the state: the scenario, its business profile and the streams. */
import { BUSINESS_PROFILES, type BusinessProfile } from './business-types.ts';
import { exp, log } from './detmath.ts';
import { resolveConstants, type World } from './constants.ts';
import type { ExternalDecisions } from './external.ts';
import type { Streams } from './random.ts';
import type { Scenario } from './scenario.ts';
import type { GroupState } from './state.ts';

export interface RunContext {
  sc: Scenario;
  biz: BusinessProfile;
  rng: Streams;
  /** The uncertain constants of this run's plausible world (constants.ts). */
  k: World;
  /** sizeFactor by active members, filled as needed (0 = not yet). */
  sizeFactors: Float64Array;
  /** shareFactor by active members, filled as needed (0 = not yet). */
  shareFactors: Float64Array;
  /** The business's last mean skill and market access and their saturated values (business.ts). */
  saturated: Float64Array;
  /** Weeks during which the facilitator visits. */
  mentoringWeeks: number;
  /** Income per member per month the members hope the group pays (hopedIncome). */
  hoped: number;
  /** This week's decisions supplied from outside for chosen members (external.ts), or null: the model decides all. */
  external: ExternalDecisions | null;
}

/** The shape every weekly process shares: update the state in place. */
export type Process = (st: GroupState, ctx: RunContext) => void;

export const WEEKS_PER_MONTH = 52 / 12;

export function createContext(sc: Scenario, rng: Streams): RunContext {
  const ctx: RunContext = {
    sc,
    biz: BUSINESS_PROFILES[sc.business.type],
    rng,
    k: resolveConstants(sc.constants),
    sizeFactors: new Float64Array((sc.members.roster?.length ?? sc.group.size) + 1),
    shareFactors: new Float64Array((sc.members.roster?.length ?? sc.group.size) + 1),
    saturated: new Float64Array([Number.NaN, 0, Number.NaN, 0]),
    mentoringWeeks: Math.round(sc.intervention.mentoring.months * WEEKS_PER_MONTH),
    hoped: 0,
    external: null,
  };
  ctx.hoped = hopedIncome(sc, ctx.k);
  return ctx;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Money per member the programme's typical grant puts in each family's reach (Rp 25m for 10): the
 * reference of the temptation factor and of a livestock herd's diminishing returns (business.ts).
 */
export const TYPICAL_STAKE = 2_500_000;

/**
 * The income per member per month the members hope the group pays: the scenario's hope, set for
 * the typical stake, scaled by (grant per founding family / TYPICAL_STAKE)^temptation and kept
 * between 1/4 and 4 times it. Members judge what the group pays against what its money promised:
 * a bigger grant draws members who expect more of it (better-off entrants, Gugerty & Kremer 2008),
 * with the same elasticity as the money's pull on officers (§7.0 of docs/MODEL.md).
 */
export function hopedIncome(sc: Scenario, k: World): number {
  const hope = sc.members.incomeAspiration;
  if (!(hope > 0) || k.temptation === 0) return hope;
  const perFamily = sc.intervention.grant.amount / (sc.members.roster?.length ?? sc.group.size);
  // No grant at all: the lower limit (log(0) would be −∞).
  const f = perFamily > 0 ? exp(k.temptation * log(perFamily / TYPICAL_STAKE)) : 0;
  return hope * (f < 1 / TEMPTATION_CAP ? 1 / TEMPTATION_CAP : f > TEMPTATION_CAP ? TEMPTATION_CAP : f);
}

/**
 * How much more tempting the group's money is than at the typical stake: (capital per active
 * member / Rp 2.5m)^temptation, at most 4. It scales the chance that an officer takes money and the
 * pull to split the capital (Gugerty & Kremer 2008: outside money draws those who seek it).
 */
export function temptation(st: GroupState, ctx: RunContext): number {
  if (st.nActive <= 0 || st.capital <= 0) return 0;
  const t = exp(ctx.k.temptation * log(st.capital / st.nActive / TYPICAL_STAKE));
  return t < TEMPTATION_CAP ? t : TEMPTATION_CAP;
}

/** The most the temptation factor can be. */
export const TEMPTATION_CAP = 4;

/**
 * Effort (social loafing) and coordination fall as the group grows:
 * (10 / active members)^(teamIncentive·loafingShare), 1 for ten members, below 1 for more and
 * above 1 for fewer.
 */
export function sizeFactor(st: GroupState, ctx: RunContext): number {
  return perSize(ctx.sizeFactors, ctx.k.teamIncentive * ctx.k.loafingShare, st.nActive);
}

/**
 * Where the profit is paid out equally, what a family keeps of the return on its own extra work is
 * its share, 1 / active members, so a conditional cooperator's or free rider's effort scales by
 * (10 / active members)^(teamIncentive·(1 − loafingShare)): 1 for ten members, below 1 for more
 * and above 1 for fewer; with the size factor, their effort scales by (10 / active members)^teamIncentive.
 * Paid by contribution, each family earns the return on its own work: 1 (docs/MODEL.md §7.7).
 */
export function shareFactor(st: GroupState, ctx: RunContext): number {
  if (ctx.sc.finance.payoutRule === 'byContribution') return 1;
  return perSize(ctx.shareFactors, ctx.k.teamIncentive * (1 - ctx.k.loafingShare), st.nActive);
}

/** (10 / n)^exponent, worked out once per group size in a run (n changes only when a member leaves). */
function perSize(memo: Float64Array, exponent: number, n: number): number {
  if (n <= 0) return 1;
  return memo[n] > 0 ? memo[n] : (memo[n] = exp(exponent * log(10 / n)));
}

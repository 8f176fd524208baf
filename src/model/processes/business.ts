/**
 * The joint business. Each week value accrues from the working capital at the business type's
 * gross return, times productivity: labour, skill, market access and coordination, each with
 * diminishing returns and equal to 1 for the typical group; operating costs come off the capital (cash and assets in proportion, so the settled share stays); the accrued value is sold once a cycle (revenue). A
 * herd (livestock) earns and eats as its effective size, with diminishing returns to capital per
 * family in place of a cap (`capitalElasticity`). The
 * market price follows a log AR(1) with rare shocks (disease, price collapse, loan defaults) that
 * destroy a share of capital. The market stream draws the same numbers every week whatever the
 * group does (a normal, a shock draw, a noise draw), so groups compared with the same seed meet
 * the same market.
 */
import { clamp01, sizeFactor, TYPICAL_STAKE, type RunContext } from '../context.ts';
import type { BusinessProfile } from '../business-types.ts';
import { EV, logEvent } from '../events.ts';
import { exp, log } from '../detmath.ts';
import { normal } from '../random.ts';
import type { GroupState } from '../state.ts';

/**
 * Where every factor is 1: the default group in its first year (mean effort about 0.35, skill
 * 0.5 after training and the first visits, market access 0.5, coordination 0.5; docs/MODEL.md §7.8).
 */
const TYPICAL_EFFORT = 0.35;
const TYPICAL_SKILL = 0.5;
const TYPICAL_ACCESS = 0.5;
const TYPICAL_COORDINATION = 0.5;

/**
 * Share of the cash a group turns into its business each week: half in about 7 weeks, nine
 * tenths in about 22 (assumption: livestock and stock are bought over the first months).
 */
export const SETTLE_RATE = 0.1;

/** Diminishing returns: 1 − e^(−3x), so the first gains in skill or access count most. */
const saturate = (x: number): number => 1 - exp(-3 * x);
const SATURATED_SKILL = saturate(TYPICAL_SKILL);
const SATURATED_ACCESS = saturate(TYPICAL_ACCESS);

/**
 * The capital at work: the settled share of the capital, up to what the active members can keep
 * at work where the business type has a capacity (docs/MODEL.md §7.8).
 */
export function capitalAtWork(st: GroupState, b: BusinessProfile): number {
  const atWork = st.settled * st.capital;
  if (b.capacityPerMember === null) return atWork;
  const capacity = b.capacityPerMember * st.nActive;
  return atWork < capacity ? atWork : capacity;
}

/**
 * The effective herd of a business type without a capacity: r·(k / r)^elasticity, r = Rp 2.5m
 * (TYPICAL_STAKE) per active member, so a family's herd earns less per rupiah the larger it is
 * and the effective herd equals k at r (Cobb-Douglas in the herd, docs/EVIDENCE.md §14). Types
 * with a capacity: k itself.
 */
function effectiveCapital(st: GroupState, b: BusinessProfile, k: number, elasticity: number): number {
  if (b.capacityPerMember !== null) return k;
  const r = TYPICAL_STAKE * st.nActive;
  return k > 0 && r > 0 ? r * exp(elasticity * log(k / r)) : 0;
}

export function business(st: GroupState, ctx: RunContext): void {
  const b = ctx.biz;
  const rng = ctx.rng.market;
  const vol = ctx.sc.business.volatilityScale;
  const z = normal(rng);
  const shockDraw = rng();
  st.logMarket = 0.9 * st.logMarket + b.volatility * vol * z;

  // Each factor is 1 for the typical group (docs/MODEL.md §7.8), so levers move productivity by
  // a few per cent, not by multiples: the margin over costs stays that of a working business.
  let labour = 0;
  let skill = 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    labour += st.effort[i];
    skill += st.skill[i];
  }
  skill = st.nActive > 0 ? skill / st.nActive : 0;
  // Mean effort against the typical; fewer than five hands cannot run the business.
  labour = st.nActive > 0 ? (labour / st.nActive / TYPICAL_EFFORT) * Math.min(1, st.nActive / 5) : 0;
  if (labour > 1.3) labour = 1.3;
  const kk = ctx.k;
  // Skill and market access change only in some weeks (a visit, a meeting, a leaver): their
  // saturated values are kept from the last week they had the same value.
  const m = ctx.saturated;
  if (m[0] !== skill) m[1] = saturate((m[0] = skill));
  if (m[2] !== st.marketAccess) m[3] = saturate((m[2] = st.marketAccess));
  const skillF = 1 + kk.skillReturn * (m[1] - SATURATED_SKILL);
  const marketF = 1 + kk.marketReturn * (m[3] - SATURATED_ACCESS);
  const c = st.chair;
  const chairPart = c >= 0 && st.active[c] ? st.leadership[c] * Math.sqrt(st.trustIn[c]) : 0;
  // Coordination is harder in a bigger group (sizeFactor), easier in a small one, within [0, 1].
  st.coordination = clamp01((0.5 * chairPart + 0.5 * st.roleClarity) * sizeFactor(st, ctx));
  const coordF = 1 + kk.coordReturn * (st.coordination - TYPICAL_COORDINATION);
  const trustPart = b.trustWeight > 0 ? 1 - b.trustWeight + b.trustWeight * st.meanTrust : 1;

  // Cash is turned into the business (livestock, stock, tools) over the weeks after it comes.
  st.settled += SETTLE_RATE * (1 - st.settled);
  // Only the capital turned into the business that the members can keep at work earns, costs
  // and is exposed to shocks; a herd earns and eats as its effective size.
  const k = capitalAtWork(st, b);
  const keff = effectiveCapital(st, b, k, kk.capitalElasticity);
  // labour^w × market price, as one exponential: exp(w·ln labour + logMarket).
  const labourAtPrice = labour > 0 ? exp(b.labourWeight * log(labour) + st.logMarket) : 0;
  const productivity = labourAtPrice * skillF * marketF * (coordF > 0 ? coordF : 0) * trustPart;
  st.accrued += keff * b.grossReturn * kk.returnScale * productivity;
  // Feed and materials follow the output the herd gives, never more than the capital at work
  // (and never below 0, should the capital at work be negative).
  let costs = keff * b.operatingCost;
  if (costs > k) costs = k > 0 ? k : 0;
  if (shockDraw < (b.shocksPerYear * vol) / 52) {
    const loss = k * b.shockLoss;
    costs += loss;
    // Disease or a price collapse also takes part of the value built up this cycle.
    st.accrued *= 1 - b.shockLoss;
    st.logMarket -= 0.2;
    logEvent(st.events, st.week, EV.marketShock, -1, -1, loss);
  }
  st.capital -= costs;
  st.costs += costs;
  let revenue = 0;
  if ((st.week + 1) % b.cycleWeeks === 0) {
    revenue = st.accrued;
    st.accrued = 0;
  }
  // The last draw keeps the stream aligned whatever happens this week.
  const noise = rng();
  revenue *= 0.9 + 0.2 * noise;
  // A sale brings cash, to be turned into the business again.
  if (revenue > 0 && st.capital + revenue > 0) st.settled *= (st.capital > 0 ? st.capital : 0) / (st.capital + revenue);
  st.capital += revenue;
  st.revenue += revenue;
  st.retainedProfit += revenue - costs;
}

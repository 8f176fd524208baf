/**
 * The joint business. Each week value accrues from capital, skilled labour, coordination and the
 * market; operating costs are paid in cash; the accrued value is sold once a cycle (revenue). The
 * market price follows a log AR(1) with rare shocks (disease, price collapse, loan defaults) that
 * destroy a share of capital. The market stream draws the same numbers every week whatever the
 * group does (a normal, a shock draw, a noise draw), so groups compared with the same seed meet
 * the same market.
 */
import { type RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import { exp, log } from '../detmath.ts';
import { normal } from '../random.ts';
import type { GroupState } from '../state.ts';

export function business(st: GroupState, ctx: RunContext): void {
  const b = ctx.biz;
  const rng = ctx.rng.market;
  const vol = ctx.sc.business.volatilityScale;
  const z = normal(rng);
  const shockDraw = rng();
  st.logMarket = 0.9 * st.logMarket + b.volatility * vol * z;

  let labour = 0;
  for (let i = 0; i < st.n; i++) if (st.active[i]) labour += st.effort[i] * (0.4 + 0.6 * st.skill[i]);
  // Normalised so a committed, skilled group of five or more scores about 1.
  labour = st.nActive > 0 ? (labour / st.nActive / 0.35) * Math.min(1, st.nActive / 5) : 0;
  if (labour > 1.3) labour = 1.3;
  const c = st.chair;
  const chairPart = c >= 0 && st.active[c] ? st.leadership[c] * Math.sqrt(st.trustIn[c]) : 0;
  st.coordination = 0.3 + 0.7 * (0.5 * chairPart + 0.5 * st.roleClarity);
  const trustPart = b.trustWeight > 0 ? 1 - b.trustWeight + b.trustWeight * st.meanTrust : 1;
  const access = 0.7 + 0.6 * st.marketAccess;

  // Only the capital the members can keep at work earns, costs and is exposed to shocks.
  const capacity = b.capacityPerMember * st.nActive;
  const k = st.capital < capacity ? st.capital : capacity;
  // labour^w × market price, as one exponential: exp(w·ln labour + logMarket).
  const skilledAtPrice = labour > 0 ? exp(b.labourWeight * log(labour) + st.logMarket) : 0;
  st.accrued += k * b.grossReturn * skilledAtPrice * access * st.coordination * trustPart;
  let costs = k * b.operatingCost;
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
  st.capital += revenue;
  st.revenue += revenue;
  st.retainedProfit += revenue - costs;
}

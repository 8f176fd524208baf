/**
 * What an intervention package costs and what it buys. Each run carries its cost (grant paid,
 * facilitator visits made, training days) in its row; across an ensemble the package reads as
 * cost per surviving group (interval from the cost's and the survival share's intervals) and as
 * rupiah of member income per rupiah spent (a ratio of means, delta method on the log scale).
 */
import { exp } from '../model/detmath.ts';
import { Z95, type Estimate } from './stats.ts';

/** Running ratio of means, mean(x) / mean(y), with co-moments for the delta-method interval. */
export class RunningRatio {
  n = 0;
  private mx = 0;
  private my = 0;
  private cxx = 0;
  private cyy = 0;
  private cxy = 0;

  add(x: number, y: number): void {
    this.n++;
    const dx = x - this.mx;
    const dy = y - this.my;
    this.mx += dx / this.n;
    this.my += dy / this.n;
    this.cxx += dx * (x - this.mx);
    this.cyy += dy * (y - this.my);
    this.cxy += dx * (y - this.my);
  }

  /**
   * mean(x) / mean(y) with a 95% interval, or null when mean(y) is 0 (nothing to divide by). The
   * delta-method standard error is applied on the log scale, so a ratio of positive quantities
   * keeps a positive interval however skewed (r · exp(±1.96 se / r)).
   */
  estimate(): Estimate | null {
    if (this.n === 0 || this.my === 0) return null;
    const r = this.mx / this.my;
    if (this.n < 2) return { mean: r, ci: [-Infinity, Infinity], n: this.n };
    const d = this.n - 1;
    const v = (this.cxx / d - 2 * r * (this.cxy / d) + r * r * (this.cyy / d)) / (this.n * this.my * this.my);
    const se = Math.sqrt(Math.max(0, v));
    if (r > 0) return { mean: r, ci: [r * exp((-Z95 * se) / r), r * exp((Z95 * se) / r)], n: this.n };
    return { mean: r, ci: [r - Z95 * se, r + Z95 * se], n: this.n };
  }
}

/**
 * Cost per surviving group: mean cost ÷ share surviving. The interval joins the cost's interval
 * with the survival share's Wilson interval ([cost low ÷ share high, cost high ÷ share low]), so
 * it stays positive and stays wide when every run, or almost none, survived (where the share's
 * own spread says nothing). Its upper end is Infinity (null in JSON) when survival could be 0.
 */
export function costPerSurvivor(cost: Estimate, survival: Estimate): Estimate | null {
  if (!(survival.mean > 0)) return null;
  const costLo = Math.max(0, cost.ci[0]);
  const costHi = Math.max(costLo, cost.ci[1]);
  return {
    mean: cost.mean / survival.mean,
    ci: [costLo / survival.ci[1], survival.ci[0] > 0 ? costHi / survival.ci[0] : Infinity],
    n: survival.n,
  };
}

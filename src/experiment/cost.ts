/**
 * What an intervention package costs and what it buys. Each run carries its cost (grant paid,
 * facilitator visits made, training days) in its row; across an ensemble the package reads as
 * cost per surviving group and as rupiah of member income per rupiah spent. Both are ratios of
 * means; their intervals come from the delta method over the paired per-run values.
 */
import type { Scenario } from '../model/index.ts';
import { WEEKS_PER_MONTH } from '../model/index.ts';
import { Z95, type Estimate } from './stats.ts';

/** The planned cost of a package before any run: grant, every planned visit, training. */
export function plannedCost(sc: Scenario): { grant: number; visits: number; training: number; total: number } {
  const iv = sc.intervention;
  const weeks = Math.min(sc.horizonWeeks, Math.round(iv.mentoring.months * WEEKS_PER_MONTH));
  const visits = (iv.mentoring.visitsPerMonth * weeks) / WEEKS_PER_MONTH * iv.costs.perVisit;
  const training = iv.trainingDays * iv.costs.perTrainingDayPerMember * sc.group.size;
  return { grant: iv.grant.amount, visits, training, total: iv.grant.amount + visits + training };
}

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

  /** mean(x) / mean(y) with a 95% interval, or null when mean(y) is 0 (nothing to divide by). */
  estimate(): Estimate | null {
    if (this.n === 0 || this.my === 0) return null;
    const r = this.mx / this.my;
    const d = this.n > 1 ? this.n - 1 : 1;
    const v = (this.cxx / d - 2 * r * (this.cxy / d) + r * r * (this.cyy / d)) / (this.n * this.my * this.my);
    const half = Z95 * Math.sqrt(Math.max(0, v));
    return { mean: r, ci: [r - half, r + half], n: this.n };
  }
}

/**
 * Ensembles: replications of one scenario streamed into running summaries — per-week quantile
 * bands of every indicator, the survival curve, means of the outcomes with 95% intervals — without
 * keeping any trajectory. Feed runs in replication order (the runner guarantees it) and the
 * summary is the same to the bit however the runs were split across workers.
 */
import { DISSOLUTION_CAUSES, INDICATORS, type Scenario } from '../model/index.ts';
import { BandSketch, BAND_QUANTILES, type Band } from './bands.ts';
import { costPerSurvivor, RunningRatio } from './cost.ts';
import { F, FIELD, RUN_FIELDS } from './outcomes.ts';
import { proportion, RunningMean, type Estimate } from './stats.ts';

/** The headline outcomes, under stable keys (documented in README and docs/EXPERIMENTS.md). */
export interface Headline {
  /** Share of runs still active at the horizon. */
  survivalRate: Estimate;
  stagnantRate: Estimate;
  dissolvedRate: Estimate;
  /** Income from the group per founding member per month, Rp. */
  memberIncomeMonthly: Estimate;
  /** The business's profit (sales less costs and losses, paid out or not) per founding member per month, Rp. */
  businessProfitMonthly: Estimate;
  activeMembersFinal: Estimate;
  capitalFinal: Estimate;
  exitsPerMember: Estimate;
  misuseCommitted: Estimate;
  misuseDetected: Estimate;
  interventionCost: Estimate;
  /** Mean cost / survival rate, Rp; null when no run survived. */
  costPerSurvivingGroup: Estimate | null;
  /** Rupiah of member income per rupiah of intervention cost; null when nothing was spent. */
  incomePerRupiah: Estimate | null;
}

/** The survival curve: share of runs not dissolved at the end of each week, with 95% bands. */
export interface SurvivalCurve {
  surviving: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

export interface EnsembleSummary {
  replications: number;
  weeks: number;
  headline: Headline;
  /** Mean and interval of every numeric run field (see RUN_FIELDS). */
  outcomes: Record<string, Estimate>;
  /** How the dissolved runs ended, by cause. */
  causes: Record<string, number>;
  survival: SurvivalCurve;
  /** Per-week bands of every indicator, in INDICATORS order (empty if the runs came without series; only the asked-for ones if limited). */
  bands: Band[];
}

export class Ensemble {
  readonly weeks: number;
  private readonly means: RunningMean[] = RUN_FIELDS.map(() => new RunningMean());
  private readonly incomePerCost = new RunningRatio();
  private readonly dissolvedAt: Uint32Array;
  private readonly statusCount = [0, 0, 0];
  private readonly causeCount: number[] = DISSOLUTION_CAUSES.map(() => 0);
  private readonly sketch: BandSketch | null;
  n = 0;

  constructor(sc: Scenario, withBands = true) {
    this.weeks = sc.horizonWeeks;
    this.dissolvedAt = new Uint32Array(this.weeks + 1);
    this.sketch = withBands ? new BandSketch(this.weeks) : null;
  }

  /**
   * Add run rows (F numbers each) and, if bands are kept, their series blocks (K × H each) and,
   * optionally, the series' bins (see bands.ts binRun; workers compute them).
   */
  add(rows: Float64Array, series: Float64Array | null, bins: Uint16Array | null = null): void {
    const runs = rows.length / F;
    const KH = INDICATORS.length * this.weeks;
    for (let r = 0; r < runs; r++) {
      const o = r * F;
      for (let k = 0; k < F; k++) this.means[k].add(rows[o + k]);
      const status = rows[o + FIELD.status];
      this.statusCount[status]++;
      if (status === 2) {
        this.dissolvedAt[Math.min(this.weeks, Math.max(0, rows[o + FIELD.statusWeek]))]++;
        this.causeCount[rows[o + FIELD.cause]]++;
      }
      this.incomePerCost.add(rows[o + FIELD.memberIncomeTotal], rows[o + FIELD.interventionCost]);
      this.n++;
    }
    if (this.sketch && runs > 0) {
      if (!series || series.length < runs * KH) throw new Error('this ensemble keeps bands: runs must come with their series');
      this.sketch.add(series, bins, runs);
    }
  }

  /**
   * The summary so far. `bandKeys` limits the per-week bands to those indicators (a page redrawing
   * four charts while runs stream in need not compute all 28).
   */
  summary(bandKeys?: readonly string[]): EnsembleSummary {
    const n = this.n;
    const m = (key: string) => this.means[FIELD[key]].estimate(...RUN_FIELDS[FIELD[key]].range);
    const outcomes: Record<string, Estimate> = {};
    RUN_FIELDS.forEach((f, k) => {
      if (!f.names && f.key !== 'statusWeek') outcomes[f.key] = this.means[k].estimate(...f.range);
    });
    outcomes.survived = proportion(this.statusCount[0], n);
    const H = this.weeks;
    const surviving = new Float64Array(H);
    const lo = new Float64Array(H);
    const hi = new Float64Array(H);
    // Every run is followed to the horizon, so none is censored: the Kaplan–Meier estimate is the
    // share not yet dissolved, and its interval is that proportion's Wilson interval. A group
    // dissolved in week w (counted from 1) is gone from the end of that week on: series index w − 1.
    let gone = 0;
    for (let t = 0; t < H; t++) {
      gone += this.dissolvedAt[t + 1];
      const e = proportion(n - gone, n);
      surviving[t] = e.mean;
      [lo[t], hi[t]] = e.ci;
    }
    return {
      replications: n,
      weeks: H,
      headline: {
        survivalRate: proportion(this.statusCount[0], n),
        stagnantRate: proportion(this.statusCount[1], n),
        dissolvedRate: proportion(this.statusCount[2], n),
        memberIncomeMonthly: m('memberIncomeMonthly'),
        businessProfitMonthly: m('businessProfitMonthly'),
        activeMembersFinal: m('activeMembersFinal'),
        capitalFinal: m('capitalFinal'),
        exitsPerMember: m('exitsPerMember'),
        misuseCommitted: m('misuseCommitted'),
        misuseDetected: m('misuseDetected'),
        interventionCost: m('interventionCost'),
        costPerSurvivingGroup: costPerSurvivor(m('interventionCost'), proportion(this.statusCount[0], n)),
        incomePerRupiah: this.incomePerCost.estimate(),
      },
      outcomes,
      causes: Object.fromEntries(DISSOLUTION_CAUSES.map((c, i) => [c, this.causeCount[i]])),
      survival: { surviving, lo, hi },
      bands: this.sketch ? INDICATORS.flatMap((d, k) => (!bandKeys || bandKeys.includes(d.key) ? [this.sketch!.band(k)] : [])) : [],
    };
  }
}

export { BAND_QUANTILES };

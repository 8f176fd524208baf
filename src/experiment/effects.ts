/**
 * What each lever does: a paired comparison (common random numbers) of a package without and with
 * the lever, measured the way the evidence in docs/EVIDENCE.md reports it (the business's profit:
 * change in per cent, as business trials measure it; survival change in percentage points at 3 and
 * 5 years; misuse committed). The income paid out to members is shown beside the profit, without a
 * range: the trials measure profit, not what a group hands out. Each lever carries
 * the range the evidence supports, so `npm run effects` can print the model beside the literature
 * and validation can test the model's effects, not only its levels. Pure.
 */
import { parseScenario, simulate, WEEKS_PER_MONTH, type Scenario } from '../model/index.ts';
import { withOverrides, type Override } from './jobs.ts';
import { PairedMeans, PairedRates, RunningMean, type Estimate } from './stats.ts';

/** A range the evidence supports for one measure of a lever's effect, or null where it is silent. */
export type Range = readonly [number, number] | null;

export interface Lever {
  id: string;
  /** What changes, in words. */
  label: string;
  /** The package without the lever (A) and with it (B), as overrides of the default scenario. */
  a: Override;
  b: Override;
  /** Where the evidence puts the paired effect; docs/EVIDENCE.md gives the studies. */
  evidence: {
    /** The business's profit per founding member over 3 years, B vs A, per cent. */
    profitPct: Range;
    /** Share of groups active at 3 years, B − A, percentage points. */
    survival3: Range;
    /** Share of groups active at 5 years, B − A, percentage points. */
    survival5: Range;
    /** Misuse committed per year of the group's life within 3 years, B vs A, per cent (a ratio of totals). */
    misusePct: Range;
    source: string;
  };
}

const NO_MENTORING: Override = { 'intervention.mentoring.visitsPerMonth': 0 };

/** The levers a planner asks about, each against its evidence. */
export const LEVERS: readonly Lever[] = [
  {
    id: 'training',
    label: 'Training: 0 → 20 days (business and group skills)',
    a: { 'intervention.trainingDays': 0 },
    b: { 'intervention.trainingDays': 20 },
    evidence: { profitPct: [-5, 15], survival3: [-3, 5], survival5: [-3, 5], misusePct: null, source: 'McKenzie & Woodruff 2014; McKenzie 2021' },
  },
  {
    id: 'mentoring-business',
    label: 'Entrepreneurship mentoring: none → 1 visit a month for 12 months (all on business)',
    a: NO_MENTORING,
    b: { 'intervention.mentoring.visitsPerMonth': 1, 'intervention.mentoring.organisingShare': 0 },
    evidence: { profitPct: [-5, 20], survival3: [-3, 10], survival5: [-3, 10], misusePct: null, source: 'Brooks, Donovan & Johnson 2018; Bakhtiar, Bastian & Goldstein 2021; Karlan et al. 2017' },
  },
  {
    id: 'mentoring-organising',
    label: 'Organising mentoring: none → 1 visit a month for 12 months (all on organising)',
    a: NO_MENTORING,
    b: { 'intervention.mentoring.visitsPerMonth': 1, 'intervention.mentoring.organisingShare': 1 },
    evidence: { profitPct: [-5, 20], survival3: [0, 15], survival5: [0, 15], misusePct: [-60, 0], source: 'Olken 2007 (audits); savings-group facilitation (Karlan et al. 2017); case study' },
  },
  {
    id: 'mentor-quality',
    label: 'Facilitator quality 0.5 → 0.8 (1 visit a month for 12 months)',
    a: { 'intervention.mentoring.quality': 0.5 },
    b: { 'intervention.mentoring.quality': 0.8 },
    evidence: { profitPct: [-5, 15], survival3: [-2, 10], survival5: [-2, 10], misusePct: null, source: 'no direct estimate; bounded by the mentoring effects' },
  },
  {
    id: 'grant-size',
    label: 'Grant Rp 25m → 50m, no mentoring',
    a: { ...NO_MENTORING },
    b: { ...NO_MENTORING, 'intervention.grant.amount': 50_000_000 },
    evidence: { profitPct: [0, 80], survival3: [-15, 5], survival5: [-15, 5], misusePct: [0, 150], source: 'de Mel, McKenzie & Woodruff 2008; Blattman, Fiala & Martinez 2014; Gugerty & Kremer 2008' },
  },
  {
    id: 'meetings-weekly',
    label: 'Meetings monthly → weekly',
    a: { 'group.meetingIntervalWeeks': 4 },
    b: { 'group.meetingIntervalWeeks': 1 },
    evidence: { profitPct: [-10, 15], survival3: [0, 20], survival5: [0, 20], misusePct: [-80, -25], source: 'Feigenberg, Field & Pande 2013' },
  },
  {
    id: 'group-size',
    label: 'Group size 10 → 30 families, the grant per family kept (Rp 25m → 75m)',
    a: { 'group.size': 10 },
    b: { 'group.size': 30, 'intervention.grant.amount': 75_000_000 },
    evidence: { profitPct: [-30, 5], survival3: [-20, 5], survival5: [-20, 5], misusePct: null, source: 'Olson 1965; Isaac & Walker 1988; no field estimate' },
  },
  {
    id: 'homogeneity',
    label: 'Homogeneity of members 0.2 → 0.8',
    a: { 'group.homogeneity': 0.2 },
    b: { 'group.homogeneity': 0.8 },
    evidence: { profitPct: [-5, 20], survival3: [0, 15], survival5: [0, 15], misusePct: null, source: 'Karlan 2007; Baland, Somanathan & Vandewalle 2008; Alesina & La Ferrara 2000' },
  },
];

/** One measure of a lever's effect, with its 95% interval. */
export interface EffectMeasure extends Estimate {
  /** The measure of each package alone. */
  a: number;
  b: number;
  range: Range;
  /** Whether the interval lies inside the evidence's range (null where there is none). */
  inside: boolean | null;
}

export interface LeverEffect {
  lever: Lever;
  reps: number;
  profitPct: EffectMeasure;
  /** Income paid out to members per founding member over 3 years, B vs A, per cent (no range). */
  payoutPct: EffectMeasure;
  survival3: EffectMeasure;
  survival5: EffectMeasure;
  misusePct: EffectMeasure;
}

/**
 * What one run contributes: the business's profit per founding member per month over 3 years,
 * active at 3 and 5 years, income paid out per founding member per month over 3 years, misuse
 * committed in 3 years, and the years of those 3 the group existed (misuse is
 * compared per year of the group's life, as the targets do: docs/VALIDATION.md).
 */
function measureRun(sc: Scenario, seed: number, replication: number): [number, number, number, number, number, number] {
  const r = simulate(sc, { seed, replication });
  const s = r.series;
  const t3 = Math.min(156, r.weeks) - 1;
  const months = (t3 + 1) / WEEKS_PER_MONTH;
  const n = r.members.length;
  const income = s.incomePerMember[t3] / months;
  let profit = 0;
  let misuse = 0;
  let weeks = 0;
  for (let t = 0; t <= t3; t++) {
    profit += s.revenue[t] - s.costs[t];
    if (s.misuse[t] > 0) misuse++;
    if (s.status[t] !== 2) weeks++;
  }
  return [profit / n / months, s.status[t3] === 0 ? 1 : 0, s.status[r.weeks - 1] === 0 ? 1 : 0, income, misuse, weeks / 52];
}

function inside(est: Estimate, range: Range): boolean | null {
  if (!range || Number.isNaN(est.mean)) return null;
  return est.ci[0] >= range[0] && est.ci[1] <= range[1];
}

/** Paired comparison of a lever's two packages over `reps` replications (5-year horizon). */
export function leverEffect(lever: Lever, reps: number, seed = 1, base: Scenario = parseScenario({})): LeverEffect {
  const five = withOverrides(base, { horizonWeeks: 260 });
  const sa = withOverrides(five, lever.a);
  const sb = withOverrides(five, lever.b);
  const acc = [0, 1, 2, 3].map(() => ({ pair: new PairedMeans(), d: new RunningMean() }));
  const rates = new PairedRates();
  for (let r = 0; r < reps; r++) {
    const x = measureRun(sa, seed, r);
    const y = measureRun(sb, seed, r);
    for (let k = 0; k < 4; k++) {
      acc[k].pair.add(x[k], y[k]);
      acc[k].d.add(y[k] - x[k]);
    }
    rates.add(x[4], x[5], y[4], y[5]);
  }
  const pct = (k: number, range: Range): EffectMeasure => {
    const { pair } = acc[k];
    const e = pair.changePct();
    return { ...e, a: pair.a.mean, b: pair.b.mean, range, inside: inside(e, range) };
  };
  const pp = (k: number, range: Range): EffectMeasure => {
    const { pair } = acc[k];
    const d = acc[k].d.estimate();
    const e = { mean: 100 * d.mean, ci: [100 * d.ci[0], 100 * d.ci[1]] as [number, number], n: d.n };
    return { ...e, a: pair.a.mean, b: pair.b.mean, range, inside: inside(e, range) };
  };
  const ev = lever.evidence;
  // Misuse per year of the group's life: a group that split its grant early commits no more.
  const misuseRate = (): EffectMeasure => {
    const e = rates.changePct();
    const [a, b] = rates.rates();
    return { ...e, a, b, range: ev.misusePct, inside: inside(e, ev.misusePct) };
  };
  return {
    lever,
    reps,
    profitPct: pct(0, ev.profitPct),
    payoutPct: pct(3, null),
    survival3: pp(1, ev.survival3),
    survival5: pp(2, ev.survival5),
    misusePct: misuseRate(),
  };
}

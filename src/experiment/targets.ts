/**
 * The declared targets of model v2: what the model must reproduce, each from a source, each
 * either a *calibration* target (`kube-sim calibrate` fits the uncertain constants to it) or a
 * *held-out* target (validation only; the calibration never sees it). The split was fixed and
 * committed before the first calibration (docs/VALIDATION.md). Every target is measured from run
 * rows (outcomes.ts) of a few scenarios, so the same code serves calibration, validation and the
 * worker pool. Pure.
 */
import { parseScenario, simulate, type Scenario } from '../model/index.ts';
import { withOverrides, type Override } from './jobs.ts';
import { F, FIELD, writeRunRow } from './outcomes.ts';
import { PairedMeans, PairedRates, proportion, RunningMean, type Estimate } from './stats.ts';

/** The scenario files targets start from, by built-in name. */
export const TARGET_FILES = ['default', 'cempaka', 'tulip', 'business-poultry'] as const;
export type TargetFile = (typeof TARGET_FILES)[number];
export type TargetFiles = Record<TargetFile, Scenario>;

/** One scenario a target runs: a file, overrides and a horizon. */
export interface TargetScenario {
  file: TargetFile;
  set: Override;
  weeks: number;
}

const Y1 = 52;
const Y3 = 156;
const Y5 = 260;
const NO_MENTORING: Override = { 'intervention.mentoring.visitsPerMonth': 0 };

/** Every scenario any target runs, by key. */
export const TARGET_SCENARIOS = {
  default1: { file: 'default', set: {}, weeks: Y1 },
  default3: { file: 'default', set: {}, weeks: Y3 },
  default5: { file: 'default', set: {}, weeks: Y5 },
  poultry3: { file: 'business-poultry', set: {}, weeks: Y3 },
  training0: { file: 'default', set: { 'intervention.trainingDays': 0 }, weeks: Y3 },
  training20: { file: 'default', set: { 'intervention.trainingDays': 20 }, weeks: Y3 },
  cempaka3: { file: 'cempaka', set: {}, weeks: Y3 },
  tulip3: { file: 'tulip', set: {}, weeks: Y3 },
  weekly3: { file: 'default', set: { 'group.meetingIntervalWeeks': 1 }, weeks: Y3 },
  noMentoring3: { file: 'default', set: NO_MENTORING, weeks: Y3 },
  business3: { file: 'default', set: { 'intervention.mentoring.organisingShare': 0 }, weeks: Y3 },
  organising3: { file: 'default', set: { 'intervention.mentoring.organisingShare': 1 }, weeks: Y3 },
  grant50NoMentoring3: { file: 'default', set: { ...NO_MENTORING, 'intervention.grant.amount': 50_000_000 }, weeks: Y3 },
  size30: { file: 'default', set: { 'group.size': 30, 'intervention.grant.amount': 75_000_000 }, weeks: Y5 },
  homogeneity02: { file: 'default', set: { 'group.homogeneity': 0.2 }, weeks: Y5 },
  homogeneity08: { file: 'default', set: { 'group.homogeneity': 0.8 }, weeks: Y5 },
} as const satisfies Record<string, TargetScenario>;
export type ScenarioKey = keyof typeof TARGET_SCENARIOS;

/** Run rows of each scenario a target uses: reps × F numbers, replication r of every scenario paired. */
export type RowsByScenario = Partial<Record<ScenarioKey, Float64Array>>;

/** Where a measured value has to lie. */
export type Expectation =
  | { kind: 'atLeast'; value: number }
  | { kind: 'atMost'; value: number }
  | { kind: 'between'; low: number; high: number };

/** How a value is written: a share (as %), percentage points, per cent change, rupiah, a count. */
export type ValueFormat = 'share' | 'pp' | 'pct' | 'rupiah' | 'number';

export type TargetKind = 'calibration' | 'held-out';

export interface Target {
  id: string;
  kind: TargetKind;
  title: string;
  source: string;
  expected: Expectation;
  format: ValueFormat;
  /** The scenarios it runs. */
  uses: readonly ScenarioKey[];
  /** What exactly is measured. */
  method: string;
  /**
   * Held-out targets only: when the target was declared, or the model, a prior or its range was
   * changed, with its results in view or because it failed (docs/VALIDATION.md's disclosures). A
   * pass of such a target is not wholly out of sample; `validate` says so below its table.
   */
  seen?: string;
  measure(rows: RowsByScenario): Estimate;
}

// --- statistics over run rows -------------------------------------------------------------

const col = (rows: Float64Array, key: string) => {
  const k = FIELD[key];
  const out = new Float64Array(rows.length / F);
  for (let r = 0; r < out.length; r++) out[r] = rows[r * F + k];
  return out;
};
const need = (rows: RowsByScenario, key: ScenarioKey): Float64Array => {
  const x = rows[key];
  if (!x) throw new Error(`target needs the rows of scenario ${key}`);
  return x;
};

/** Share of runs active at the horizon, with its Wilson interval. */
export function activeShare(rows: Float64Array): Estimate {
  const s = col(rows, 'survived');
  let k = 0;
  for (const x of s) k += x;
  return proportion(k, s.length);
}

/** Share of runs not active (stagnant or dissolved) at the horizon. */
function inactiveShare(rows: Float64Array): Estimate {
  const a = activeShare(rows);
  return { mean: 1 - a.mean, ci: [1 - a.ci[1], 1 - a.ci[0]], n: a.n };
}

/** Mean of `key` over the runs active at the horizon. */
function meanAmongActive(rows: Float64Array, key: string): Estimate {
  const s = col(rows, 'survived');
  const v = col(rows, key);
  const m = new RunningMean();
  for (let r = 0; r < s.length; r++) if (s[r] === 1) m.add(v[r]);
  return m.estimate();
}

/** Paired difference of the active share, B − A, in percentage points. */
function survivalDiffPp(a: Float64Array, b: Float64Array): Estimate {
  const sa = col(a, 'survived');
  const sb = col(b, 'survived');
  const m = new RunningMean();
  for (let r = 0; r < sa.length; r++) m.add(100 * (sb[r] - sa[r]));
  return m.estimate();
}

/** Paired change of a mean, B / A − 1 in per cent, with a delta-method interval. */
export function pairedChangeOf(a: Float64Array, b: Float64Array, key: string): Estimate {
  const x = col(a, key);
  const y = col(b, key);
  const m = new PairedMeans();
  for (let r = 0; r < x.length; r++) m.add(x[r], y[r]);
  return m.changePct();
}

/** Years a run's group existed within its horizon: to its dissolution, or the whole horizon. */
function yearsExisted(rows: Float64Array, r: number, horizon: number): number {
  const dissolved = rows[r * F + FIELD.status] === 2;
  return (dissolved ? rows[r * F + FIELD.statusWeek] : horizon) / 52;
}

/**
 * Paired change of misuse committed per year of the group's life, B vs A, in per cent: the trials
 * measure a rate (missing funds, defaults) among running groups, and a group that divided its
 * grant in its first months commits no more misuse, which a count per group would credit to it.
 */
function pairedMisuseRate(rows: RowsByScenario, a: ScenarioKey, b: ScenarioKey): Estimate {
  const ra = need(rows, a);
  const rb = need(rows, b);
  const k = FIELD.misuseCommitted;
  const m = new PairedRates();
  for (let r = 0; r < ra.length / F; r++) {
    m.add(ra[r * F + k], yearsExisted(ra, r, TARGET_SCENARIOS[a].weeks), rb[r * F + k], yearsExisted(rb, r, TARGET_SCENARIOS[b].weeks));
  }
  return m.changePct();
}

// --- the targets --------------------------------------------------------------------------

/**
 * The targets, calibration first. Ranges come from docs/EVIDENCE.md; where the evidence gives a
 * direction only, the range is the declared reading of it. The split is that of the fourth
 * calibration (docs/VALIDATION.md), declared and committed before it ran: the levels and the
 * effects measured in trials (training, mentoring, audits, weekly meetings, outside money) are
 * calibrated; the Bogor groups and every effect on survival are held out.
 */
export const TARGETS: readonly Target[] = [
  {
    id: 'batu-inactive',
    kind: 'calibration',
    title: 'About half of ordinary KUBE are inactive or dissolved five years on',
    source: 'Batu: 21 of 42 KUBE inactive about five years after a 2015 start (Putro, Saiman & Sihidi 2020); 95% interval of 21/42 is about 35–65%',
    expected: { kind: 'between', low: 0.35, high: 0.65 },
    format: 'share',
    uses: ['default5'],
    method: 'Share of replications of scenarios/default.json run for 260 weeks that are stagnant or dissolved at the end.',
    measure: (rows) => inactiveShare(need(rows, 'default5')),
  },
  {
    id: 'lombok-income',
    kind: 'calibration',
    title: 'A working layer-hen KUBE on Rp 25 million nets about Rp 150 thousand a month per member',
    source: 'A layer-hen KUBE in Lombok Utara, 2018: about Rp 1.5 million a month net after 10 months, about Rp 150 thousand per member (DOMAIN.md)',
    expected: { kind: 'between', low: 60_000, high: 160_000 },
    format: 'rupiah',
    uses: ['poultry3'],
    method: 'Among replications of scenarios/business-poultry.json still active at 3 years: the business’s profit (sales less operating costs and losses, paid out or not) per founding member per month, averaged over the 3 years (the first months, before sales, pull it below the Rp 150k a working group nets).',
    measure: (rows) => meanAmongActive(need(rows, 'poultry3'), 'businessProfitMonthly'),
  },
  {
    id: 'shg-exits',
    kind: 'calibration',
    title: 'Members leave surviving groups over time: about a fifth',
    source: 'Self-help groups in India: about 20% of members had left (Baland, Somanathan & Vandewalle 2008)',
    expected: { kind: 'between', low: 0.08, high: 0.35 },
    format: 'share',
    uses: ['default5'],
    method: 'Among default groups still active at 5 years: members who left per founding member.',
    measure: (rows) => meanAmongActive(need(rows, 'default5'), 'exitsPerMember'),
  },
  {
    id: 'first-year-failure',
    kind: 'calibration',
    title: 'Some KUBE fail in their first year: inactive or dissolved by week 52 (the grant divided, lost or left idle)',
    source: 'Assumed reading of programme reports that some groups form hastily for the money (DOMAIN.md), with Batu’s hazard front-loaded as ROSCA collapse is (McNabb et al. 2020): 10–30% in the first 12 months (docs/EVIDENCE.md §13)',
    expected: { kind: 'between', low: 0.1, high: 0.3 },
    format: 'share',
    uses: ['default1'],
    method: 'Share of replications of scenarios/default.json run for 52 weeks that are stagnant or dissolved at the end.',
    measure: (rows) => inactiveShare(need(rows, 'default1')),
  },
  {
    id: 'training-income',
    kind: 'calibration',
    title: 'Business training raises profit by a few per cent, not by multiples',
    source: 'McKenzie 2021 (meta-analysis of RCTs): profits and sales +5–10% on average; McKenzie & Woodruff 2014: few single trials significant',
    expected: { kind: 'between', low: -5, high: 15 },
    format: 'pct',
    uses: ['training0', 'training20'],
    method: 'The business’s profit per founding member over 3 years with 20 days of training against none, paired by replication: change in per cent.',
    measure: (rows) => pairedChangeOf(need(rows, 'training0'), need(rows, 'training20'), 'businessProfitMonthly'),
  },
  {
    id: 'weekly-misuse',
    kind: 'calibration',
    title: 'Weekly meetings cut misuse of the group’s money',
    source: 'Feigenberg, Field & Pande 2013 (RCT): weekly groups about 3 times less likely to default; read as misuse down by 25–80%',
    expected: { kind: 'between', low: -80, high: -25 },
    format: 'pct',
    uses: ['default3', 'weekly3'],
    method: 'Misuse committed (found or not) per year of the group’s life in its first 3 years, weekly against monthly meetings, paired: change in per cent of the ratio of totals.',
    measure: (rows) => pairedMisuseRate(rows, 'default3', 'weekly3'),
  },
  {
    id: 'business-mentoring-income',
    kind: 'calibration',
    title: 'A year of entrepreneurship mentoring raises profit modestly',
    source: 'Brooks, Donovan & Johnson 2018 (RCT): mentoring +20% in profits, fading; Bakhtiar, Bastian & Goldstein 2021: muted; Karlan et al. 2017: no consumption effect',
    expected: { kind: 'between', low: -5, high: 25 },
    format: 'pct',
    uses: ['noMentoring3', 'business3'],
    method: 'The business’s profit per founding member over 3 years, a monthly visit for 12 months all on entrepreneurship against no mentoring, paired: change in per cent.',
    measure: (rows) => pairedChangeOf(need(rows, 'noMentoring3'), need(rows, 'business3'), 'businessProfitMonthly'),
  },
  {
    id: 'organising-misuse',
    kind: 'calibration',
    title: 'Organising mentoring (books, audits) cuts misuse',
    source: 'Olken 2007 (RCT): audits cut missing expenditures by about 8 points from about 24% (about a third); read as −60% to −5%',
    expected: { kind: 'between', low: -60, high: -5 },
    format: 'pct',
    uses: ['noMentoring3', 'organising3'],
    method: 'Misuse committed per year of the group’s life in its first 3 years, a monthly visit for 12 months all on organising against none, paired: change in per cent of the ratio of totals.',
    measure: (rows) => pairedMisuseRate(rows, 'noMentoring3', 'organising3'),
  },
  {
    id: 'grant-misuse',
    kind: 'calibration',
    title: 'A bigger grant brings more misuse',
    source: 'Gugerty & Kremer 2008 (RCT): outside funding drew members and leaders seeking it, more conflict; Olken 2007: money goes missing where unwatched',
    expected: { kind: 'between', low: 0, high: 150 },
    format: 'pct',
    uses: ['noMentoring3', 'grant50NoMentoring3'],
    method: 'Misuse committed per year of the group’s life in its first 3 years, Rp 50 million against Rp 25 million, both without mentoring, paired: change in per cent of the ratio of totals.',
    measure: (rows) => pairedMisuseRate(rows, 'noMentoring3', 'grant50NoMentoring3'),
  },
  {
    id: 'cempaka-tulip',
    kind: 'held-out',
    title: 'A group like Cempaka outlives a group like Tulip',
    source: 'Bogor case study (Sosio Konsepsia 2018): Cempaka active and successful, Tulip failed. One case each: read as "clearly more likely", at least 25 points',
    expected: { kind: 'atLeast', value: 25 },
    format: 'pp',
    uses: ['tulip3', 'cempaka3'],
    method: 'Share active at 3 years, scenarios/cempaka.json minus scenarios/tulip.json, paired by replication (percentage points). Both files hold only what the case study observed.',
    measure: (rows) => survivalDiffPp(need(rows, 'tulip3'), need(rows, 'cempaka3')),
  },
  {
    id: 'cempaka-active',
    kind: 'held-out',
    title: 'A group like Cempaka is more likely active than not at 3 years',
    source: 'Bogor case study: Cempaka active after some years (one case: its observed outcome read as the more likely one)',
    expected: { kind: 'atLeast', value: 0.5 },
    format: 'share',
    uses: ['cempaka3'],
    method: 'Share of replications of scenarios/cempaka.json active at 3 years.',
    measure: (rows) => activeShare(need(rows, 'cempaka3')),
  },
  {
    id: 'tulip-inactive',
    kind: 'held-out',
    title: 'A group like Tulip is more likely inactive than not at 3 years',
    source: 'Bogor case study: Tulip inactive (one case: its observed outcome read as the more likely one)',
    expected: { kind: 'atLeast', value: 0.5 },
    format: 'share',
    uses: ['tulip3'],
    method: 'Share of replications of scenarios/tulip.json stagnant or dissolved at 3 years.',
    measure: (rows) => inactiveShare(need(rows, 'tulip3')),
  },
  {
    id: 'weekly-survival',
    kind: 'held-out',
    title: 'Weekly meetings help survival, but do not guarantee it',
    source: 'Feigenberg, Field & Pande 2013: more contact and risk pooling; no estimate on group survival (read as −5 to +20 points)',
    expected: { kind: 'between', low: -5, high: 20 },
    format: 'pp',
    uses: ['default3', 'weekly3'],
    method: 'Share active at 3 years, weekly minus monthly meetings, paired (percentage points).',
    seen: 'its range was widened to −5 to +20 points after a probe before the first calibration; the stagnation rule changed in the third after it failed in the second; and from the ninth the split vote is counted every week because the weekly targets fell with splitThreshold',
    measure: (rows) => survivalDiffPp(need(rows, 'default3'), need(rows, 'weekly3')),
  },
  {
    id: 'organising-survival',
    kind: 'held-out',
    title: 'Organising mentoring helps groups survive, within what facilitation has been seen to do',
    source: 'Case study’s call for it; facilitated savings groups mostly survive (Karlan et al. 2017). No estimate: assumed 0 to +20 points',
    expected: { kind: 'between', low: 0, high: 20 },
    format: 'pp',
    uses: ['noMentoring3', 'organising3'],
    method: 'Share active at 3 years, organising mentoring minus none, paired (percentage points).',
    seen: 'the stagnation rule (third), the early-split route with splitThreshold (fourth) and livestock’s labour weight, 0.7 to 0.2 (fifth), were changed after it failed; the cap on the norm (seventh, adopted in the eighth) was probed with it',
    measure: (rows) => survivalDiffPp(need(rows, 'noMentoring3'), need(rows, 'organising3')),
  },
  {
    id: 'grant-survival',
    kind: 'held-out',
    title: 'Doubling the grant does not buy survival',
    source: 'Gugerty & Kremer 2008: funded groups did not become more active; Blattman et al. 2014: group grants went to individual use. Read as −15 to +5 points',
    expected: { kind: 'between', low: -15, high: 5 },
    format: 'pp',
    uses: ['noMentoring3', 'grant50NoMentoring3'],
    method: 'Share active at 3 years, Rp 50 million minus Rp 25 million, both without mentoring, paired (percentage points).',
    seen: 'from the fifth the money per member no longer sways the split vote, and from the sixth members’ hope grows with the grant per family, both after it failed',
    measure: (rows) => survivalDiffPp(need(rows, 'noMentoring3'), need(rows, 'grant50NoMentoring3')),
  },
  {
    id: 'size-survival',
    kind: 'held-out',
    title: 'Large groups do not survive better than groups of ten',
    source: 'Olson 1965; cohesion falls with size in farmer-group studies; Isaac & Walker 1988: small pure size effects in the lab. Read as −25 to +3 points',
    expected: { kind: 'between', low: -25, high: 3 },
    format: 'pp',
    uses: ['default5', 'size30'],
    method: 'Share active at 5 years, 30 families (grant Rp 75 million, the same per family) minus 10, paired (percentage points).',
    seen: 'loafing and a shared founding commitment (tenth), shared founding attitudes (eleventh), ordered dispositions and the share response (twelfth) and teamIncentive with loafingShare (thirteenth) were each chosen after probes of the size targets',
    measure: (rows) => survivalDiffPp(need(rows, 'default5'), need(rows, 'size30')),
  },
  {
    id: 'homogeneity-survival',
    kind: 'held-out',
    title: 'Socially similar groups survive at least as well',
    source: 'Karlan 2007 (social connections and group lending); Alesina & La Ferrara 2000: a direction, no size for groups. Read as −3 to +15 points',
    expected: { kind: 'between', low: -3, high: 15 },
    format: 'pp',
    uses: ['homogeneity02', 'homogeneity08'],
    method: 'Share active at 5 years, homogeneity 0.8 minus 0.2, paired (percentage points).',
    seen: 'its range was widened to −3 to +15 points after a probe before the first calibration',
    measure: (rows) => survivalDiffPp(need(rows, 'homogeneity02'), need(rows, 'homogeneity08')),
  },
  // Declared with the sixth calibration, before it ran: the business's profit under the levers
  // whose payouts the fifth calibration's effects showed far outside the evidence (docs/VALIDATION.md).
  {
    id: 'organising-profit',
    kind: 'held-out',
    title: 'Organising mentoring raises the business’s profit modestly, if at all',
    source: 'Karlan et al. 2017 (cluster RCT): facilitated savings groups, no effect on average consumption; Brooks et al. 2018: mentoring +20% in profits, fading. Read as −5% to +20% (docs/EVIDENCE.md §2)',
    expected: { kind: 'between', low: -5, high: 20 },
    format: 'pct',
    uses: ['noMentoring3', 'organising3'],
    method: 'The business’s profit per founding member over 3 years, a monthly visit for 12 months all on organising against none, paired: change in per cent.',
    seen: 'declared in the sixth after organising’s payout effect (+61%) had been seen; coordReturn’s prior was cut three times because it failed (eighth: 0.1–0.6 to 0–0.2, with a cap on the norm; ninth: 0–0.1; fourteenth: 0–0.06)',
    measure: (rows) => pairedChangeOf(need(rows, 'noMentoring3'), need(rows, 'organising3'), 'businessProfitMonthly'),
  },
  {
    id: 'grant-profit',
    kind: 'held-out',
    title: 'Doubling the grant raises profit by less than it raises the capital',
    source: 'de Mel, McKenzie & Woodruff 2008: returns of about 5% a month, none in women’s enterprises; Fafchamps et al. 2014: cash leaks; Blattman et al. 2014: earnings +38%. Read as 0 to +80% (docs/EVIDENCE.md §3, §4)',
    expected: { kind: 'between', low: 0, high: 80 },
    format: 'pct',
    uses: ['noMentoring3', 'grant50NoMentoring3'],
    method: 'The business’s profit per founding member over 3 years, Rp 50 million against Rp 25 million, both without mentoring, paired: change in per cent.',
    seen: 'declared in the sixth after the grant’s effect on payouts (+88%) had been seen; after it failed in the fourteenth, livestock’s capacity cap was replaced by diminishing returns to the herd (capitalElasticity, fifteenth), chosen after probes of it (a capital elasticity with costs proportional to the herd, and a return-on-capital target, were probed and not adopted)',
    measure: (rows) => pairedChangeOf(need(rows, 'noMentoring3'), need(rows, 'grant50NoMentoring3'), 'businessProfitMonthly'),
  },
  {
    id: 'weekly-profit',
    kind: 'held-out',
    title: 'Weekly meetings do not change the business’s profit much',
    source: 'Feigenberg, Field & Pande 2013: weekly meetings built ties and cut default; no effect on business income reported. Read as −10% to +15% (docs/EVIDENCE.md §6)',
    expected: { kind: 'between', low: -10, high: 15 },
    format: 'pct',
    uses: ['default3', 'weekly3'],
    method: 'The business’s profit per founding member over 3 years, weekly against monthly meetings, paired: change in per cent.',
    seen: 'declared in the sixth, with income read as profit instead of payouts, after weekly meetings’ payout effect (+25% against profit −1%) had been seen; the split vote counted every week from the ninth, as for weekly-survival',
    measure: (rows) => pairedChangeOf(need(rows, 'default3'), need(rows, 'weekly3'), 'businessProfitMonthly'),
  },
  {
    id: 'size-profit',
    kind: 'held-out',
    title: 'Large groups make less profit per family',
    source: 'Olson 1965; Isaac & Walker 1988: free riding and coordination costs grow with size; no field estimate. Read as −30% to +5% (docs/EVIDENCE.md §7)',
    expected: { kind: 'between', low: -30, high: 5 },
    format: 'pct',
    uses: ['default5', 'size30'],
    method: 'The business’s profit per founding member over 5 years, 30 families (grant Rp 75 million, the same per family) against 10, paired: change in per cent.',
    seen: 'declared in the sixth after the size effect had been seen; loafing and a shared founding commitment (tenth), ordered dispositions and the share response (twelfth) and the bound on the two size channels (thirteenth, after it failed in 38% of the worlds) were chosen with probes of it',
    measure: (rows) => pairedChangeOf(need(rows, 'default5'), need(rows, 'size30'), 'businessProfitMonthly'),
  },
];

/** Keys of the scenarios a set of targets runs, in TARGET_SCENARIOS order. */
export function scenariosOf(targets: readonly Target[]): ScenarioKey[] {
  const used = new Set(targets.flatMap((t) => t.uses));
  return (Object.keys(TARGET_SCENARIOS) as ScenarioKey[]).filter((k) => used.has(k));
}

/** The scenario of a key, from the files, in a world (constants), with the target's horizon. */
export function targetScenario(files: TargetFiles, key: ScenarioKey, constants?: Scenario['constants']): Scenario {
  const spec: TargetScenario = TARGET_SCENARIOS[key];
  const sc = withOverrides(files[spec.file], { ...spec.set, horizonWeeks: spec.weeks });
  return constants ? parseScenario({ ...sc, constants }) : sc;
}

/** The targets' estimates from their scenarios' rows, by target id. */
export function estimateTargets(targets: readonly Target[], rows: RowsByScenario): Record<string, Estimate> {
  return Object.fromEntries(targets.map((t) => [t.id, t.measure(rows)]));
}

/**
 * Measure targets in one world in this thread: `reps` replications of each scenario they use
 * (replication r of every scenario paired on common random numbers). The pool's version is the
 * CLI's (src/cli/worlds.ts); both write the same rows, so both give the same estimates.
 */
export function measureTargets(files: TargetFiles, targets: readonly Target[], reps: number, seed: number, constants?: Scenario['constants']): Record<string, Estimate> {
  const rows: RowsByScenario = {};
  for (const key of scenariosOf(targets)) {
    const sc = targetScenario(files, key, constants);
    const out = new Float64Array(reps * F);
    for (let r = 0; r < reps; r++) writeRunRow(simulate(sc, { seed, replication: r }), out, r * F);
    rows[key] = out;
  }
  return estimateTargets(targets, rows);
}

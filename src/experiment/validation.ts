/**
 * Validation: does the model reproduce what is known about KUBE and comparable groups? Seven
 * targets from the project's domain notes, each measured over many replications with a 95%
 * interval. A target passes only when its whole interval lies where the target says; an
 * interval that straddles the line is "inconclusive" (more replications may settle it) and does
 * not pass. Pure: scenarios come in as data, replications run in a plain loop, and the same
 * inputs give the same report.
 */
import { exp } from '../model/detmath.ts';
import { ELEMENT_KEYS, INDICATORS, ScenarioError, simulate, WEEKS_PER_MONTH, type RunResult, type Scenario } from '../model/index.ts';
import { withOverrides, type Override } from './jobs.ts';
import { weeksAlive } from './outcomes.ts';
import { proportion, RunningMean, Z95, type Estimate } from './stats.ts';

/** The scenario files the targets are measured on, by built-in name. */
export const VALIDATION_SCENARIOS = ['default', 'cempaka', 'tulip', 'meetings-weekly', 'meetings-monthly', 'business-poultry'] as const;
export type ValidationScenarioName = (typeof VALIDATION_SCENARIOS)[number];
export type ValidationScenarios = Record<ValidationScenarioName, Scenario>;

/** The run whose report docs/VALIDATION.md keeps: these replications and seed, no overrides. */
export const REFERENCE_RUN = { reps: 1000, seed: 1 } as const;

/** Where a measured value has to lie. */
export type Expectation =
  | { kind: 'atLeast'; value: number }
  | { kind: 'atMost'; value: number }
  | { kind: 'above'; value: number }
  | { kind: 'between'; low: number; high: number };

/** pass: the whole interval meets the target; fail: none of it does; inconclusive: it straddles. */
export type Verdict = 'pass' | 'inconclusive' | 'fail';

/** How a value is written: a share (as %), a difference on a 0–1 index, a ratio, rupiah. */
export type ValueFormat = 'share' | 'index' | 'ratio' | 'rupiah';

/** One measured component of a target (a target with several components passes when all do). */
export interface Measurement {
  label: string;
  measured: number;
  ci: [number, number];
  expected: Expectation;
  verdict: Verdict;
  /** How to write it, when not in the target's own format. */
  format?: ValueFormat;
  /** A figure shown for context only: it does not decide the verdict. */
  context?: boolean;
}

/** One validation target, measured. */
export interface TargetResult {
  /** Stable identifier, e.g. "cempaka-active". */
  id: string;
  /** Number of the target in the issue and in docs/VALIDATION.md (1a, 1b, 2, ...). */
  number: string;
  title: string;
  source: string;
  /** The target in words, e.g. "≥ 80%". */
  expected: string;
  expectation: Expectation;
  format: ValueFormat;
  /** The headline value: for a target with several components, the one closest to failing. */
  measured: number;
  ci: [number, number];
  verdict: Verdict;
  pass: boolean;
  /** Replications behind the headline value (fewer than asked when it counts only some runs). */
  n: number;
  /** Every component, when there is more than one; context figures otherwise. */
  parts: Measurement[];
  /** What exactly is measured, in one or two sentences. */
  method: string;
}

export interface ValidationReport {
  reps: number;
  seed: number;
  /** Overrides applied to every scenario ({} for none). */
  set: Override;
  targets: TargetResult[];
  passed: number;
  failed: number;
  /** Simulated replications in all (each distinct scenario once per replication). */
  runs: number;
}

export interface ValidationOptions {
  reps?: number;
  seed?: number;
  /** Parameter overrides (path → value) applied to every scenario, as `--set` does. */
  set?: Override;
  /** Called after each scenario's replications, with the number of scenarios done and in all. */
  onProgress?: (done: number, total: number, label: string) => void;
}

const WEEKS_3Y = 156;
const WEEKS_5Y = 260;
/** Lombok: the layer-hen group's income is reported "after 10 months". */
const INCOME_FROM_WEEK = Math.round(10 * WEEKS_PER_MONTH);
/** Facilitator visits per month compared by target 5 (0 to 3, one more each step). */
export const MENTORING_LEVELS = [0, 1, 2, 3] as const;
/** "Clearly above" for target 2: a difference of at least 0.10 on a 0–1 element index. */
export const ELEMENT_MARGIN = 0.1;

/** What validation keeps of one run: small, so thousands fit anywhere. */
interface Digest {
  inactive: boolean;
  active: boolean;
  breakdown: boolean;
  elements: Float64Array;
  meanTrust: number;
  /** Profit paid per member present, per month, from month 10 to the horizon (Rp). */
  incomeFromMonth10: number;
  exitShare: number;
}

function digest(r: RunResult): Digest {
  const o = r.outcome;
  const end = weeksAlive(r);
  const elements = new Float64Array(ELEMENT_KEYS.length);
  for (let k = 0; k < ELEMENT_KEYS.length; k++) elements[k] = meanTo(r.series[ELEMENT_KEYS[k]], end);
  let misused = false;
  for (let t = 0; t < end && !misused; t++) misused = r.series.misuse[t] > 0;
  let paid = 0;
  for (let t = INCOME_FROM_WEEK; t < end; t++) {
    const members = r.series.activeMembers[t];
    if (members > 0) paid += r.series.payouts[t] / members;
  }
  const months = (r.weeks - INCOME_FROM_WEEK) / WEEKS_PER_MONTH;
  return {
    inactive: o.status !== 'active',
    active: o.status === 'active',
    breakdown: o.status === 'dissolved' || misused,
    elements,
    meanTrust: meanTo(r.series.meanTrust, end),
    incomeFromMonth10: months > 0 ? paid / months : 0,
    exitShare: o.exitsPerMember,
  };
}

function meanTo(s: Float64Array, end: number): number {
  let sum = 0;
  for (let t = 0; t < end; t++) sum += s[t];
  return end > 0 ? sum / end : 0;
}

/** Whether an interval meets an expectation wholly, partly or not at all. */
export function verdictOf(ci: [number, number], e: Expectation): Verdict {
  const [lo, hi] = ci;
  if (Number.isNaN(lo) || Number.isNaN(hi)) return 'fail';
  switch (e.kind) {
    case 'atLeast':
      return lo >= e.value ? 'pass' : hi < e.value ? 'fail' : 'inconclusive';
    case 'atMost':
      return hi <= e.value ? 'pass' : lo > e.value ? 'fail' : 'inconclusive';
    case 'above':
      return lo > e.value ? 'pass' : hi <= e.value ? 'fail' : 'inconclusive';
    case 'between':
      return lo >= e.low && hi <= e.high ? 'pass' : hi < e.low || lo > e.high ? 'fail' : 'inconclusive';
  }
}

const RANK: Record<Verdict, number> = { pass: 0, inconclusive: 1, fail: 2 };

/** Distance of an interval from failing its expectation (smaller is closer to failing). */
function slack(m: Measurement): number {
  const e = m.expected;
  if (e.kind === 'atLeast' || e.kind === 'above') return m.ci[0] - e.value;
  if (e.kind === 'atMost') return e.value - m.ci[1];
  return Math.min(m.ci[0] - e.low, e.high - m.ci[1]);
}

function measurement(label: string, est: Estimate, expected: Expectation): Measurement {
  return { label, measured: est.mean, ci: est.ci, expected, verdict: verdictOf(est.ci, expected) };
}

/** A figure shown for context beside a target; it does not decide the verdict. */
function context(label: string, est: Estimate, format: ValueFormat): Measurement {
  return { ...measurement(label, est, { kind: 'atLeast', value: Number.NEGATIVE_INFINITY }), format, context: true };
}

/** Paired mean difference b − a over replications. */
function pairedDiff(a: readonly number[], b: readonly number[]): Estimate {
  const m = new RunningMean();
  for (let r = 0; r < a.length; r++) m.add(b[r] - a[r]);
  return m.estimate();
}

/**
 * Ratio of two proportions measured on the same replications, p_a / p_b, with a delta-method
 * 95% interval on the log scale that accounts for the pairing (Agresti 2002, §10.1).
 */
export function pairedRiskRatio(a: readonly boolean[], b: readonly boolean[]): Estimate {
  const n = a.length;
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let r = 0; r < n; r++) {
    if (a[r]) na++;
    if (b[r]) nb++;
    if (a[r] && b[r]) both++;
  }
  if (n === 0 || na === 0) return { mean: 0, ci: [0, nb === 0 ? Number.NaN : 0], n };
  if (nb === 0) return { mean: Number.POSITIVE_INFINITY, ci: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], n };
  const pa = na / n;
  const pb = nb / n;
  const cov = (both / n - pa * pb) / n;
  const varLog = (pa * (1 - pa)) / n / (pa * pa) + (pb * (1 - pb)) / n / (pb * pb) - (2 * cov) / (pa * pb);
  const half = Z95 * Math.sqrt(Math.max(0, varLog));
  const ratio = pa / pb;
  return { mean: ratio, ci: [ratio * exp(-half), ratio * exp(half)], n };
}

function meanOf(xs: readonly number[]): Estimate {
  const m = new RunningMean();
  for (const x of xs) m.add(x);
  return m.estimate();
}

function share(flags: readonly boolean[]): Estimate {
  let k = 0;
  for (const f of flags) if (f) k++;
  return proportion(k, flags.length);
}

/** Set by validation itself for each target, so an override of them would be silently lost. */
const FIXED: Record<string, string> = {
  horizonWeeks: 'each target is measured at its own horizon (156 or 260 weeks)',
  seed: 'the seed of a validation run is its --seed option',
};

/**
 * Every scenario with the overrides applied; an unknown path, a value out of range or a path
 * that validation fixes itself throws a ScenarioError naming the path, the value and why.
 */
export function applyOverrides(scenarios: ValidationScenarios, set: Override): ValidationScenarios {
  const fixed = Object.keys(set).filter((path) => path in FIXED);
  if (fixed.length) {
    throw new ScenarioError(
      fixed.map((path) => ({ path, value: String(set[path]), allowed: 'not settable in validate', message: `${path}: cannot be set for validation: ${FIXED[path]}` })),
      '--set',
    );
  }
  if (!Object.keys(set).length) return scenarios;
  // A value out of range is reported once, for the default scenario; a cross-parameter clash
  // that only one scenario has names that scenario.
  return Object.fromEntries(
    VALIDATION_SCENARIOS.map((name) => [name, withOverrides(scenarios[name], set, name === 'default' ? '--set' : `--set on scenario ${name}`)]),
  ) as ValidationScenarios;
}

function withHorizon(sc: Scenario, weeks: number): Scenario {
  return { ...sc, horizonWeeks: weeks };
}

function withVisits(sc: Scenario, visitsPerMonth: number): Scenario {
  const iv = sc.intervention;
  return { ...sc, intervention: { ...iv, mentoring: { ...iv.mentoring, visitsPerMonth } } };
}

/** Words for an expectation, in the format of the value. */
export function expectationText(e: Expectation, format: ValueFormat): string {
  const f = (x: number) => formatValue(x, format);
  switch (e.kind) {
    case 'atLeast':
      return `≥ ${f(e.value)}`;
    case 'atMost':
      return `≤ ${f(e.value)}`;
    case 'above':
      return `> ${f(e.value)}`;
    case 'between':
      return `${f(e.low)} to ${f(e.high)}`;
  }
}

export function formatValue(x: number, format: ValueFormat): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : x < 0 ? '−∞' : '∞';
  switch (format) {
    case 'share':
      return `${(100 * x).toFixed(1)}%`;
    case 'index':
      return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
    case 'ratio':
      return `${x.toFixed(2)}×`;
    case 'rupiah':
      return `Rp ${String(Math.round(x / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}k`;
  }
}

/** "83.0% [80.6% – 85.2%]" */
export function estimateText(measured: number, ci: [number, number], format: ValueFormat): string {
  return `${formatValue(measured, format)} [${formatValue(ci[0], format)} – ${formatValue(ci[1], format)}]`;
}

interface TargetSpec {
  id: string;
  number: string;
  title: string;
  source: string;
  format: ValueFormat;
  method: string;
  n?: number;
}

function target(spec: TargetSpec, parts: Measurement[], context: Measurement[] = []): TargetResult {
  // The headline is the component nearest to failing: the worst verdict, then the least slack.
  const head = [...parts].sort((x, y) => RANK[y.verdict] - RANK[x.verdict] || slack(x) - slack(y))[0];
  return {
    id: spec.id,
    number: spec.number,
    title: spec.title,
    source: spec.source,
    expected: expectationText(head.expected, spec.format) + (parts.length > 1 ? ` (each of ${parts.length})` : ''),
    expectation: head.expected,
    format: spec.format,
    measured: head.measured,
    ci: head.ci,
    verdict: head.verdict,
    pass: head.verdict === 'pass',
    n: spec.n ?? 0,
    parts: parts.length > 1 ? parts : context,
    method: spec.method,
  };
}

/**
 * Run every target. Each distinct scenario is simulated once per replication (seed `seed`,
 * replications 0…reps−1), so scenarios are compared on common random numbers.
 */
export function runValidation(scenarios: ValidationScenarios, opts: ValidationOptions = {}): ValidationReport {
  const reps = opts.reps ?? 1000;
  const seed = opts.seed ?? 1;
  const set = opts.set ?? {};
  if (!Number.isInteger(reps) || reps < 2) throw new RangeError(`reps: got ${reps}; allowed: a whole number of at least 2`);
  scenarios = applyOverrides(scenarios, set);
  const base = scenarios.default;
  const plan: [string, Scenario][] = [
    ['cempaka', withHorizon(scenarios.cempaka, WEEKS_3Y)],
    ['tulip', withHorizon(scenarios.tulip, WEEKS_3Y)],
    ['default, 5 years', withHorizon(base, WEEKS_5Y)],
    ['meetings-monthly', withHorizon(scenarios['meetings-monthly'], WEEKS_3Y)],
    ['meetings-weekly', withHorizon(scenarios['meetings-weekly'], WEEKS_3Y)],
    ['business-poultry', withHorizon(scenarios['business-poultry'], WEEKS_3Y)],
    ...MENTORING_LEVELS.map((v): [string, Scenario] => [`default, ${v} visits/month, 5 years`, withHorizon(withVisits(base, v), WEEKS_5Y)]),
  ];
  // Identical scenarios (the default at one visit a month, say) are simulated once.
  const byKey = new Map<string, Digest[]>();
  const runs: Record<string, Digest[]> = {};
  let done = 0;
  let simulated = 0;
  for (const [label, sc] of plan) {
    const key = JSON.stringify(sc);
    let ds = byKey.get(key);
    if (!ds) {
      ds = [];
      for (let r = 0; r < reps; r++) ds.push(digest(simulate(sc, { seed, replication: r })));
      byKey.set(key, ds);
      simulated += reps;
    }
    runs[label] = ds;
    opts.onProgress?.(++done, plan.length, label);
  }
  const col = <K extends keyof Digest>(label: string, k: K): Digest[K][] => runs[label].map((d) => d[k]);

  const targets: TargetResult[] = [];
  const cempaka = share(col('cempaka', 'active'));
  targets.push(
    target(
      { id: 'cempaka-active', number: '1a', title: 'Cempaka-like groups are still active after 3 years', source: 'Bogor case study (Sosio Konsepsia 2018): Cempaka active and successful', format: 'share', method: 'Share of replications of scenarios/cempaka.json whose status is active (not stagnant, not dissolved) at week 156.', n: reps },
      [measurement('active at 3 years', cempaka, { kind: 'atLeast', value: 0.8 })],
    ),
  );
  const tulip = share(col('tulip', 'inactive'));
  targets.push(
    target(
      { id: 'tulip-inactive', number: '1b', title: 'Tulip-like groups are inactive or dissolved within 3 years', source: 'Bogor case study (Sosio Konsepsia 2018): Tulip inactive, failed', format: 'share', method: 'Share of replications of scenarios/tulip.json that are stagnant or dissolved at week 156.', n: reps },
      [measurement('inactive at 3 years', tulip, { kind: 'atLeast', value: 0.8 })],
    ),
  );

  const elementParts = ELEMENT_KEYS.map((key, k) => {
    const ind = INDICATORS.find((d) => d.key === key)!;
    const diff = pairedDiff(
      runs.tulip.map((d) => d.elements[k]),
      runs.cempaka.map((d) => d.elements[k]),
    );
    return measurement(`${ind.text.en} (${ind.text.id})`, diff, { kind: 'atLeast', value: ELEMENT_MARGIN });
  });
  targets.push(
    target(
      { id: 'elements-cempaka-above-tulip', number: '2', title: "Cempaka's nine group-dynamics elements sit clearly above Tulip's", source: 'Bogor case study: good group dynamics in Cempaka, none in Tulip', format: 'index', method: `For each of the nine elements (0–1 indices), the run average (over the weeks the group existed) in Cempaka minus that in Tulip, paired by replication; every difference must be at least ${ELEMENT_MARGIN} (a third of a low/medium/high Likert band).`, n: reps },
      elementParts,
    ),
  );

  const inactive5 = share(col('default, 5 years', 'inactive'));
  targets.push(
    target(
      { id: 'default-inactive-5y', number: '3', title: 'The default group is inactive or dissolved after 5 years in 30–60% of runs', source: 'Batu: 21 of 42 KUBEs inactive about five years after a 2015 start (Putro, Saiman & Sihidi 2020)', format: 'share', method: 'Share of replications of scenarios/default.json run for 260 weeks that are stagnant or dissolved at the end.', n: reps },
      [measurement('inactive at 5 years', inactive5, { kind: 'between', low: 0.3, high: 0.6 })],
    ),
  );

  const monthly = col('meetings-monthly', 'breakdown');
  const weekly = col('meetings-weekly', 'breakdown');
  const ratio = pairedRiskRatio(monthly, weekly);
  targets.push(
    target(
      { id: 'weekly-meetings-breakdown', number: '4a', title: 'Weekly meetings cut breakdowns (dissolution or misuse) by a factor of 2 to 4', source: 'Feigenberg, Field & Pande 2013 (RCT): weekly groups about 3 times less likely to default', format: 'ratio', method: 'Share of monthly-meeting runs (scenarios/meetings-monthly.json) with a breakdown in 3 years (the group dissolved, or an officer misused money) divided by that share in weekly-meeting runs (scenarios/meetings-weekly.json), paired by replication; delta-method interval on the log ratio.', n: reps },
      [measurement('breakdown ratio, monthly ÷ weekly', ratio, { kind: 'between', low: 2, high: 4 })],
      [
        context('breakdown share, monthly meetings', share(monthly), 'share'),
        context('breakdown share, weekly meetings', share(weekly), 'share'),
      ],
    ),
  );
  const trustDiff = pairedDiff(col('meetings-monthly', 'meanTrust'), col('meetings-weekly', 'meanTrust'));
  targets.push(
    target(
      { id: 'weekly-meetings-trust', number: '4b', title: 'Weekly meetings leave more trust than monthly meetings', source: 'Feigenberg, Field & Pande 2013: more social contact and risk pooling two years on', format: 'index', method: 'Mean trust among active members (0–1), averaged over the weeks the group existed, weekly minus monthly meetings, paired by replication.', n: reps },
      [measurement('mean trust, weekly − monthly', trustDiff, { kind: 'above', value: 0 })],
    ),
  );

  const survival = MENTORING_LEVELS.map((v) => col(`default, ${v} visits/month, 5 years`, 'active').map((a) => (a ? 1 : 0)));
  const gains = MENTORING_LEVELS.slice(1).map((v, k) => ({ v, est: pairedDiff(survival[k], survival[k + 1]) }));
  targets.push(
    target(
      { id: 'mentoring-raises-survival', number: '5a', title: 'Survival rises with mentoring intensity', source: 'Bogor case study and programme evaluations ("lack of mentoring and monitoring")', format: 'share', method: 'Share of default groups active at 5 years with 0, 1, 2 and 3 facilitator visits a month (for the default 12 months), paired by replication: each extra visit a month must raise it.', n: reps },
      gains.map(({ v, est }) => measurement(`survival gain, ${v - 1} → ${v} visits/month`, est, { kind: 'above', value: 0 })),
    ),
  );
  const steps = gains.slice(1).map((g, k) => {
    const earlier = gains[k];
    const drop = pairedDiff(
      survival[k + 2].map((s, r) => s - survival[k + 1][r]),
      survival[k + 1].map((s, r) => s - survival[k][r]),
    );
    return measurement(`gain of visit ${earlier.v} − gain of visit ${g.v}`, drop, { kind: 'above', value: 0 });
  });
  targets.push(
    target(
      { id: 'mentoring-diminishing-returns', number: '5b', title: 'Each extra visit a month buys less survival than the one before', source: 'Expectation of issue 3; no field estimate of the dose-response was found', format: 'share', method: 'From the same runs as 5a: the survival gain of each visit minus the gain of the next, paired by replication; each must be positive.', n: reps },
      steps,
      MENTORING_LEVELS.map((v, k) => context(`survival at ${v} visits/month`, meanOf(survival[k]), 'share')),
    ),
  );

  const poultry = runs['business-poultry'];
  const successful = poultry.filter((d) => d.active).map((d) => d.incomeFromMonth10);
  targets.push(
    target(
      { id: 'successful-income', number: '6', title: 'Successful groups on a Rp 25 million grant pay members about Rp 100–150 thousand a month', source: 'A layer-hen KUBE in Lombok Utara, 2018: about Rp 1.5 million a month after 10 months, about Rp 150 thousand per member', format: 'rupiah', method: 'Among replications of scenarios/business-poultry.json (layer hens, Rp 25 million) still active at week 156: profit paid out per member present per month, from month 10 to month 36.', n: successful.length },
      [measurement('income per member per month, successful groups', meanOf(successful), { kind: 'between', low: 100_000, high: 150_000 })],
      [context('share of poultry groups active at 3 years', share(poultry.map((d) => d.active)), 'share')],
    ),
  );

  const survivors = runs['default, 5 years'].filter((d) => d.active).map((d) => d.exitShare);
  targets.push(
    target(
      { id: 'members-leave', number: '7', title: 'Members leave over time even in surviving groups (about a fifth)', source: 'Self-help groups in India: about 20% of members had left (Baland, Somanathan & Vandewalle 2008)', format: 'share', method: 'Among default groups still active at 5 years: share of the founding members who have left. Expected "about a fifth", read as 10–30%.', n: survivors.length },
      [measurement('share of founding members gone, surviving groups, 5 years', meanOf(survivors), { kind: 'between', low: 0.1, high: 0.3 })],
    ),
  );

  const passed = targets.filter((t) => t.pass).length;
  return { reps, seed, set, targets, passed, failed: targets.length - passed, runs: simulated };
}

/** The report as a plain-text table for a terminal. */
export function renderText(report: ValidationReport): string {
  const rows = report.targets.map((t) => [t.number, t.title, t.expected, estimateText(t.measured, t.ci, t.format), t.verdict.toUpperCase()]);
  const head = ['#', 'target', 'expected', 'measured [95% interval]', 'result'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  const out = [
    `Validation: ${report.reps} replications per scenario, seed ${report.seed} (${report.runs} runs)${setText(report.set, 'with ')}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  for (const t of report.targets) {
    if (!t.parts.length) continue;
    out.push(`${t.number} ${t.title}:`);
    for (const p of t.parts) out.push(`    ${p.label}: ${estimateText(p.measured, p.ci, p.format ?? t.format)}`);
  }
  out.push('', `${report.passed} of ${report.targets.length} targets pass${report.failed ? `; ${report.failed} do not` : ''}.`, '');
  return out.join('\n');
}

/** "with --set a=1 --set b=2 on every scenario", or '' without overrides. */
function setText(set: Override, lead: string): string {
  const items = Object.entries(set).map(([k, v]) => `--set ${k}=${v}`);
  return items.length ? `, ${lead}${items.join(' ')} on every scenario` : '';
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** The report as the Markdown section that `kube-sim validate` writes into docs/VALIDATION.md. */
export function renderMarkdown(report: ValidationReport, command: string): string {
  const out = [
    `Measured by \`${command}\`: ${report.reps} replications per scenario, seed ${report.seed}, ${report.runs} runs in all${setText(report.set, '')}. ` +
      'A target passes when its whole 95% interval lies inside the expected range; *inconclusive* means the interval straddles the line.',
    '',
    '| # | target | source | expected | measured [95% interval] | result |',
    '|---|---|---|---|---|---|',
    ...report.targets.map(
      (t) => `| ${t.number} | ${escapeCell(t.title)} | ${escapeCell(t.source)} | ${escapeCell(t.expected)} | ${estimateText(t.measured, t.ci, t.format)} | ${t.pass ? 'pass' : `**${t.verdict}**`} |`,
    ),
    '',
    `**${report.passed} of ${report.targets.length} targets pass.**`,
    '',
    'How each is measured, with every component:',
    '',
  ];
  for (const t of report.targets) {
    out.push(`- **${t.number}** ${t.method}${t.n !== report.reps ? ` (${t.n} runs counted.)` : ''}`);
    for (const p of t.parts) out.push(`  - ${p.label}: ${estimateText(p.measured, p.ci, p.format ?? t.format)}`);
  }
  out.push('');
  return out.join('\n');
}

export const SECTION_BEGIN = '<!-- validate:begin (written by kube-sim validate; do not edit by hand) -->';
export const SECTION_END = '<!-- validate:end -->';

/**
 * Put the measured section into a document between the markers, leaving the rest as it is. A
 * document without the markers gets the section appended under a heading.
 */
export function spliceSection(doc: string, section: string): string {
  const block = `${SECTION_BEGIN}\n${section.trimEnd()}\n${SECTION_END}`;
  const a = doc.indexOf(SECTION_BEGIN);
  const b = doc.indexOf(SECTION_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + block + doc.slice(b + SECTION_END.length);
  return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}## Results\n\n${block}\n`;
}

/** The report as one JSON-ready object: `set` (the overrides) and `targets` with id, expected, measured, ci and pass. */
export function reportJson(report: ValidationReport) {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const m = (x: Measurement) =>
    x.context
      ? { label: x.label, measured: finite(x.measured), ci: x.ci.map(finite), context: true }
      : { label: x.label, measured: finite(x.measured), ci: x.ci.map(finite), expected: x.expected, verdict: x.verdict };
  return {
    reps: report.reps,
    seed: report.seed,
    set: report.set,
    runs: report.runs,
    passed: report.passed,
    failed: report.failed,
    targets: report.targets.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      source: t.source,
      expected: t.expected,
      expectation: t.expectation,
      measured: finite(t.measured),
      ci: t.ci.map(finite),
      pass: t.pass,
      verdict: t.verdict,
      n: t.n,
      method: t.method,
      parts: t.parts.map(m),
    })),
  };
}

/**
 * Validation across the plausible worlds: every declared target (targets.ts), calibration and
 * held-out alike, measured in each world with a 95% interval. In one world a target passes when
 * its whole interval lies in the expected range; the target passes when it does so in at least
 * 90% of the worlds. Pure: the measurements come in as data (measured in this thread by
 * `validateInProcess`, or on the pool by the CLI), and the same inputs give the same report.
 */
import { withOverrides, type Override } from './jobs.ts';
import type { Estimate } from './stats.ts';
import { measureTargets, TARGET_FILES, TARGETS, type Expectation, type Target, type TargetFiles, type TargetKind, type ValueFormat } from './targets.ts';
import { ScenarioError, type World } from '../model/index.ts';

/** The run whose report docs/VALIDATION.md keeps: these replications per world and seed, every world, no overrides. */
export const REFERENCE_RUN = { reps: 1000, seed: 1 } as const;

/** Share of the plausible worlds in which a target must pass. */
export const WORLD_SHARE = 0.9;

/** pass: the whole interval meets the target; fail: none of it does; inconclusive: it straddles. */
export type Verdict = 'pass' | 'inconclusive' | 'fail';

/** A target in one world. */
export interface WorldResult {
  measured: number;
  ci: [number, number];
  verdict: Verdict;
}

export interface TargetResult {
  id: string;
  kind: TargetKind;
  title: string;
  source: string;
  /** The target in words, e.g. "35.0% to 65.0%". */
  expected: string;
  expectation: Expectation;
  format: ValueFormat;
  method: string;
  /** What was declared or changed with the target's results in view (held-out targets; Target.seen). */
  seen?: string;
  /** In the central world. */
  measured: number;
  ci: [number, number];
  verdict: Verdict;
  /** Share of the worlds in which the target passes, and how many worlds. */
  worldsPassing: number;
  worlds: number;
  pass: boolean;
  perWorld: WorldResult[];
}

export interface ValidationReport {
  reps: number;
  seed: number;
  set: Override;
  /** Worlds measured, and which of them is the central one (index into them). */
  worlds: number;
  central: number;
  runs: number;
  targets: TargetResult[];
  passed: number;
  failed: number;
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
    case 'between':
      return lo >= e.low && hi <= e.high ? 'pass' : hi < e.low || lo > e.high ? 'fail' : 'inconclusive';
  }
}

/** Set by validation itself for each target, so an override of them would be silently lost. */
const FIXED: Record<string, string> = {
  horizonWeeks: 'each target is measured at its own horizon (156 or 260 weeks)',
  seed: 'the seed of a validation run is its --seed option',
};

/**
 * The target files with the overrides applied; an unknown path, a value out of range or a path
 * that validation fixes itself throws a ScenarioError naming the path, the value and why.
 */
export function applyOverrides(files: TargetFiles, set: Override): TargetFiles {
  const fixed = Object.keys(set).filter((path) => path in FIXED);
  if (fixed.length) {
    throw new ScenarioError(
      fixed.map((path) => ({ path, value: String(set[path]), allowed: 'not settable in validate', message: `${path}: cannot be set for validation: ${FIXED[path]}` })),
      '--set',
    );
  }
  if (!Object.keys(set).length) return files;
  return Object.fromEntries(TARGET_FILES.map((name) => [name, withOverrides(files[name], set, name === 'default' ? '--set' : `--set on scenario ${name}`)])) as TargetFiles;
}

/** The report from each world's estimates (perWorld[w][target id]); `central` indexes perWorld. */
export function validationReport(
  targets: readonly Target[],
  perWorld: readonly Record<string, Estimate>[],
  opts: { central: number; reps: number; seed: number; set?: Override; runs: number },
): ValidationReport {
  const results = targets.map((t): TargetResult => {
    const worlds = perWorld.map((est): WorldResult => {
      const e = est[t.id];
      return { measured: e.mean, ci: e.ci, verdict: verdictOf(e.ci, t.expected) };
    });
    const passing = worlds.filter((w) => w.verdict === 'pass').length / worlds.length;
    const c = worlds[opts.central];
    return {
      id: t.id,
      kind: t.kind,
      title: t.title,
      source: t.source,
      expected: expectationText(t.expected, t.format),
      expectation: t.expected,
      format: t.format,
      method: t.method,
      ...(t.seen ? { seen: t.seen } : {}),
      measured: c.measured,
      ci: c.ci,
      verdict: c.verdict,
      worldsPassing: passing,
      worlds: worlds.length,
      pass: passing >= WORLD_SHARE,
      perWorld: worlds,
    };
  });
  const passed = results.filter((t) => t.pass).length;
  return { reps: opts.reps, seed: opts.seed, set: opts.set ?? {}, worlds: perWorld.length, central: opts.central, runs: opts.runs, targets: results, passed, failed: results.length - passed };
}

/** Validation in this thread (tests, small checks): every target in each world. */
export function validateInProcess(files: TargetFiles, worlds: readonly World[], opts: { central?: number; reps: number; seed?: number; set?: Override; targets?: readonly Target[] }): ValidationReport {
  const seed = opts.seed ?? REFERENCE_RUN.seed;
  const targets = opts.targets ?? TARGETS;
  const f = applyOverrides(files, opts.set ?? {});
  const perWorld = worlds.map((w) => measureTargets(f, targets, opts.reps, seed, w));
  const scenarios = new Set(targets.flatMap((t) => t.uses)).size;
  return validationReport(targets, perWorld, { central: opts.central ?? 0, reps: opts.reps, seed, set: opts.set, runs: worlds.length * scenarios * opts.reps });
}

/** Words for an expectation, in the format of the value. */
export function expectationText(e: Expectation, format: ValueFormat): string {
  const f = (x: number) => formatValue(x, format);
  switch (e.kind) {
    case 'atLeast':
      return `≥ ${f(e.value)}`;
    case 'atMost':
      return `≤ ${f(e.value)}`;
    case 'between':
      return `${f(e.low)} to ${f(e.high)}`;
  }
}

export function formatValue(x: number, format: ValueFormat): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : x < 0 ? '−∞' : '∞';
  const signed = (s: string) => (x >= 0 ? `+${s}` : `−${s.replace('-', '')}`);
  switch (format) {
    case 'share':
      return `${(100 * x).toFixed(1)}%`;
    case 'pp':
      return `${signed(x.toFixed(1))} pp`;
    case 'pct':
      return `${signed(x.toFixed(1))}%`;
    case 'number':
      return x.toFixed(2);
    case 'rupiah':
      return `Rp ${String(Math.round(x / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}k`;
  }
}

/** "83.0% [80.6% – 85.2%]" */
export function estimateText(measured: number, ci: [number, number], format: ValueFormat): string {
  return `${formatValue(measured, format)} [${formatValue(ci[0], format)} – ${formatValue(ci[1], format)}]`;
}

const pctText = (x: number) => `${(100 * x).toFixed(0)}%`;

/** The report as a plain-text table for a terminal. */
export function renderText(report: ValidationReport): string {
  const seen = seenText(report);
  const rows = report.targets.map((t) => [t.kind, t.id, t.expected, estimateText(t.measured, t.ci, t.format), `${pctText(t.worldsPassing)} of ${t.worlds}`, t.pass ? 'PASS' : 'FAIL']);
  const head = ['kind', 'target', 'expected', 'central world [95% interval]', 'worlds passing', 'result'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  return [
    `Validation: ${report.worlds} plausible worlds × ${report.reps} replications per scenario, seed ${report.seed} (${report.runs} runs)${setText(report.set, 'with ')}. A target passes when its 95% interval lies in the expected range in at least ${pctText(WORLD_SHARE)} of the worlds.`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${report.passed} of ${report.targets.length} targets pass${report.failed ? `; ${report.failed} ${report.failed === 1 ? 'does' : 'do'} not` : ''}.`,
    ...(seen.length ? ['', ...seen] : []),
    '',
  ].join('\n');
}

/** The held-out targets declared or changed with their results in view, one line each (empty if none). */
function seenText(report: ValidationReport): string[] {
  const seen = report.targets.filter((t) => t.seen);
  if (!seen.length) return [];
  const heldOut = report.targets.filter((t) => t.kind === 'held-out').length;
  return [
    `Not wholly out of sample: ${seen.length} of the ${heldOut} held-out targets were declared, or saw the model, a prior or their own range changed, with their results in view (docs/VALIDATION.md, "How held out the held-out targets are"):`,
    ...seen.map((t) => `- ${t.id}: ${t.seen}`),
  ];
}

/** "with --set a=1 --set b=2 on every scenario", or '' without overrides. */
function setText(set: Override, lead: string): string {
  const items = Object.entries(set).map(([k, v]) => `--set ${k}=${v}`);
  return items.length ? `, ${lead}${items.join(' ')} on every scenario` : '';
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

const bold = (text: string) => '**' + text + '**';

/** The report as the Markdown section that `kube-sim validate` writes into docs/VALIDATION.md. */
export function renderMarkdown(report: ValidationReport, command: string): string {
  const passing = (kind: TargetKind) => `${report.targets.filter((t) => t.kind === kind && t.pass).length} of ${report.targets.filter((t) => t.kind === kind).length}`;
  const out = [
    `Measured by \`${command}\`: ${report.worlds} plausible worlds × ${report.reps} replications per scenario, seed ${report.seed}, ${report.runs} runs in all${setText(report.set, '')}. ` +
      `In one world a target passes when its whole 95% interval lies in the expected range; a target passes when it does so in at least ${pctText(WORLD_SHARE)} of the worlds. *Central world* is the calibration’s central world.`,
    '',
    '| kind | target | source | expected | central world [95% interval] | worlds passing | result |',
    '|---|---|---|---|---|---|---|',
    ...report.targets.map(
      (t) =>
        `| ${t.kind} | ${escapeCell(t.title)} (\`${t.id}\`) | ${escapeCell(t.source)} | ${escapeCell(t.expected)} | ${estimateText(t.measured, t.ci, t.format)} | ${pctText(t.worldsPassing)} of ${t.worlds} | ${t.pass ? 'pass' : bold('fail')} |`,
    ),
    '',
    `${bold(`${report.passed} of ${report.targets.length} targets pass`)} (${passing('calibration')} calibration, ${passing('held-out')} held-out).`,
    '',
    'How each is measured:',
    '',
    ...report.targets.map((t) => `- **${t.id}** (${t.kind}) ${t.method}${t.seen ? ` *With its results in view:* ${t.seen}` : ''}`),
    '',
  ];
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

/** The report as one JSON-ready object, with stable keys. */
export function reportJson(report: ValidationReport) {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    reps: report.reps,
    seed: report.seed,
    set: report.set,
    worlds: report.worlds,
    central: report.central,
    runs: report.runs,
    passed: report.passed,
    failed: report.failed,
    worldShareRequired: WORLD_SHARE,
    targets: report.targets.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      source: t.source,
      expected: t.expected,
      expectation: t.expectation,
      measured: finite(t.measured),
      ci: t.ci.map(finite),
      verdict: t.verdict,
      worldsPassing: t.worldsPassing,
      worlds: t.worlds,
      pass: t.pass,
      method: t.method,
      seen: t.seen ?? null,
      perWorld: t.perWorld.map((w) => ({ measured: finite(w.measured), ci: w.ci.map(finite), verdict: w.verdict })),
    })),
  };
}

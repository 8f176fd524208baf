/**
 * "How sure is this?": the comparison on show (pinned A against B) run again across plausible
 * worlds, as `kube-sim compare A B --worlds W --worlds-from SOURCE --reps R --seed S` runs it, on
 * the page's Workers (src/runner/worlds.ts, the command line's own code). Pure apart from the
 * bundled worlds file: the form's and the link's checks, the worlds, the summary the panel shows
 * (the share of worlds where B keeps more groups active, each world's difference, PRIM's rule of
 * where B fails) and the command line that gives the same numbers.
 */
import { z } from 'zod';
import {
  chooseWorlds,
  CONSTANT_LABELS,
  discoverWorlds,
  formatBound,
  parseWorldsFile,
  summariseWorlds,
  type Discovery,
  type Share,
  type World,
  type WorldResult,
  type WorldsSource,
} from '../../src/browser.ts';
import { DICTS, formats, type Lang } from './i18n.ts';
import { checkWhole, cliCommand, type FieldProblem, type Settings } from './settings.ts';

const files = import.meta.glob<{ default: unknown }>('../../scenarios/worlds/model-v2.json', { eager: true });

/** The calibration's plausible worlds (scenarios/worlds/model-v2.json), bundled and checked. */
export const WORLDS_FILE = parseWorldsFile(Object.values(files)[0]?.default, 'scenarios/worlds/model-v2.json');
export const CALIBRATED_WORLDS = WORLDS_FILE.worlds.length;

/**
 * The outcomes the panel can ask about: groups still active at the end (the default), the
 * business's profit per member per month, and income paid out per member per month. Every world's
 * results hold all three, so a change of outcome needs no new runs.
 */
export const HOW_SURE_OUTCOMES = ['survived', 'businessProfitMonthly', 'memberIncomeMonthly'] as const;
export type HowSureOutcome = (typeof HOW_SURE_OUTCOMES)[number];
export const HOW_SURE_OUTCOME: HowSureOutcome = 'survived';

/** Limits of what the browser runs across worlds (the command line has none of these). */
export const HOW_SURE_LIMITS = {
  worlds: 1000,
  reps: 1000,
  /** Runs in all: worlds × replications × 2 packages. */
  runs: 200_000,
  /** Worlds drawn from the priors by default: PRIM needs many. */
  priorDefault: 100,
  repsDefault: 100,
} as const;

/** What the panel runs: where the worlds come from, how many, and the replications in each. */
export interface HowSureForm {
  source: WorldsSource;
  worlds: number;
  reps: number;
  /** What B is compared with A on. */
  outcome: HowSureOutcome;
}

/** The form as typed (kept while wrong, as the sweep's). */
export interface HowSureFields {
  source: WorldsSource;
  worlds: string;
  reps: string;
  outcome: HowSureOutcome;
}

export function defaultHowSureFields(): HowSureFields {
  return { source: 'calibrated', worlds: String(CALIBRATED_WORLDS), reps: String(HOW_SURE_LIMITS.repsDefault), outcome: HOW_SURE_OUTCOME };
}

export function fieldsOf(form: HowSureForm): HowSureFields {
  return { source: form.source, worlds: String(form.worlds), reps: String(form.reps), outcome: form.outcome };
}

/** A whole number as text, checked as the page's other whole-number fields are. */
const whole = (key: string, label: string, lo: number, hi: number, lang: Lang) =>
  z.string().transform((raw, ctx) => {
    const r = checkWhole(key, raw, lo, hi, lang);
    if ('value' in r) return r.value;
    ctx.addIssue({ code: 'custom', message: `${label}: ${r.problem.message}` });
    return z.NEVER;
  });

/** The form's schema in a language: every value named with what is allowed when it is wrong. */
export function howSureSchema(lang: Lang) {
  const D = DICTS[lang].howSure;
  const f = formats(lang);
  return z
    .object({
      source: z.enum(['calibrated', 'prior'], { error: (i) => D.badSource(String(i.input)) }),
      worlds: whole('worlds', D.worlds, 1, HOW_SURE_LIMITS.worlds, lang),
      reps: whole('reps', D.reps, 1, HOW_SURE_LIMITS.reps, lang),
      outcome: z.enum(HOW_SURE_OUTCOMES, { error: (i) => D.badOutcome(String(i.input), HOW_SURE_OUTCOMES.join(', ')) }),
    })
    .superRefine((v, ctx) => {
      if (v.source === 'calibrated' && v.worlds > CALIBRATED_WORLDS) ctx.addIssue({ code: 'custom', path: ['worlds'], message: D.tooManyCalibrated(f.int(v.worlds), f.int(CALIBRATED_WORLDS)) });
      const runs = 2 * v.worlds * v.reps;
      if (runs > HOW_SURE_LIMITS.runs) ctx.addIssue({ code: 'custom', path: ['worlds'], message: D.tooManyRuns(f.int(runs), f.int(HOW_SURE_LIMITS.runs)) });
    });
}

/** The form read in a language: what to run, or every problem in words with the field it is about. */
export function checkHowSure(fields: HowSureFields, lang: Lang): { form: HowSureForm } | { problems: string[]; fields: (keyof HowSureFields)[] } {
  const r = howSureSchema(lang).safeParse(fields);
  return r.success ? { form: r.data } : { problems: r.error.issues.map((i) => i.message), fields: r.error.issues.map((i) => i.path[0] as keyof HowSureFields) };
}

/** The worlds a form runs in (B's seed draws the prior ones, as the command line's --seed). */
export function worldsOf(form: HowSureForm, seed: number): World[] {
  const w = chooseWorlds(form.source, form.worlds, seed, WORLDS_FILE);
  if (!w) throw new RangeError(`worlds: ${form.worlds} calibrated worlds asked; the file holds ${CALIBRATED_WORLDS}`);
  return w;
}

/** A run across worlds, complete or stopped, with what the panel shows of it. */
export interface HowSureRun {
  form: HowSureForm;
  a: Settings;
  b: Settings;
  /** The seed both packages ran with in every world (B's). */
  seed: number;
  /** The worlds finished, in order (all of them unless cancelled). */
  results: WorldResult[];
  state: 'complete' | 'cancelled';
  ms: number;
  /** The form's outcome: in what share of worlds B is better, each world's B − A. Null before any world. */
  share: Share | null;
  /** Where B fails to do better on the form's outcome (PRIM over the worlds' constants). */
  discovery: Discovery | null;
}

/**
 * The panel's numbers for an outcome from the worlds' results: the same functions as
 * `kube-sim compare --worlds` (its JSON's `worlds.shares.<outcome>`) and `kube-sim discover --outcome`.
 */
export function summariseHowSure(results: readonly WorldResult[], outcome: HowSureOutcome = HOW_SURE_OUTCOME): Pick<HowSureRun, 'share' | 'discovery'> {
  if (!results.length) return { share: null, discovery: null };
  const s = summariseWorlds(results, ['A', 'B']);
  const share = s.shares?.find((x) => x.key === outcome) ?? null;
  const discovery = discoverWorlds(results, { kind: 'fails', outcome }, ['A', 'B']);
  return { share, discovery };
}

/** The same worlds asked about another outcome: no new runs, the numbers summarised again. */
export function withOutcome(run: HowSureRun, outcome: HowSureOutcome): HowSureRun {
  if (run.form.outcome === outcome) return run;
  return { ...run, form: { ...run.form, outcome }, ...summariseHowSure(run.results, outcome) };
}

/** Fewer worlds than this, and PRIM's "no rule" may only mean too few worlds to see one. */
export const PRIM_ENOUGH_WORLDS = 50;

/** What PRIM says, for the panel: B better everywhere, worse everywhere, a rule, or none. */
export type RuleWords =
  | { kind: 'everywhere' }
  | { kind: 'nowhere' }
  | { kind: 'rule'; text: string; coverage: number; density: number; cases: number; inside: number; failing: number }
  | { kind: 'none'; failing: number; fewWorlds: boolean };

export function ruleWords(d: Discovery | null, lang: Lang): RuleWords | null {
  if (!d) return null;
  if (d.cases === 0) return { kind: 'everywhere' };
  if (d.cases === d.worlds) return { kind: 'nowhere' };
  // The first box, as `kube-sim discover` prints it first: its restrictions passed PRIM's test of
  // significance; a density below PRIM's threshold is said in the measure's words, not hidden.
  const box = d.boxes.find((b) => b.rule.length > 0);
  if (!box) return { kind: 'none', failing: d.cases, fewWorlds: d.worlds < PRIM_ENOUGH_WORLDS };
  const ruleText = box.rule
    .map((r) => {
      const label = CONSTANT_LABELS[r.name as keyof typeof CONSTANT_LABELS]?.[lang] ?? r.name;
      const D = DICTS[lang].howSure;
      // Three significant digits, as `kube-sim discover` writes its bounds.
      const n = (x: number) => formatBound(x, lang);
      return r.lo !== null && r.hi !== null ? D.between(label, n(r.lo), n(r.hi)) : r.lo !== null ? D.above(label, n(r.lo)) : D.below(label, n(r.hi!));
    })
    .join(DICTS[lang].howSure.and);
  return { kind: 'rule', text: ruleText, coverage: box.coverage, density: box.density, cases: box.cases, inside: box.points, failing: d.cases };
}

/** A word for a shell command line: quoted when it holds anything but safe characters. */
const shellWord = (w: string) => (/^[\w./=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/**
 * The command that prints the same numbers: presets by name when A and B differ only in their
 * preset (any changes shared go in --set); else each as its saved scenario file.
 */
export function howSureCommand(run: Pick<HowSureRun, 'a' | 'b' | 'form' | 'seed'>): { command: string; files: boolean } {
  const { a, b, form } = run;
  const sets = (s: Settings) => Object.keys(s.set).sort().map((p) => `--set ${shellWord(`${p}=${s.set[p]}`)}`).join(' ');
  const sameChanges = sets(a) === sets(b) && JSON.stringify(a.roster) === JSON.stringify(b.roster);
  const tail = `--worlds ${form.worlds} --worlds-from ${form.source} --reps ${form.reps} --seed ${run.seed}`;
  if (sameChanges) {
    // The roster, if any, as the ensemble's command names it.
    const roster = cliCommand(b).match(/ --roster \S+$/)?.[0] ?? '';
    const set = sets(b);
    return { command: `npx kube-sim compare ${a.preset} ${b.preset} ${tail}${set ? ` ${set}` : ''}${roster}`, files: false };
  }
  return { command: `npx kube-sim compare a.json b.json ${tail}`, files: true };
}

/**
 * The planners' app: choose a group and a package, run hundreds of replications across the
 * worker pool, watch the charts fill in, pin a result as A and compare B with it, sweep one
 * parameter, export and share. Layout is built once with d3-selection; each panel is redrawn by
 * its view from the app's state. Nothing here simulates: all runs go through the runner.
 */
import { select } from 'd3';
import { BatchFailedError, browserPool, INDICATORS, ScenarioError, settableParameters, type EnsembleSummary, type RosterEntry } from '../src/browser.ts';
import { fanData, radarAxes, radarSeries, survivalData } from './app/chart-data.ts';
import { DICTS, formats, type Dict, type Formats, type Lang } from './app/i18n.ts';
import { registerOffline } from './app/offline.ts';
import { checkRosterFile, loadRosterFile, type RosterFile } from './app/roster.ts';
import { Session, type EnsembleRun, type SweepRun } from './app/session.ts';
import { checkParameter, checkRunSetting, checkWhole, combinedProblems, fromQuery, LIMITS, preset, PRESETS, RUN_SETTINGS, scenarioOf, toQuery, type FieldProblem, type RunSetting, type Settings } from './app/settings.ts';
import { drawCards } from './views/cards.ts';
import { PALETTE } from './views/chart-frame.ts';
import { chartTools, labelChartTools } from './views/chart-tools.ts';
import { drawComparePanel } from './views/compare-panel.ts';
import { drawControls, sectionOf, setByRoster, valueAt, type SectionKey } from './views/controls.ts';
import { drawExportsPanel } from './views/exports-panel.ts';
import { drawFanChart } from './views/fan-chart.ts';
import { drawLangSwitch } from './views/lang-switch.ts';
import { drawRadar } from './views/radar.ts';
import { drawSurvivalChart } from './views/survival-chart.ts';
import { drawSweepPanel, type SweepForm } from './views/sweep-panel.ts';
import './style.css';

const STORE_KEY = 'kube-sim.settings';

// ---------------------------------------------------------------- state

/** What the page was opened with: its own link, or else what local storage kept. */
let initialQuery = '';
/** Where initialQuery came from (its problems are worded after it). */
let initialFrom: 'url' | 'storage' = 'url';
/** Local storage held something this app did not write (it is dropped, and the planner told). */
let storageUnreadable = false;
const initial = (() => {
  const fromUrl = location.search.length > 1;
  const browserLang: Lang = /^id\b/i.test(navigator.language) ? 'id' : 'en';
  let stored = '';
  try {
    stored = fromUrl ? '' : localStorage.getItem(STORE_KEY) ?? '';
    // The app keeps a query string there (toQuery's); anything else is not its own.
    if (stored && !/^\?\S*$/.test(stored)) {
      storageUnreadable = true;
      stored = '';
      localStorage.removeItem(STORE_KEY);
    }
  } catch {
    // Storage may be disabled; the URL is enough.
  }
  initialFrom = fromUrl ? 'url' : 'storage';
  initialQuery = fromUrl ? location.search : stored;
  try {
    return fromQuery(initialQuery, browserLang);
  } catch {
    // fromQuery reports what it cannot read rather than throwing; should it throw, start afresh.
    if (!fromUrl) storageUnreadable = true;
    initialQuery = '';
    return fromQuery('', browserLang);
  }
})();

/**
 * A field's problem: what the field holds (kept until fixed) and, for values that are fine alone
 * but not together, the words for it. Worded when drawn, so a language switch re-words it.
 */
interface Problem {
  key: string;
  value: string;
  combined?: (lang: Lang) => string;
}

const state = {
  settings: initial.settings,
  /** The link's problems are listed at the top until the planner closes the notice. */
  urlNotice: initial.problems.length > 0 || storageUnreadable,
  /** Problems of fields, with what the field holds until it is fixed. */
  problems: new Map<string, Problem>(),
  /** Parameter changes that are each valid but do not fit together yet (see update()). */
  pendingSet: null as Settings['set'] | null,
  /** The roster file last chosen (its text, re-read in the page's language when it changes). */
  rosterNote: null as null | RosterFile,
  /** Why a roster that reads well cannot go with the other settings. */
  rosterConflict: null as null | ((lang: Lang) => string),
  current: null as EnsembleRun | null,
  pinned: null as EnsembleRun | null,
  sweep: null as SweepRun | null,
  /** The comparison's "all outcomes" table is open. */
  allOutcomesOpen: false,
  running: null as null | { kind: 'ensemble' | 'sweep'; abort: AbortController; done: number; total: number },
  /** The run box's last word, worded when drawn (so a language switch re-words it). */
  status: null as null | ((D: Dict, f: Formats) => string),
  /** What the sweep panel says: a problem with its form, or how far it got. */
  sweepStatus: null as null | ((lang: Lang) => string),
  /** What went wrong (worded when drawn), what was kept, the technical detail, and a retry. */
  error: null as null | { text: (D: Dict) => string; kept?: (D: Dict) => string; detail?: string; retry: () => void },
  references: null as null | { cempaka: EnsembleSummary; tulip: EnsembleSummary },
  open: new Set<SectionKey>(['intervention']),
  sweepForm: { path: 'intervention.mentoring.visitsPerMonth', from: '0', to: '8', steps: '9', reps: '200', outcome: 'survivalRate' } as SweepForm,
};

// A bad value in the link also shows next to its field (holding what the link said), with its
// section open; the app then waits for it to be fixed instead of running.
for (const p of initial.problems) {
  // Only where a field can show it (a value with no control is listed in the notice alone).
  if (!sectionOf(p.key) && !(p.key in RUN_SETTINGS)) continue;
  state.problems.set(p.key, { key: p.key, value: p.value });
  const section = sectionOf(p.key);
  if (section) state.open.add(section);
}

/** The runs' pool of Workers: replaced whole when the planner retries after a crash (freshSession). */
let session = new Session(browserPool());
/** Summaries of the runs on show (the current one and a pinned A), worked out once per batch. */
const summaries = new WeakMap<EnsembleRun, { done: number; summary: EnsembleSummary }>();

/** The indicators drawn as fan charts: the only bands worked out while runs stream in. */
const FAN_KEYS = ['activeMembers', 'capital', 'incomePerMember', 'cohesion'] as const;

function summaryOf(run: EnsembleRun): EnsembleSummary {
  const hit = summaries.get(run);
  if (hit?.done === run.done) return hit.summary;
  const summary = run.ensemble.summary(FAN_KEYS);
  summaries.set(run, { done: run.done, summary });
  return summary;
}

const d = () => DICTS[state.settings.lang];
const fmt = () => formats(state.settings.lang);

// ---------------------------------------------------------------- layout

const app = select<HTMLDivElement, unknown>('#app');
app.selectAll('*').remove();
const skip = app.append('a').attr('class', 'skip').attr('href', '#results');
const header = app.append('header');
const titles = header.append('div').attr('class', 'titles');
const h1 = titles.append('h1');
const subtitle = titles.append('p').attr('class', 'subtitle');
const headerTools = header.append('div').attr('class', 'header-tools');
// Trainer mode opens the same group (preset, changes, roster, seed, language) week by week.
const trainerLink = headerTools.append('a').attr('class', 'trainer-link').attr('data-testid', 'trainer-link');
const langSwitch = drawLangSwitch(headerTools.node()!, (l) => setLang(l));
const urlBox = app.append('div').attr('class', 'notice').attr('role', 'alert').attr('data-testid', 'url-problems');

const layout = app.append('div').attr('class', 'layout');
const side = layout.append('aside').attr('class', 'sidebar');
const presetBox = side.append('div').attr('class', 'preset');
const presetLabel = presetBox.append('label').attr('for', 'preset');
const presetSelect = presetBox.append('select').attr('id', 'preset').attr('data-testid', 'preset').on('change', function () {
  state.problems.clear();
  state.pendingSet = null;
  // The seed stays: pin A, pick another package, run B — the pairs share their luck.
  update({ ...state.settings, preset: this.value, set: {} });
});
const presetHelp = presetBox.append('p').attr('class', 'help');
const presetDesc = presetBox.append('p').attr('class', 'description');
const presetReset = presetBox.append('button').attr('type', 'button').attr('class', 'link').attr('data-testid', 'reset').on('click', () => {
  state.problems.clear();
  state.pendingSet = null;
  state.rosterNote = null;
  state.rosterConflict = null;
  update({ ...state.settings, set: {}, roster: null, rosterFile: null });
});

const runBox = side.append('form').attr('class', 'runbox').attr('novalidate', '').on('submit', (e: SubmitEvent) => {
  e.preventDefault();
  void runEnsemble();
});
const repsField = runBox.append('div').attr('class', 'field');
const repsLabel = repsField.append('label').attr('for', 'reps');
const repsInput = repsField.append('input').attr('id', 'reps').attr('type', 'text').attr('inputmode', 'numeric').attr('data-testid', 'reps').attr('aria-describedby', 'reps-hint reps-error')
  .on('change', function () { setWhole('reps', this.value); });
const repsHint = repsField.append('small').attr('class', 'hint').attr('id', 'reps-hint');
const repsError = repsField.append('small').attr('class', 'field-error').attr('id', 'reps-error').attr('data-testid', 'error-reps');
const seedField = runBox.append('div').attr('class', 'field');
const seedLabel = seedField.append('label').attr('for', 'seed');
const seedInput = seedField.append('input').attr('id', 'seed').attr('type', 'text').attr('inputmode', 'numeric').attr('data-testid', 'seed').attr('aria-describedby', 'seed-hint seed-error')
  .on('change', function () { setWhole('seed', this.value); });
const seedHint = seedField.append('small').attr('class', 'hint').attr('id', 'seed-hint');
const seedError = seedField.append('small').attr('class', 'field-error').attr('id', 'seed-error').attr('data-testid', 'error-seed');
const runButtons = runBox.append('div').attr('class', 'buttons');
const runButton = runButtons.append('button').attr('type', 'submit').attr('class', 'primary').attr('data-testid', 'run');
const cancelButton = runButtons.append('button').attr('type', 'button').attr('data-testid', 'cancel').on('click', () => state.running?.abort.abort());
const progress = runBox.append('progress').attr('data-testid', 'progress').attr('aria-labelledby', 'run-status').attr('max', 1).property('value', 0);
const runStatus = runBox.append('p').attr('id', 'run-status').attr('class', 'status').attr('role', 'status').attr('aria-live', 'polite').attr('data-testid', 'status');

const controlsBox = side.append('div').attr('class', 'sections').on('keydown', (e: KeyboardEvent) => {
  // Enter in a field takes its value (the browser fires change) and then runs, as in the run box.
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) setTimeout(() => void runEnsemble(), 0);
}).on('toggle', (e: Event) => {
  const el = e.target as HTMLDetailsElement;
  const k = el.dataset.section as SectionKey | undefined;
  if (k) el.open ? state.open.add(k) : state.open.delete(k);
}, true);

const rosterBox = side.append('details').attr('class', 'section roster').attr('data-section', 'roster');
const rosterSummary = rosterBox.append('summary');
const rosterHelp = rosterBox.append('p').attr('class', 'help');
const rosterLabel = rosterBox.append('label').attr('class', 'file');
const rosterText = rosterLabel.append('span');
rosterLabel.append('input').attr('type', 'file').attr('accept', '.csv,text/csv,text/plain').attr('data-testid', 'roster-file').on('change', function () {
  const file = this.files?.[0];
  this.value = '';
  if (file) void loadRoster(file);
});
const rosterClear = rosterBox.append('button').attr('type', 'button').attr('class', 'link').attr('data-testid', 'roster-clear').on('click', () => {
  state.rosterNote = null;
  state.rosterConflict = null;
  update({ ...state.settings, roster: null, rosterFile: null });
});
const rosterNote = rosterBox.append('div').attr('class', 'roster-note').attr('data-testid', 'roster-note').attr('aria-live', 'polite');

const main = layout.append('main').attr('id', 'results').attr('tabindex', -1);
// On a phone the answer comes first: the results are moved before the settings in the page itself
// (not only drawn there), so the keyboard and screen readers meet them in the order seen.
const narrowScreen = matchMedia('(max-width: 900px)');
const placeResults = () => {
  const [m, sb] = [main.node()!, side.node()!];
  if (narrowScreen.matches ? m.nextElementSibling !== sb : sb.nextElementSibling !== m) layout.node()!.insertBefore(narrowScreen.matches ? m : sb, narrowScreen.matches ? sb : m);
};
placeResults();
narrowScreen.addEventListener('change', placeResults);
const resultsHead = main.append('div').attr('class', 'results-head');
const resultsTitle = resultsHead.append('h2');
const resultsOf = resultsHead.append('p').attr('class', 'results-of').attr('data-testid', 'results-of');
const staleNote = resultsHead.append('p').attr('class', 'stale-note').attr('data-testid', 'stale');
const errorBox = main.append('div').attr('class', 'error').attr('role', 'alert').attr('data-testid', 'error');
const emptyNote = main.append('p').attr('class', 'empty');
const cardsBox = main.append('div').attr('class', 'cards').attr('data-testid', 'cards');
const grid = main.append('div').attr('class', 'grid');
type ChartKey = 'survival' | 'radar' | 'activeMembers' | 'capital' | 'incomePerMember' | 'cohesion';
const CHARTS: ChartKey[] = ['survival', 'radar', 'activeMembers', 'capital', 'incomePerMember', 'cohesion'];
const chartBoxes = new Map<ChartKey, HTMLDivElement>();
for (const k of CHARTS) {
  const panel = grid.append('figure').attr('class', `panel chart chart-${k}`).attr('data-testid', `chart-${k}`);
  const body = panel.append('div').attr('class', 'chart-body');
  chartBoxes.set(k, body.node()!);
  chartTools(panel.node()!, body.node()!, k, captionOfResults);
}

const comparePanel = main.append('section').attr('class', 'panel compare').attr('data-testid', 'compare');
const sweepPanel = main.append('section').attr('class', 'panel sweep').attr('data-testid', 'sweep');
const exportPanel = main.append('section').attr('class', 'panel exports').attr('data-testid', 'exports');

// ---------------------------------------------------------------- updates

const isRunSetting = (key: string): key is RunSetting => key in RUN_SETTINGS;

/** The words of a problem in the page's language. */
function problemText(p: Problem, lang: Lang): string {
  if (p.combined) return p.combined(lang);
  const r = isRunSetting(p.key) ? checkRunSetting(p.key, p.value, lang) : checkParameter(p.key, p.value, lang);
  return 'problem' in r ? r.problem.message : '';
}

/** Every field problem, worded in the page's language (what the controls show). */
function wordedProblems(): Map<string, FieldProblem> {
  const lang = state.settings.lang;
  return new Map([...state.problems].map(([k, p]) => [k, { key: k, value: p.value, message: problemText(p, lang) }]));
}

/** The group size settings would have (they may not fit together yet). */
function sizeOf(next: Settings): number {
  return next.roster?.length ?? (next.set['group.size'] as number | undefined) ?? preset(next.preset).scenario.group.size;
}

/**
 * Take new parameter settings: check they fit together, then keep them (URL, local storage) and
 * redraw. When they do not fit, the change just made is held in its field with what is needed.
 */
function update(next: Settings, changed?: { path: string; raw: string }): void {
  try {
    scenarioOf(next);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const words = (lang: Lang) => {
      // Making the group smaller than its minimum is said from the size's side.
      if (changed?.path === 'group.size' && e.problems.some((p) => p.path === 'group.minMembers')) {
        const min = (next.set['group.minMembers'] as number | undefined) ?? preset(next.preset).scenario.group.minMembers;
        return DICTS[lang].field.sizeBelowMin(min);
      }
      return combinedProblems(e, lang, sizeOf(next)).map((p) => p.message).join(' ');
    };
    if (changed) {
      // Shares that must add up are changed one at a time: keep the change, say what is needed
      // next to the field just changed, and apply everything once the values fit together.
      state.pendingSet = next.set;
      state.problems.set(changed.path, { key: changed.path, value: changed.raw, combined: words });
    } else for (const p of combinedProblems(e, next.lang, sizeOf(next))) state.problems.set(p.key, { key: p.key, value: p.value, combined: words });
    renderControls();
    renderRunBox();
    return;
  }
  state.pendingSet = null;
  // Problems about the combination are gone now; a value wrong on its own stays until fixed.
  for (const [k, p] of state.problems) if (p.combined) state.problems.delete(k);
  commit(next);
}

/** Keep settings that are known to fit: the URL and local storage follow, and the page redraws. */
function commit(next: Settings): void {
  state.settings = next;
  const q = toQuery(next);
  history.replaceState(null, '', `${location.pathname}${q}${location.hash}`);
  trainerLink.attr('href', `./trainer.html${q}`);
  try {
    localStorage.setItem(STORE_KEY, q);
  } catch {
    // Nothing to do: the URL holds the settings as well.
  }
  renderAll();
}

function setParameter(path: string, raw: string): void {
  const r = checkParameter(path, raw.trim(), state.settings.lang);
  if ('problem' in r) {
    state.problems.set(path, { key: path, value: raw });
    renderControls();
    renderRunBox();
    return;
  }
  state.problems.delete(path);
  const set = { ...(state.pendingSet ?? state.settings.set) };
  const baseValue = valueAt(preset(state.settings.preset).scenario, path);
  if (baseValue === r.value) delete set[path];
  else set[path] = r.value;
  update({ ...state.settings, set }, { path, raw });
}

/** The seed and the replications never make settings unfit: they are kept as they come. */
function setWhole(key: RunSetting, raw: string): void {
  const r = checkRunSetting(key, raw, state.settings.lang);
  if ('problem' in r) {
    state.problems.set(key, { key, value: raw });
    renderRunBox();
    return;
  }
  state.problems.delete(key);
  commit({ ...state.settings, [key]: r.value });
}

function setLang(lang: Lang): void {
  // Problems, statuses and notes are worded when drawn: all of them follow.
  commit({ ...state.settings, lang });
  // A value held because it was wrong may read well the new language's way ("1.000"): take it.
  for (const p of [...state.problems.values()]) {
    if (p.combined) continue;
    if (isRunSetting(p.key)) {
      if ('value' in checkRunSetting(p.key, p.value, lang)) setWhole(p.key, p.value);
    } else if ('value' in checkParameter(p.key, p.value, lang)) setParameter(p.key, p.value);
  }
}

async function loadRoster(file: File): Promise<void> {
  state.rosterNote = await loadRosterFile(file);
  const r = checkRosterFile(state.rosterNote, state.settings.lang);
  if (r.ok) {
    // The roster decides the size and the members' traits: changes made to those go (their
    // controls are locked while a roster is loaded), or a changed size would drop the roster.
    const set = Object.fromEntries(Object.entries(state.settings.set).filter(([path]) => !setByRoster(path)));
    const next = { ...state.settings, set, roster: r.roster as RosterEntry[], rosterFile: file.name };
    try {
      scenarioOf(next);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      // E.g. more "fewest active members" than the roster has: said in the roster's own note.
      state.rosterConflict = (lang) => combinedProblems(e, lang, next.roster.length).map((p) => p.message).join(' ');
      renderRoster();
      return;
    }
    state.rosterConflict = null;
    update(next);
  } else renderRoster();
}

// ---------------------------------------------------------------- runs

let lastDraw = 0;
let drawTimer = 0;
/** The sweep panel's own redraw while a sweep streams in (~7 times a second). */
let sweepTimer = 0;
/** Redraw the results at most ~8 times a second while a run streams in (and at once at its end). */
function scheduleResults(now = false): void {
  if (drawTimer) {
    if (!now) return;
    clearTimeout(drawTimer);
  }
  const wait = now ? 0 : Math.max(0, 120 - (performance.now() - lastDraw));
  drawTimer = window.setTimeout(() => {
    drawTimer = 0;
    requestAnimationFrame(() => {
      lastDraw = performance.now();
      renderResults();
    });
  }, wait);
}

function blocked(): boolean {
  if (state.problems.size) {
    state.status = (D) => D.run.fixFirst;
    renderRunBox();
    // Take the planner to the first field to fix (its section opened).
    const order = [...Object.keys(RUN_SETTINGS), ...[...document.querySelectorAll<HTMLElement>('.sections .field')].map((el) => el.dataset.path!)];
    const first = [...state.problems.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
    const section = sectionOf(first);
    if (section) state.open.add(section);
    renderControls();
    const el = first in RUN_SETTINGS ? document.getElementById(first) : document.querySelector<HTMLElement>(`[data-testid="field-${first}"]`);
    el?.closest('details')?.setAttribute('open', '');
    el?.focus();
    return true;
  }
  return !!state.running;
}

async function runEnsemble(): Promise<void> {
  if (blocked()) return;
  const settings = state.settings;
  const scenario = scenarioOf(settings);
  const abort = new AbortController();
  state.running = { kind: 'ensemble', abort, done: 0, total: settings.reps };
  state.error = null;
  state.status = null;
  document.body.dataset.state = 'running';
  renderRunBox();
  renderSweep();
  // On a phone the results sit above the settings: bring them into view.
  if (narrowScreen.matches && main.node()!.getBoundingClientRect().top < 0) main.node()!.scrollIntoView({ block: 'start' });
  const t0 = performance.now();
  let first = true;
  try {
    await references;
    const run = await session.ensemble(settings, scenario, {
      signal: abort.signal,
      onBatch(r, p) {
        state.current = r;
        state.running!.done = p.done;
        renderProgress();
        scheduleResults(first);
        first = false;
      },
    });
    state.current = run.done > 0 ? run : state.current;
    const secs = (performance.now() - t0) / 1000;
    state.status = run.state !== 'cancelled' ? (D, f) => D.run.finished(f.int(run.done), f.num(secs, 2))
      : run.done === 0 ? (D) => D.run.cancelledNone
      : (D, f) => D.run.cancelled(f.int(run.done), f.int(settings.reps));
    document.body.dataset.state = run.state;
  } catch (e) {
    // The runs finished before the failure are shown, marked as failed; a pinned A is untouched.
    const partial = (e as { run?: EnsembleRun }).run;
    if (partial && partial.done > 0) state.current = partial;
    state.error = crashError(e, () => void runEnsemble());
    document.body.dataset.state = 'failed';
  } finally {
    state.running = null;
    renderRunBox();
    scheduleResults(true);
    renderSweep();
  }
}

/**
 * The sweep form read in a language: its range (written either language's way: the form keeps
 * what was typed, perhaps before a language switch), the number of values and runs per value.
 */
function readSweepForm(form: SweepForm, lang: Lang) {
  const either = (raw: string) => {
    const r = checkParameter(form.path, raw, lang);
    const other = checkParameter(form.path, raw, lang === 'id' ? 'en' : 'id');
    return 'value' in r || !('value' in other) ? r : other;
  };
  return [either(form.from), either(form.to), checkWhole('steps', form.steps, 2, 41, lang), checkWhole('reps', form.reps, 10, LIMITS.reps.max, lang)] as const;
}

async function runSweep(): Promise<void> {
  if (blocked()) return;
  const form = state.sweepForm;
  const info = settableParameters().get(form.path)!;
  const [lo, hi, steps, reps] = readSweepForm(form, state.settings.lang);
  const wrong = [lo, hi, steps, reps].some((r) => 'problem' in r);
  const n = 'value' in steps && 'value' in reps ? steps.value * reps.value : 0;
  const badRange = !wrong && (lo as { value: number }).value >= (hi as { value: number }).value;
  if (wrong || badRange || n > LIMITS.sweepRuns) {
    // Worded when drawn: the form as it was, read again in the page's language then.
    const form0 = { ...form };
    state.sweepStatus = (lang) => {
      const D = DICTS[lang];
      if (badRange) return D.sweep.badRange;
      if (!wrong) return D.sweep.tooMany(formats(lang).int(n), formats(lang).int(LIMITS.sweepRuns));
      return readSweepForm(form0, lang).flatMap((r) => ('problem' in r ? [r.problem.message] : [])).join(' ');
    };
    renderSweep();
    return;
  }
  const a = (lo as { value: number }).value;
  const b = (hi as { value: number }).value;
  const k = (steps as { value: number }).value;
  let values = Array.from({ length: k }, (_, i) => a + ((b - a) * i) / (k - 1));
  if (info.int) values = [...new Set(values.map(Math.round))];
  const abort = new AbortController();
  state.running = { kind: 'sweep', abort, done: 0, total: values.length * (reps as { value: number }).value };
  state.sweepStatus = null;
  state.error = null;
  renderRunBox();
  renderSweep();
  try {
    await references;
    state.sweep = await session.sweep(state.settings, scenarioOf(state.settings), form.path, values, (reps as { value: number }).value, {
      signal: abort.signal,
      onBatch(r, p) {
        state.sweep = r;
        state.running!.done = p.done;
        renderProgress();
        if (!sweepTimer) sweepTimer = window.setTimeout(() => { sweepTimer = 0; renderSweep(); }, 150);
      },
    });
  } catch (e) {
    state.error = crashError(e, () => void runSweep());
  } finally {
    state.running = null;
    renderRunBox();
    renderSweep();
    renderResults();
  }
}

/**
 * A run that failed (the pool tried the failed runs again on a fresh worker, and that failed too;
 * or the worker's script would not load): said in the page's language, with what the pool said
 * as a detail, and a retry that starts a fresh pool before running again.
 */
function crashError(e: unknown, again: () => void): NonNullable<typeof state.error> {
  console.error(e);
  const detail = (e as Error)?.message ?? String(e);
  // Runs that failed on a worker and again on a fresh one (src/runner/pool.ts), by type; the
  // pool's words as well, for an error that crossed a boundary and lost its class.
  const workerDied = e instanceof BatchFailedError || /failed twice/.test(detail);
  return {
    text: (D) => (workerDied ? D.run.crashed : `${D.run.failed}.`),
    kept: (D) => (state.pinned ? D.run.crashKeptPinned : D.run.crashKept),
    detail,
    retry: () => {
      freshSession();
      again();
    },
  };
}

/** End every Worker of the pool and start a new one (and the references, if they never came). */
function freshSession(): void {
  session.pool.close();
  session = new Session(browserPool());
  if (!state.references) references = loadReferences();
}

/** Cempaka and Tulip, for the radar's reference outlines (once, right after start-up). */
function loadReferences() {
  return session
    .references([preset('cempaka').scenario, preset('tulip').scenario])
    .then(([cempaka, tulip]) => (state.references = { cempaka, tulip }))
    .catch(() => null);
}
let references = loadReferences();

// ---------------------------------------------------------------- rendering

function renderAll(): void {
  const D = d();
  const lang = state.settings.lang;
  document.documentElement.lang = lang;
  document.title = `${D.app.title} · ${D.app.subtitle}`;
  skip.text(D.app.skip);
  h1.text(D.app.title);
  subtitle.text(D.app.subtitle);
  trainerLink.text(D.app.trainer).attr('href', `./trainer.html${toQuery(state.settings)}`);
  langSwitch.show(lang);
  // The link's problems, worded again in the page's language, until the notice is closed.
  const linkProblems = state.urlNotice ? fromQuery(initialQuery, lang).problems : [];
  const unreadable = state.urlNotice && storageUnreadable;
  urlBox.property('hidden', !linkProblems.length && !unreadable).selectAll('*').remove();
  if (unreadable) urlBox.append('strong').text(D.storage.unreadable);
  if (linkProblems.length || unreadable) {
    if (linkProblems.length) urlBox.append('strong').text(initialFrom === 'storage' ? D.storage.problems : D.url.problems);
    if (linkProblems.length) urlBox.append('ul').selectAll('li').data(linkProblems).join('li').text((p) => `${p.key}=${p.value} — ${p.message}`);
    urlBox.append('button').attr('type', 'button').attr('class', 'small').attr('data-testid', 'url-problems-close').text(D.url.close).on('click', () => {
      state.urlNotice = false;
      renderAll();
    });
  }
  presetLabel.text(D.preset.label);
  presetSelect
    .selectAll('option')
    .data(PRESETS)
    .join('option')
    .attr('value', (p) => p.id)
    .property('selected', (p) => p.id === state.settings.preset)
    .text((p) => D.preset.names[p.id] ?? p.scenario.name);
  presetHelp.text(D.preset.help);
  const desc = preset(state.settings.preset).scenario.description;
  presetDesc.text(desc ? desc[lang] : '').property('hidden', !desc);
  const changed = Object.keys(state.settings.set).length + (state.settings.roster ? 1 : 0);
  presetReset.text(`${D.preset.reset} (${D.preset.changed(changed)})`).property('hidden', !changed);
  renderRunBox();
  renderControls();
  renderRoster();
  renderResults();
  renderSweep();
}

function renderRunBox(): void {
  const D = d();
  const s = state.settings;
  repsLabel.text(D.run.reps);
  seedLabel.text(D.run.seed);
  const worded = wordedProblems();
  const repsProblem = worded.get('reps');
  const seedProblem = worded.get('seed');
  // What the planner is typing stays as typed (a run ending redraws this box).
  const show = (input: typeof repsInput, text: string) => {
    if (document.activeElement !== input.node()) input.property('value', text);
  };
  show(repsInput, repsProblem?.value ?? fmt().int(s.reps));
  show(seedInput, seedProblem?.value ?? String(s.seed));
  repsInput.attr('aria-invalid', repsProblem ? 'true' : null);
  seedInput.attr('aria-invalid', seedProblem ? 'true' : null);
  repsHint.text(`${D.run.repsHelp} (${fmt().int(LIMITS.reps.min)}–${fmt().int(LIMITS.reps.max)})`);
  seedHint.text(D.run.seedHelp);
  repsError.text(repsProblem?.message ?? '').property('hidden', !repsProblem).attr('role', repsProblem ? 'alert' : null);
  seedError.text(seedProblem?.message ?? '').property('hidden', !seedProblem).attr('role', seedProblem ? 'alert' : null);
  runButton.text(D.run.run).property('disabled', !!state.running);
  cancelButton.text(D.run.cancel).property('hidden', !state.running);
  renderProgress();
}

function renderProgress(): void {
  const D = d();
  const r = state.running;
  progress.property('hidden', !r).property('value', r ? r.done / Math.max(1, r.total) : 0);
  runStatus.text(r ? D.run.progress(fmt().int(r.done), fmt().int(r.total)) : state.status?.(D, fmt()) ?? '');
  if (sweepStatus) sweepStatus.textContent = r?.kind === 'sweep' ? D.run.progress(fmt().int(r.done), fmt().int(r.total)) : state.sweepStatus?.(state.settings.lang) ?? '';
}

function renderControls(): void {
  const sc = scenarioOf(state.settings);
  drawControls(controlsBox.node()!, {
    lang: state.settings.lang,
    scenario: sc,
    changed: new Set(Object.keys(state.settings.set)),
    problems: wordedProblems(),
    rosterLoaded: !!state.settings.roster,
    onChange: setParameter,
  }, state.open);
}

function renderRoster(): void {
  const D = d();
  rosterSummary.text(D.sections.roster);
  rosterHelp.text(D.roster.help);
  rosterText.text(D.roster.choose);
  rosterClear.text(D.roster.clear).property('hidden', !state.settings.roster);
  rosterNote.selectAll('*').remove();
  if (state.settings.roster) {
    rosterNote.append('p').attr('class', 'ok').text(D.roster.loaded(state.settings.roster.length, state.settings.rosterFile ?? ''));
  }
  if (state.rosterNote) {
    const r0 = checkRosterFile(state.rosterNote, state.settings.lang);
    const conflict = r0.ok && state.rosterConflict && !state.settings.roster ? state.rosterConflict(state.settings.lang) : null;
    const r = conflict ? { ok: false as const, problems: [conflict] } : r0;
    const lines = r.ok ? r.warnings : r.problems;
    const box = rosterNote.append('div').attr('class', r.ok ? 'warnings' : 'problems').attr('role', r.ok ? null : 'alert');
    if (!r.ok) box.append('strong').text(D.roster.failed(state.rosterNote.name));
    else if (lines.length) box.append('strong').text(D.roster.warnings);
    box.append('ul').selectAll('li').data(lines).join('li').text((t) => t);
  }
}

function sameSettings(a: Settings, b: Settings): boolean {
  return toQuery({ ...a, lang: 'en' }) === toQuery({ ...b, lang: 'en' });
}

// Redrawing the results is split into steps (the cards, each chart, the comparison) run a few at a
// time, so that no task on the main thread runs long while an ensemble streams in.
const pending: (() => void)[] = [];
let stepTimer = 0;

function renderResults(): void {
  pending.length = 0;
  pending.push(...resultSteps());
  if (!stepTimer) stepTimer = window.setTimeout(step, 0);
}

function step(): void {
  stepTimer = 0;
  const t0 = performance.now();
  while (pending.length && performance.now() - t0 < 12) pending.shift()!();
  if (pending.length) stepTimer = window.setTimeout(step, 0);
  else for (const done of waiting.splice(0)) done();
}

const waiting: (() => void)[] = [];
/** Resolves when every scheduled redraw of the results has been drawn. */
function drawn(): Promise<void> {
  return new Promise((done) => {
    if (!pending.length && !stepTimer && !drawTimer) done();
    else waiting.push(done);
  });
}

function resultSteps(): (() => void)[] {
  const D = d();
  const lang = state.settings.lang;
  const f = fmt();
  const run = state.current;
  resultsTitle.text(D.results.title);
  // What the results are of: the package, a roster, how many runs (and whether it stopped early).
  const label = run ? presetLabelOf(run.settings) : '';
  resultsOf.text(!run ? '' : run.state === 'failed' ? D.results.ofFailed(label, f.int(run.done), f.int(run.settings.reps), run.settings.seed)
    : run.state === 'cancelled' ? D.results.ofCancelled(label, f.int(run.done), f.int(run.settings.reps), run.settings.seed)
    : run.state === 'running' ? D.results.ofRunning(label, f.int(run.done), f.int(run.settings.reps), run.settings.seed)
    : D.results.of(label, f.int(run.done), run.settings.seed));
  emptyNote.text(D.results.empty).property('hidden', !!run);
  errorBox.property('hidden', !state.error).selectAll('*').remove();
  if (state.error) {
    errorBox.append('p').attr('class', 'error-text').text(state.error.text(D));
    if (state.error.kept) errorBox.append('p').attr('class', 'error-kept').text(state.error.kept(D));
    errorBox.append('button').attr('type', 'button').attr('data-testid', 'retry').text(D.run.retry).on('click', state.error.retry);
    if (state.error.detail) {
      const more = errorBox.append('details').attr('class', 'error-detail');
      more.append('summary').text(D.run.crashDetail);
      more.append('code').text(state.error.detail);
    }
  }
  const stale = !!run && !state.running && !sameSettings(run.settings, state.settings);
  staleNote.text(stale ? D.run.stale : '').property('hidden', !stale);
  main.classed('is-stale', stale);
  grid.property('hidden', !run);
  cardsBox.property('hidden', !run);
  if (!run) return [renderCompare, renderExports];
  const s = summaryOf(run);
  const pinned = state.pinned && state.pinned !== run ? state.pinned : null;
  const ps = pinned ? summaryOf(pinned) : null;
  const steps: (() => void)[] = [];
  steps.push(() => drawCards(cardsBox.node()!, s, lang, ps ? { label: D.compare.a, summary: ps } : null));
  const week = D.charts.week;
  const legend = { median: D.charts.median, band50: D.charts.band50, band90: D.charts.band90 };
  const sv = survivalData(s);
  steps.push(() => drawSurvivalChart(chartBoxes.get('survival')!, {
    title: D.charts.survival.title, xLabel: week, yLabel: D.charts.survival.axis, weeks: sv.weeks, curve: sv.curve, height: 300,
    yFormat: (v) => f.pct(v, 0), color: PALETTE.blue, legend: { curve: pinned ? `B` : D.charts.survival.title, band: D.charts.survival.band },
    compare: ps ? { label: D.charts.pinned, curve: survivalData(ps).curve } : null,
  }));
  const series = [radarSeries(s, D.charts.radar.result, 'result')];
  if (state.references) {
    series.push(radarSeries(state.references.cempaka, D.charts.radar.cempaka, 'reference-good'));
    series.push(radarSeries(state.references.tulip, D.charts.radar.tulip, 'reference-bad'));
  }
  if (ps) series.push(radarSeries(ps, D.charts.pinned, 'pinned'));
  steps.push(() => drawRadar(chartBoxes.get('radar')!, {
    title: D.charts.radar.title,
    axes: radarAxes((k) => INDICATORS.find((i) => i.key === k)!.text[lang]),
    series,
    format: (v) => f.num(v, 2),
  }));
  // Each fan chart is named after the indicator it draws.
  const fans: [(typeof FAN_KEYS)[number], (v: number) => string, string, boolean, [number, number] | null][] = [
    ['activeMembers', (v) => f.int(v), PALETTE.vermillion, true, [0, run.scenario.group.size]],
    ['capital', f.rupiahShort, PALETTE.green, false, null],
    ['incomePerMember', f.rupiahShort, PALETTE.orange, false, null],
    ['cohesion', (v) => f.num(v, 1), PALETTE.purple, false, [0, 1]],
  ];
  for (const [key, yFormat, color, integer, yDomain] of fans) {
    const data = fanData(s, key);
    if (!data) continue;
    const a = ps ? fanData(ps, key) : null;
    const text = D.charts[key];
    steps.push(() => drawFanChart(chartBoxes.get(key)!, {
      title: text.title, xLabel: week, yLabel: text.axis, weeks: data.weeks, band: data.band, yFormat, color, integer, yDomain,
      legend, compare: a ? { label: D.charts.pinned, band: a.band } : null,
    }));
  }
  steps.push(renderCompare, renderExports, () => {
    labelChartTools(grid.node()!, D);
    // For tests and the benchmark: what the charts now show.
    document.body.dataset.drawn = `${run.state}:${run.done}`;
  });
  return steps;
}

/**
 * Panels rebuilt whole (the comparison, the sweep, the exports) would drop the focus of a button
 * or list just used: give it back to the element that now has the same id or test id.
 */
function keepFocus(draw: () => void): void {
  const a = document.activeElement as HTMLElement | null;
  const key = a?.id ? `#${CSS.escape(a.id)}` : a?.dataset.testid ? `[data-testid="${a.dataset.testid}"]` : null;
  draw();
  if (!key || !a || a.isConnected) return;
  const again = document.querySelector<HTMLElement>(key);
  if (again && !(again as HTMLButtonElement).disabled) again.focus();
}

function renderCompare(): void {
  keepFocus(() => drawCompare());
}

function drawCompare(): void {
  drawComparePanel(comparePanel.node()!, {
    lang: state.settings.lang,
    current: state.current,
    pinned: state.pinned,
    busy: !!state.running,
    label: presetLabelOf,
    onPin() {
      state.pinned = state.current;
      renderResults();
      // Pin is now disabled: the focus goes to its counterpart.
      void drawn().then(() => document.querySelector<HTMLElement>('[data-testid="unpin"]')?.focus());
    },
    allOpen: state.allOutcomesOpen,
    onToggleAll: (open) => void (state.allOutcomesOpen = open),
    onUnpin() {
      state.pinned = null;
      renderResults();
      void drawn().then(() => document.querySelector<HTMLElement>('[data-testid="pin"]')?.focus());
    },
  });
}

/** What an exported result chart shows: the results line, the changes by name, and A if pinned. */
function captionOfResults(): string {
  const run = state.current;
  if (!run) return 'kube-sim';
  const changes = Object.keys(run.settings.set).sort().map((p) => `${p}=${run.settings.set[p]}`).join(', ');
  const parts = ['kube-sim', resultsOf.text()];
  if (changes) parts.push(changes);
  if (state.pinned && state.pinned !== run) parts.push(`${d().compare.a}: ${presetLabelOf(state.pinned.settings)}`);
  return parts.join(' · ');
}

function presetLabelOf(s: Settings): string {
  const D = d();
  const n = Object.keys(s.set).length;
  const roster = s.roster ? ` + ${D.roster.members(s.roster.length, s.rosterFile && s.rosterFile !== 'link' ? s.rosterFile : '')}` : '';
  return `${D.preset.names[s.preset] ?? s.preset}${n ? ` + ${D.preset.changed(n)}` : ''}${roster}`;
}

/** The sweep panel's status line (rebuilt with the panel). */
let sweepStatus: HTMLParagraphElement | null = null;

function renderSweep(): void {
  keepFocus(() => drawSweep());
}

function drawSweep(): void {
  const D = d();
  const f = fmt();
  const r = state.running;
  sweepStatus = drawSweepPanel(sweepPanel.node()!, {
    lang: state.settings.lang,
    form: state.sweepForm,
    sweep: state.sweep,
    busy: !!r,
    running: r?.kind === 'sweep',
    status: r?.kind === 'sweep' ? D.run.progress(f.int(r.done), f.int(r.total)) : state.sweepStatus?.(state.settings.lang) ?? '',
    stale: !!state.sweep && !r && !sameSettings({ ...state.sweep.settings, reps: state.settings.reps }, state.settings),
    rosterLoaded: !!state.settings.roster,
    label: presetLabelOf,
    onRun: () => void runSweep(),
    onCancel: () => state.running?.abort.abort(),
    onChange: renderSweep,
  });
}

function renderExports(): void {
  keepFocus(() => drawExports());
}

function drawExports(): void {
  drawExportsPanel(exportPanel.node()!, {
    lang: state.settings.lang,
    run: state.current,
    settings: state.settings,
    stale: !!state.current && !sameSettings(state.current.settings, state.settings),
    linkOf: (shown) => `${location.origin}${location.pathname}${toQuery(shown)}`,
    summaryOf: (run) => run.ensemble.summary(),
  });
}

// ---------------------------------------------------------------- start

function showCrash(err: unknown): void {
  console.error(err);
  const why = err instanceof Error ? err.message : String(err);
  const text = (D: Dict) => `${D.app.crashed}: ${why}. ${D.app.crashedHint}`;
  state.error = { text, retry: () => location.reload() };
  try {
    renderResults();
  } catch {
    errorBox.property('hidden', false).text(text(d()));
  }
}
// Escape stops a run (but first closes a drop-down or leaves a field, as it always does there).
window.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement | null;
  if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement) return;
  if (e.key === 'Escape' && state.running) state.running.abort.abort();
});
window.addEventListener('error', (e) => showCrash(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showCrash(e.reason));

// Charts are drawn in CSS pixels at their boxes' width: redraw when that changes.
let drawnWidth = main.node()!.clientWidth;
new ResizeObserver(() => {
  const w = main.node()!.clientWidth;
  if (w === drawnWidth) return;
  drawnWidth = w;
  scheduleResults();
  renderSweep();
}).observe(main.node()!);

renderAll();
history.replaceState(null, '', `${location.pathname}${toQuery(state.settings)}${location.hash}`);
// An answer on arrival: the settings in the address (or the default) are run at once. The app is
// ready (for people and for tests) when that first result is drawn.
void (async () => {
  await references;
  if (!state.problems.size) await runEnsemble();
  await drawn();
  document.body.dataset.ready = '1';
})();
registerOffline();

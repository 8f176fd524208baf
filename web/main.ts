/**
 * The planners' app: choose a group and a package, run hundreds of replications across the
 * worker pool, watch the charts fill in, pin a result as A and compare B with it, sweep one
 * parameter, export and share. Layout is built once with d3-selection; each panel is redrawn by
 * its view from the app's state. Nothing here simulates: all runs go through the runner.
 */
import { select, type Selection } from 'd3';
import { browserPool, ELEMENT_KEYS, Ensemble, INDICATORS, parameterTable, ScenarioError, settableParameters, type EnsembleSummary, type RosterEntry } from '../src/index.ts';
import { chartPngBlob, chartSvgText, download } from './app/chart-export.ts';
import { fanData, radarAxes, radarSeries, survivalData, sweepPoints, diffRows } from './app/chart-data.ts';
import { chanceText, compareRows, MAIN_OUTCOMES, outcomeFormat, outcomeName, pairRuns } from './app/compare-data.ts';
import { runsCsv, scenarioFileJson, summaryJson } from './app/exports.ts';
import { DICTS, formats, LANGS, type Dict, type Formats, type Lang } from './app/i18n.ts';
import { registerOffline } from './app/offline.ts';
import { checkRosterFile, loadRosterFile, type RosterFile } from './app/roster.ts';
import { Session, type EnsembleRun, type SweepRun } from './app/session.ts';
import { checkParameter, checkWhole, cliCommand, combinedProblems, fromQuery, LIMITS, preset, PRESETS, scenarioOf, SEED_MAX, toQuery, type FieldProblem, type Settings } from './app/settings.ts';
import { drawCards } from './views/cards.ts';
import { drawControls, fieldText, sectionOf, setByRoster, valueAt, type SectionKey } from './views/controls.ts';
import { drawDiffChart } from './views/diff-chart.ts';
import { drawFanChart } from './views/fan-chart.ts';
import { drawRadar } from './views/radar.ts';
import { drawSurvivalChart } from './views/survival-chart.ts';
import { drawSweepChart } from './views/sweep-chart.ts';
import { PALETTE } from './views/chart-frame.ts';
import './style.css';

const STORE_KEY = 'kube-sim.settings';

// ---------------------------------------------------------------- state

/** What the page was opened with: its own link, or else what local storage kept. */
let initialQuery = '';
const initial = (() => {
  const fromUrl = location.search.length > 1;
  let stored = '';
  try {
    stored = fromUrl ? '' : localStorage.getItem(STORE_KEY) ?? '';
  } catch {
    // Storage may be disabled; the URL is enough.
  }
  const browserLang: Lang = /^id\b/i.test(navigator.language) ? 'id' : 'en';
  initialQuery = fromUrl ? location.search : stored;
  return fromQuery(initialQuery, browserLang);
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
  urlNotice: initial.problems.length > 0,
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
  running: null as null | { kind: 'ensemble' | 'sweep'; abort: AbortController; done: number; total: number },
  /** The run box's last word, worded when drawn (so a language switch re-words it). */
  status: null as null | ((D: Dict, f: Formats) => string),
  /** What the sweep panel says: a problem with its form, or how far it got. */
  sweepStatus: null as null | ((D: Dict, f: Formats) => string),
  error: null as null | { text: (D: Dict) => string; retry: () => void },
  references: null as null | { cempaka: EnsembleSummary; tulip: EnsembleSummary },
  open: new Set<SectionKey>(['intervention']),
  sweepForm: { path: 'intervention.mentoring.visitsPerMonth', from: '0', to: '8', steps: '9', reps: '200', outcome: 'survivalRate' },
};

// A bad value in the link also shows next to its field (holding what the link said), with its
// section open; the app then waits for it to be fixed instead of running.
for (const p of initial.problems) {
  // Only where a field can show it (a value with no control is listed in the notice alone).
  if (!sectionOf(p.key) && p.key !== 'seed' && p.key !== 'reps') continue;
  state.problems.set(p.key, { key: p.key, value: p.value });
  const section = sectionOf(p.key);
  if (section) state.open.add(section);
}

const session = new Session(browserPool());
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
const langSwitch = header.append('div').attr('class', 'lang').attr('role', 'group');
const langButtons = langSwitch
  .selectAll('button')
  .data(LANGS)
  .join('button')
  .attr('type', 'button')
  .attr('lang', (l) => l)
  .attr('data-testid', (l) => `lang-${l}`)
  .on('click', (_, l) => setLang(l));
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
  .on('change', function () { setWhole('reps', this.value, LIMITS.reps.min, LIMITS.reps.max); });
const repsHint = repsField.append('small').attr('class', 'hint').attr('id', 'reps-hint');
const repsError = repsField.append('small').attr('class', 'field-error').attr('id', 'reps-error').attr('data-testid', 'error-reps');
const seedField = runBox.append('div').attr('class', 'field');
const seedLabel = seedField.append('label').attr('for', 'seed');
const seedInput = seedField.append('input').attr('id', 'seed').attr('type', 'text').attr('inputmode', 'numeric').attr('data-testid', 'seed').attr('aria-describedby', 'seed-hint seed-error')
  .on('change', function () { setWhole('seed', this.value, 0, SEED_MAX); });
const seedHint = seedField.append('small').attr('class', 'hint').attr('id', 'seed-hint');
const seedError = seedField.append('small').attr('class', 'field-error').attr('id', 'seed-error').attr('data-testid', 'error-seed');
const runButtons = runBox.append('div').attr('class', 'buttons');
const runButton = runButtons.append('button').attr('type', 'submit').attr('class', 'primary').attr('data-testid', 'run');
const cancelButton = runButtons.append('button').attr('type', 'button').attr('data-testid', 'cancel').on('click', () => state.running?.abort.abort());
const progress = runBox.append('progress').attr('data-testid', 'progress').attr('aria-labelledby', 'run-status').attr('max', 1).property('value', 0);
const runStatus = runBox.append('p').attr('id', 'run-status').attr('class', 'status').attr('role', 'status').attr('aria-live', 'polite').attr('data-testid', 'status');

const controlsBox = side.append('div').attr('class', 'sections').on('toggle', (e: Event) => {
  const el = e.target as HTMLDetailsElement;
  const k = el.dataset.section as SectionKey | undefined;
  if (k) el.open ? state.open.add(k) : state.open.delete(k);
}, true);

const rosterBox = side.append('details').attr('class', 'section roster').attr('data-section', 'roster');
const rosterSummary = rosterBox.append('summary');
const rosterHelp = rosterBox.append('p').attr('class', 'help');
const rosterLabel = rosterBox.append('label').attr('class', 'file');
const rosterText = rosterLabel.append('span');
const rosterInput = rosterLabel.append('input').attr('type', 'file').attr('accept', '.csv,text/csv,text/plain').attr('data-testid', 'roster-file').on('change', function () {
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
const resultsHead = main.append('div').attr('class', 'results-head');
const resultsTitle = resultsHead.append('h2');
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
  chartTools(panel.node()!, body.node()!, k);
}

/** SVG and PNG buttons under a chart: they save whatever chart its body holds when pressed. */
function chartTools(parent: HTMLElement, body: HTMLElement, name: string): void {
  const tools = select(parent).append('div').attr('class', 'chart-tools');
  for (const format of ['SVG', 'PNG'] as const) {
    tools.append('button').attr('type', 'button').attr('class', 'small').attr('data-format', format).text(format).on('click', () => void exportChart(body, name, format));
  }
}

/** Name each chart's buttons after the chart now drawn above them (for screen readers). */
function labelChartTools(root: HTMLElement): void {
  const D = d();
  for (const tools of root.querySelectorAll<HTMLElement>('.chart-tools')) {
    const title = tools.previousElementSibling?.querySelector('svg')?.getAttribute('aria-label') ?? '';
    for (const b of tools.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-label', D.charts.download(title, b.dataset.format!));
  }
}

const comparePanel = main.append('section').attr('class', 'panel compare').attr('data-testid', 'compare');
const sweepPanel = main.append('section').attr('class', 'panel sweep').attr('data-testid', 'sweep');
const exportPanel = main.append('section').attr('class', 'panel exports').attr('data-testid', 'exports');

// ---------------------------------------------------------------- updates

/** The words of a problem in the page's language. */
function problemText(p: Problem, lang: Lang): string {
  if (p.combined) return p.combined(lang);
  const r = p.key === 'seed' ? checkWhole('seed', p.value, 0, SEED_MAX, lang)
    : p.key === 'reps' ? checkWhole('reps', p.value, LIMITS.reps.min, LIMITS.reps.max, lang)
    : checkParameter(p.key, p.value, lang);
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
function setWhole(key: 'seed' | 'reps', raw: string, lo: number, hi: number): void {
  const r = checkWhole(key, raw, lo, hi, state.settings.lang);
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
    state.status = run.state === 'cancelled' ? (D, f) => D.run.cancelled(f.int(run.done), f.int(settings.reps)) : (D, f) => D.run.finished(f.int(run.done), f.num(secs, 2));
    document.body.dataset.state = run.state;
  } catch (e) {
    const partial = (e as { run?: EnsembleRun }).run;
    if (partial && partial.done > 0) state.current = partial;
    const why = (e as Error)?.message ?? String(e);
    state.error = { text: (D) => `${D.run.failed}: ${why}`, retry: () => void runEnsemble() };
    document.body.dataset.state = 'failed';
  } finally {
    state.running = null;
    renderRunBox();
    scheduleResults(true);
    renderSweep();
  }
}

async function runSweep(): Promise<void> {
  if (blocked()) return;
  const form = state.sweepForm;
  const lang = state.settings.lang;
  const info = settableParameters().get(form.path)!;
  // The form keeps what was typed, perhaps before a language switch: either way of writing it will do.
  const either = (raw: string) => {
    const r = checkParameter(form.path, raw, lang);
    const other = checkParameter(form.path, raw, lang === 'id' ? 'en' : 'id');
    return 'value' in r || !('value' in other) ? r : other;
  };
  const lo = either(form.from);
  const hi = either(form.to);
  const steps = checkWhole('steps', form.steps, 2, 41, lang);
  const reps = checkWhole('reps', form.reps, 10, LIMITS.reps.max, lang);
  const wrong = [lo, hi, steps, reps].some((r) => 'problem' in r);
  const n = 'value' in steps && 'value' in reps ? steps.value * reps.value : 0;
  const badRange = !wrong && (lo as { value: number }).value >= (hi as { value: number }).value;
  if (wrong || badRange || n > LIMITS.sweepRuns) {
    // Worded when drawn (the form's texts are checked again in the page's language then).
    const form0 = { ...form };
    state.sweepStatus = (D, f) => {
      if (badRange) return D.sweep.badRange;
      if (!wrong) return D.sweep.tooMany(f.int(n), f.int(LIMITS.sweepRuns));
      const l = D === DICTS.id ? 'id' : 'en';
      return [checkParameter(form0.path, form0.from, l), checkParameter(form0.path, form0.to, l), checkWhole('steps', form0.steps, 2, 41, l), checkWhole('reps', form0.reps, 10, LIMITS.reps.max, l)]
        .flatMap((r) => ('problem' in r ? [r.problem.message] : [])).join(' ');
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
        if (!drawTimer) drawTimer = window.setTimeout(() => { drawTimer = 0; renderSweep(); }, 150);
      },
    });
  } catch (e) {
    const why = (e as Error)?.message ?? String(e);
    state.error = { text: (D) => `${D.run.failed}: ${why}`, retry: () => void runSweep() };
  } finally {
    state.running = null;
    renderRunBox();
    renderSweep();
    renderResults();
  }
}

/** Cempaka and Tulip, for the radar's reference outlines (once, right after start-up). */
const references = session
  .references([preset('cempaka').scenario, preset('tulip').scenario])
  .then(([cempaka, tulip]) => (state.references = { cempaka, tulip }))
  .catch(() => null);

// ---------------------------------------------------------------- rendering

function renderAll(): void {
  const D = d();
  const lang = state.settings.lang;
  document.documentElement.lang = lang;
  document.title = `${D.app.title} · ${D.app.subtitle}`;
  skip.text(D.app.skip);
  h1.text(D.app.title);
  subtitle.text(D.app.subtitle);
  langSwitch.attr('aria-label', D.lang.label);
  langButtons.text((l) => DICTS[l].lang[l]).attr('aria-pressed', (l) => String(l === lang));
  // The link's problems, worded again in the page's language, until the notice is closed.
  const linkProblems = state.urlNotice ? fromQuery(initialQuery, lang).problems : [];
  urlBox.property('hidden', !linkProblems.length).selectAll('*').remove();
  if (linkProblems.length) {
    urlBox.append('strong').text(D.url.problems);
    urlBox.append('ul').selectAll('li').data(linkProblems).join('li').text((p) => `${p.key}=${p.value} — ${p.message}`);
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
  renderExports();
}

function renderRunBox(): void {
  const D = d();
  const s = state.settings;
  repsLabel.text(D.run.reps);
  seedLabel.text(D.run.seed);
  const worded = wordedProblems();
  const repsProblem = worded.get('reps');
  const seedProblem = worded.get('seed');
  repsInput.property('value', repsProblem?.value ?? fmt().int(s.reps)).attr('aria-invalid', repsProblem ? 'true' : null);
  seedInput.property('value', seedProblem?.value ?? String(s.seed)).attr('aria-invalid', seedProblem ? 'true' : null);
  repsHint.text(`${D.run.repsHelp} (${fmt().int(LIMITS.reps.min)}–${fmt().int(LIMITS.reps.max)})`);
  seedHint.text(D.run.seedHelp);
  repsError.text(repsProblem?.message ?? '').property('hidden', !repsProblem);
  seedError.text(seedProblem?.message ?? '').property('hidden', !seedProblem);
  runButton.text(D.run.run).property('disabled', !!state.running);
  cancelButton.text(D.run.cancel).property('hidden', !state.running);
  renderProgress();
}

function renderProgress(): void {
  const D = d();
  const r = state.running;
  progress.property('hidden', !r).property('value', r ? r.done / Math.max(1, r.total) : 0);
  runStatus.text(r ? D.run.progress(fmt().int(r.done), fmt().int(r.total)) : state.status?.(D, fmt()) ?? '');
  if (sweepStatus) sweepStatus.textContent = r?.kind === 'sweep' ? D.run.progress(fmt().int(r.done), fmt().int(r.total)) : state.sweepStatus?.(D, fmt()) ?? '';
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
  emptyNote.text(D.results.empty).property('hidden', !!run);
  errorBox.property('hidden', !state.error).selectAll('*').remove();
  if (state.error) {
    errorBox.append('p').text(state.error.text(D));
    errorBox.append('button').attr('type', 'button').text(D.run.retry).on('click', state.error.retry);
  }
  const stale = !!run && !state.running && !sameSettings(run.settings, state.settings);
  staleNote.text(stale ? D.run.stale : '').property('hidden', !stale);
  main.classed('is-stale', stale);
  grid.property('hidden', !run);
  cardsBox.property('hidden', !run);
  if (!run) return [renderCompare];
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
  const fans: [ChartKey, string, (v: number) => string, string, boolean, [number, number] | null][] = [
    ['activeMembers', 'activeMembers', (v) => f.int(v), PALETTE.vermillion, true, [0, run.scenario.group.size]],
    ['capital', 'capital', f.rupiahShort, PALETTE.green, false, null],
    ['incomePerMember', 'incomePerMember', f.rupiahShort, PALETTE.orange, false, null],
    ['cohesion', 'cohesion', (v) => f.num(v, 1), PALETTE.purple, false, [0, 1]],
  ];
  for (const [key, indicator, yFormat, color, integer, yDomain] of fans) {
    const data = fanData(s, indicator);
    if (!data) continue;
    const a = ps ? fanData(ps, indicator) : null;
    const text = D.charts[key as 'capital'];
    steps.push(() => drawFanChart(chartBoxes.get(key)!, {
      title: text.title, xLabel: week, yLabel: text.axis, weeks: data.weeks, band: data.band, yFormat, color, integer, yDomain,
      legend, compare: a ? { label: D.charts.pinned, band: a.band } : null,
    }));
  }
  steps.push(renderCompare, renderExports, () => {
    labelChartTools(grid.node()!);
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
  const D = d();
  const lang = state.settings.lang;
  const f = fmt();
  comparePanel.selectAll('*').remove();
  comparePanel.append('h2').text(D.compare.title);
  comparePanel.append('p').attr('class', 'help').text(D.compare.help);
  const bar = comparePanel.append('div').attr('class', 'buttons');
  const cur = state.current;
  bar.append('button').attr('type', 'button').attr('data-testid', 'pin').text(D.compare.pin)
    .property('disabled', !cur || cur.state === 'running' || !!state.running || cur === state.pinned)
    .on('click', () => {
      state.pinned = state.current;
      renderResults();
      // Pin is now disabled: the focus goes to its counterpart.
      void drawn().then(() => document.querySelector<HTMLElement>('[data-testid="unpin"]')?.focus());
    });
  if (state.pinned) {
    bar.append('button').attr('type', 'button').attr('data-testid', 'unpin').text(D.compare.unpin).on('click', () => {
      state.pinned = null;
      renderResults();
      void drawn().then(() => document.querySelector<HTMLElement>('[data-testid="pin"]')?.focus());
    });
    bar.append('span').attr('class', 'pinned-label').text(D.compare.pinned(presetLabelOf(state.pinned.settings)));
  }
  const a = state.pinned;
  const b = state.current;
  if (!a || !b || a === b || b.state === 'running') {
    if (a && (!b || a === b)) comparePanel.append('p').attr('class', 'note').text(D.compare.runB);
    return;
  }
  const c = pairRuns(a, b);
  const notes = [c.sameSeed ? D.compare.sameLuck(f.int(c.paired)) : D.compare.otherSeed];
  if (a.done !== b.done) notes.push(D.compare.otherReps(f.int(c.paired)));
  comparePanel.append('p').attr('class', 'note').attr('data-testid', 'compare-note').text(notes.join(' '));
  const rows = compareRows(c, lang);
  const diffBox = comparePanel.append('div').attr('class', 'chart-body').attr('data-testid', 'chart-diff');
  drawDiffChart(diffBox.node()!, {
    title: D.compare.diffTitle,
    rows: diffRows(c, MAIN_OUTCOMES.map((key) => ({
      key,
      label: outcomeName(key, lang),
      format: (v: number) => (key === 'survived' ? f.signed(v, (x) => `${f.num(100 * x, 1)} pp`) : f.signed(v, outcomeFormat(key, lang))),
      pText: (p: number) => D.compare.pBetterText(chanceText(p, lang)),
    }))),
    sides: { aBetter: `← ${D.compare.betterA}`, bBetter: `${D.compare.betterB} →` },
    legend: { better: D.compare.betterB, worse: D.compare.betterA, unclear: D.compare.unclear },
  });
  chartTools(comparePanel.node()!, diffBox.node()!, 'differences');
  labelChartTools(comparePanel.node()!);
  const details = comparePanel.append('details').attr('class', 'all-outcomes');
  details.append('summary').text(D.compare.all);
  const table = details.append('table').attr('data-testid', 'compare-table');
  const head = table.append('thead').append('tr');
  for (const h of [D.compare.outcome, D.compare.a, D.compare.b, D.compare.difference, D.compare.pBetter]) head.append('th').attr('scope', 'col').text(h);
  const tr = table.append('tbody').selectAll('tr').data(rows).join('tr').attr('class', (r) => `verdict-${r.verdict}`).attr('data-key', (r) => r.key);
  tr.append('th').attr('scope', 'row').text((r) => r.name);
  tr.append('td').text((r) => r.a);
  tr.append('td').text((r) => r.b);
  tr.append('td').text((r) => (r.interval ? `${r.diff} (${r.interval})` : r.diff));
  tr.append('td').attr('data-testid', 'p-better').text((r) => r.pBetter);
}

function presetLabelOf(s: Settings): string {
  const D = d();
  const n = Object.keys(s.set).length + (s.roster ? 1 : 0);
  return `${D.preset.names[s.preset] ?? s.preset}${n ? ` + ${D.preset.changed(n)}` : ''}`;
}

/** The sweep panel's status line (rebuilt with the panel). */
let sweepStatus: HTMLParagraphElement | null = null;

const SWEEP_OUTCOMES = ['survivalRate', 'memberIncomeMonthly', 'costPerSurvivingGroup', 'activeMembersFinal', 'capitalFinal', 'exitsPerMember'] as const;
type SweepOutcome = (typeof SWEEP_OUTCOMES)[number];

function renderSweep(): void {
  keepFocus(() => drawSweep());
}

function drawSweep(): void {
  const D = d();
  const lang = state.settings.lang;
  const f = fmt();
  const form = state.sweepForm;
  sweepPanel.selectAll('*').remove();
  sweepPanel.append('h2').text(D.sweep.title);
  sweepPanel.append('p').attr('class', 'help').text(D.sweep.help);
  const row = sweepPanel.append('form').attr('class', 'sweep-form').attr('novalidate', '').on('submit', (e: SubmitEvent) => {
    e.preventDefault();
    void runSweep();
  });
  const field = (key: keyof typeof form, label: string, build: (el: Selection<HTMLDivElement, unknown, null, undefined>) => void) => {
    const box = row.append<HTMLDivElement>('div').attr('class', 'field') as unknown as Selection<HTMLDivElement, unknown, null, undefined>;
    box.append('label').attr('for', `sweep-${key}`).text(label);
    build(box);
    box.select('input, select').attr('id', `sweep-${key}`).attr('data-testid', `sweep-${key}`).on('change', function () {
      (form as Record<string, string>)[key] = (this as HTMLInputElement).value;
      if (key === 'path') {
        const info = settableParameters().get(form.path)!;
        form.from = fieldText(info, info.min ?? 0, lang);
        form.to = fieldText(info, info.max ?? 1, lang);
        renderSweep();
      }
      // The runs of a finished sweep hold every outcome: show the one chosen now.
      if (key === 'outcome') renderSweep();
    });
  };
  // Numeric parameters with a range; not those a loaded roster decides (they would not move).
  const numeric = parameterTable().filter((p) => !p.options && p.unit !== 'yes/no' && p.path !== 'seed' && p.path !== 'members.roster' && p.min !== undefined && !(state.settings.roster && setByRoster(p.path)));
  field('path', D.sweep.parameter, (b) => {
    b.append('select').selectAll('option').data(numeric).join('option').attr('value', (p) => p.path).property('selected', (p) => p.path === form.path).text((p) => p.text[lang]);
  });
  field('outcome', D.sweep.outcome, (b) => {
    b.append('select').selectAll('option').data(SWEEP_OUTCOMES).join('option').attr('value', (k) => k).property('selected', (k) => k === form.outcome).text((k) => sweepOutcomeName(k, lang));
  });
  for (const key of ['from', 'to', 'steps', 'reps'] as const) {
    field(key, D.sweep[key], (b) => void b.append('input').attr('type', 'text').attr('inputmode', 'decimal').property('value', form[key]));
  }
  row.append('button').attr('type', 'submit').attr('data-testid', 'sweep-run').text(D.sweep.run).property('disabled', !!state.running);
  if (state.running?.kind === 'sweep') row.append('button').attr('type', 'button').text(D.run.cancel).on('click', () => state.running?.abort.abort());
  sweepStatus = sweepPanel.append('p').attr('class', 'status').attr('role', 'status').attr('data-testid', 'sweep-status').text(state.running?.kind === 'sweep' ? D.run.progress(f.int(state.running.done), f.int(state.running.total)) : state.sweepStatus?.(D, f) ?? '').node();
  const sw = state.sweep;
  if (!sw) return;
  const info = settableParameters().get(sw.path)!;
  const outcome = form.outcome as SweepOutcome;
  const points = sweepPoints(sw.values.flatMap((x, i) => {
    const e = sw.points[i];
    if (!e) return [];
    const h = e.summary().headline;
    const est = h[outcome];
    return est ? [{ x, estimate: est }] : [];
  }));
  const box = sweepPanel.append('div').attr('class', 'chart-body').attr('data-testid', 'chart-sweep');
  const yName = sweepOutcomeName(outcome, lang);
  drawSweepChart(box.node()!, {
    title: `${yName} × ${info.text[lang]}`,
    xLabel: `${info.text[lang]}${DICTS[lang].units[info.unit] ? ` (${DICTS[lang].units[info.unit]})` : ''}`,
    yLabel: yName,
    points,
    xFormat: (v) => (info.unit === 'Rp' || info.unit === 'Rp/month' ? f.rupiahShort(v) : f.short(v)),
    yFormat: outcome === 'survivalRate' ? (v) => f.pct(v, 0) : ['memberIncomeMonthly', 'costPerSurvivingGroup', 'capitalFinal'].includes(outcome) ? f.rupiahShort : (v) => f.num(v, 2),
    color: PALETTE.blue,
    yDomain: outcome === 'survivalRate' ? [0, 1] : null,
    xInteger: !!info.int,
    legend: { mean: D.charts.mean, band: D.charts.survival.band },
  });
  box.select('svg').attr('data-points', points.length);
  chartTools(sweepPanel.node()!, box.node()!, 'sweep');
  labelChartTools(sweepPanel.node()!);
  if (!state.running && !sameSettings({ ...sw.settings, reps: state.settings.reps }, state.settings)) {
    sweepPanel.append('p').attr('class', 'stale-note').attr('data-testid', 'sweep-stale').text(D.sweep.stale);
  }
}

function sweepOutcomeName(k: SweepOutcome, lang: Lang): string {
  if (k === 'survivalRate') return DICTS[lang].results.survival;
  return outcomeName(k, lang);
}

function renderExports(): void {
  keepFocus(() => drawExports());
}

function drawExports(): void {
  const D = d();
  const run = state.current;
  exportPanel.selectAll('*').remove();
  exportPanel.append('h2').text(D.exports.title);
  const bar = exportPanel.append('div').attr('class', 'buttons');
  const none = !run || run.state === 'running';
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-csv').text(D.exports.runsCsv).property('disabled', none).on('click', () => {
    if (run) download(`kube-sim-${run.settings.preset}-seed${run.settings.seed}-runs.csv`, new Blob([runsCsv(run)], { type: 'text/csv' }));
  });
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-json').text(D.exports.summaryJson).property('disabled', none).on('click', async () => {
    if (run) download(`kube-sim-${run.settings.preset}-seed${run.settings.seed}-summary.json`, new Blob([`${JSON.stringify(await summaryJson(run, run.ensemble.summary()))}\n`], { type: 'application/json' }));
  });
  // Everything here is of the results on show (a cancelled run: the replications it finished),
  // so that the link, the file and the command give back exactly these numbers.
  const shown = run ? { ...run.settings, reps: run.done || run.settings.reps } : state.settings;
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-scenario').text(D.exports.scenarioJson).on('click', () => {
    download(`kube-sim-scenario-${shown.preset}.json`, new Blob([scenarioFileJson(shown)], { type: 'application/json' }));
  });
  const copy = bar.append('button').attr('type', 'button').attr('data-testid', 'copy-link').text(D.exports.copyLink);
  const copied = bar.append('span').attr('class', 'copied').attr('role', 'status');
  copy.on('click', async () => {
    try {
      await navigator.clipboard.writeText(`${location.origin}${location.pathname}${toQuery(shown)}`);
      copied.text(D.exports.copied);
    } catch {
      copied.text(D.exports.copyFailed);
    }
  });
  exportPanel.append('p').attr('class', 'help').text(D.exports.cli);
  exportPanel.append('pre').attr('class', 'cli').attr('data-testid', 'cli').text(cliCommand(shown));
  if (run && !sameSettings(run.settings, state.settings)) exportPanel.append('p').attr('class', 'note').text(D.exports.ofShown);
}

async function exportChart(body: HTMLElement, chart: string, format: 'SVG' | 'PNG'): Promise<void> {
  const svg = body.querySelector('svg');
  if (!svg) return;
  const name = `kube-sim-${chart}.${format.toLowerCase()}`;
  if (format === 'SVG') download(name, new Blob([chartSvgText(svg)], { type: 'image/svg+xml' }));
  else download(name, await chartPngBlob(svg));
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

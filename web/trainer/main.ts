/**
 * Trainer mode: one KUBE animated week by week for a workshop. The worker computes the whole run
 * (model/trace.ts) in a few milliseconds; the page only plays it back, so the animation never
 * waits for the simulation. An injected event is sent to the worker, which recomputes the run
 * with it: the weeks already shown come back the same (same seed, same injections before them),
 * the weeks after show the group's response.
 */
import * as Comlink from 'comlink';
import * as d3 from 'd3';
import { INJECTION_KINDS, withOverrides, type Injection, type InjectionKind, type Scenario, type Trace } from '../../src/browser.ts';
import type { WorkerApi } from '../../src/browser.ts';
import { DICTS, formats, type Lang } from '../app/i18n.ts';
import { registerOffline } from '../app/offline.ts';
import { fromQuery, PRESETS, scenarioOf, toQuery, type Settings } from '../app/settings.ts';
import { describeMember, explainElement, memberName, narrateFrame, TOUR, weekLabel, type Line } from './narrate.ts';
import { drawLangSwitch } from '../views/lang-switch.ts';
import { createPanel, dissolvedAt, type Panel } from './panel.ts';
import { SPARSE_FROM } from './network.ts';
import { Player, SPEEDS } from './player.ts';
import { startTour, type Tour } from './tour.ts';
import { plannerPart, readTrainerView, trainerQuery } from './url.ts';
import { UI, type UiWords } from './words.ts';
import '../style.css';
import './trainer.css';

// ---------------------------------------------------------------- state

const browserLang: Lang = /^id\b/i.test(navigator.language) ? 'id' : 'en';
// The planner's part of the address (group, changes, roster, seed, language), then trainer mode's own.
const read = fromQuery(plannerPart(location.search), browserLang);
const own = readTrainerView(location.search, read.settings.lang);

const state = {
  settings: read.settings as Settings,
  problems: [...read.problems, ...own.problems] as { key: string; value: unknown; message: string }[],
  compare: own.view.compare,
  projector: own.view.projector,
  injections: own.view.events as Injection[],
  traces: [] as Trace[],
  /** Requests in flight: a newer one makes older answers stale. */
  request: 0,
  pending: false,
  notice: null as null | ((w: UiWords) => string),
  failure: null as null | string,
};
const lang = () => state.settings.lang;
const words = () => UI[lang()];
const fmt = () => formats(lang());
const player = new Player(0);
player.speed = own.view.speed;
// Events in a link beyond this group's horizon cannot happen: named, and left out.
{
  let horizon = Infinity;
  try {
    horizon = scenarioOf(state.settings).horizonWeeks;
  } catch {
    // Settings that do not fit together fail at the first run, with their own message.
  }
  const late = state.injections.filter((e) => e.week >= horizon);
  if (late.length) {
    state.injections = state.injections.filter((e) => e.week < horizon);
    state.problems.push({ key: 'events', value: late.map((e) => `${e.week}:${e.kind}`).join(','), message: `< ${horizon}` });
  }
}

// ---------------------------------------------------------------- worker

/** One Worker computes the runs; a crashed one is replaced on Try again. */
function startWorker() {
  const worker = new Worker(new URL('../../src/runner/worker.ts', import.meta.url), { type: 'module', name: 'kube-sim-trainer' });
  const api = Comlink.wrap<WorkerApi>(worker);
  // A Worker's error also reaches the page as an uncaught error unless handled here.
  const died = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error(e.message || 'the simulation Worker stopped'));
    }),
  );
  died.catch(() => undefined);
  return { worker, api, died };
}
let sim = startWorker();

/** The scenarios on show: the chosen group, and in comparison the same group without mentoring. */
function scenarios(): { scenario: Scenario; title: (w: UiWords) => string }[] {
  const sc = scenarioOf(state.settings);
  if (!state.compare) return [{ scenario: sc, title: (w) => w.single }];
  const m = sc.intervention.mentoring;
  // "With" needs some mentoring: a group chosen without any gets the default package (1 visit a month for 12 months).
  const withM = m.visitsPerMonth > 0 && m.months > 0 ? sc : withOverrides(sc, { 'intervention.mentoring.visitsPerMonth': 1, 'intervention.mentoring.months': 12 }, 'trainer');
  const without = withOverrides(sc, { 'intervention.mentoring.visitsPerMonth': 0 }, 'trainer');
  return [
    { scenario: withM, title: (w) => w.withMentoring },
    { scenario: without, title: (w) => w.withoutMentoring },
  ];
}

/** Ask for the runs on show; true if this answer is the one on screen now (no newer request came). */
async function load(): Promise<boolean> {
  const id = ++state.request;
  state.pending = true;
  try {
    const list = scenarios();
    const { api, died } = sim;
    const traces = await Promise.race([
      Promise.all(list.map((s) => api.trace(s.scenario, { seed: state.settings.seed, injections: state.injections }))),
      died,
    ]);
    if (id !== state.request) return false;
    state.failure = null;
    // A new group (restart, new luck, another group, side by side on or off) gets new panels; an
    // injection keeps them, so the layout carries on where it was.
    const grew = !state.traces.length || traces[0].n !== state.traces[0].n || traces.length !== state.traces.length;
    state.traces = traces;
    // Playback ends when the last group on show has dissolved (or at the horizon).
    player.last = Math.max(...traces.map((t) => dissolvedAt(t) ?? t.frames - 1));
    if (player.pos > player.last) player.seek(player.last);
    if (grew) buildPanels(list.map((s) => s.title));
    else panels.forEach((p, k) => (p.title = list[k].title));
    player.hold = Infinity;
    state.pending = false;
    renderWords();
    renderStory();
    renderInject();
    needsDraw = true;
    document.body.dataset.ready = '1';
    return true;
  } catch (err) {
    if (id === state.request) fail(err instanceof Error ? err.message : String(err));
    return false;
  }
}

/** Try again after a failure: a fresh Worker if the old one died. */
function retry(): void {
  sim.worker.terminate();
  sim = startWorker();
  void load();
}

function fail(message: string): void {
  state.pending = false;
  // The weeks already computed stay playable; Try again asks for the run again.
  player.hold = Infinity;
  state.failure = message;
  player.playing = false;
  renderNotice();
}

// ---------------------------------------------------------------- page

registerOffline();
document.documentElement.lang = lang();
const root = d3.select('#trainer');
const header = root.append('header').attr('class', 't-header');
const titleBox = header.append('div');
const h1 = titleBox.append('h1');
const subtitle = titleBox.append('p').attr('class', 'subtitle');
const setup = header.append('div').attr('class', 't-setup');
const groupLabel = setup.append('label').attr('class', 't-field');
const groupText = groupLabel.append('span');
const groupSelect = groupLabel.append('select').attr('data-testid', 'group');
const changedNote = setup.append('span').attr('class', 't-changed').attr('data-testid', 'changed');
const seedBox = setup.append('span').attr('class', 't-seed');
const langSwitch = drawLangSwitch(setup.node()!, (l) => setLang(l));
const projectorButton = setup.append('button').attr('type', 'button').attr('data-testid', 'projector').on('click', () => toggleProjector());
const tourButton = setup.append('button').attr('type', 'button').attr('data-testid', 'open-tour').on('click', () => openTour());
const keysButton = setup.append('button').attr('type', 'button').attr('data-testid', 'keys').on('click', () => toggleKeys());
const plannerLink = setup.append('a').attr('class', 't-planner').attr('data-testid', 'planner');

const noticeBox = root.append('div').attr('class', 'notice').attr('role', 'status').attr('hidden', true);

const bars = root.append('div').attr('class', 't-bars');
const controls = bars.append('div').attr('class', 't-controls').attr('data-tour', 'controls');
const button = (testid: string, on: () => void) => controls.append('button').attr('type', 'button').attr('data-testid', testid).on('click', on);
const restartButton = button('restart', () => restart(false));
const backButton = button('back', () => stepBy(-1));
const playButton = button('play', () => togglePlay()).attr('class', 'primary play');
const forwardButton = button('forward', () => stepBy(1));
const speedLabel = controls.append('label').attr('class', 't-field t-speed');
const speedText = speedLabel.append('span');
const speedSelect = speedLabel
  .append('select')
  .attr('data-testid', 'speed')
  .on('change', function () {
    player.speed = Number((this as HTMLSelectElement).value);
    syncUrl();
  });
const newSeedButton = button('new-seed', () => restart(true));
const compareLabel = controls.append('label').attr('class', 't-check').attr('data-tour', 'compare');
const compareBox = compareLabel
  .append('input')
  .attr('type', 'checkbox')
  .attr('data-testid', 'compare')
  .on('change', function () {
    setCompare((this as HTMLInputElement).checked);
  });
const compareText = compareLabel.append('span');

const injectBar = bars.append('div').attr('class', 't-inject').attr('data-tour', 'inject').attr('role', 'group');
const injectTitle = injectBar.append('span').attr('class', 't-inject-title');
const injectButtons = injectBar
  .selectAll('button')
  .data(INJECTION_KINDS)
  .join('button')
  .attr('type', 'button')
  .attr('data-testid', (k) => `inject-${k}`)
  .on('click', (_e, k) => injectNow(k));

const main = root.append('main').attr('class', 't-main');
const panelBox = main.append('div').attr('class', 'panels');
const storyBox = main.append('aside').attr('class', 'story').attr('data-tour', 'story');
const storyTitle = storyBox.append('h2');
const storyList = storyBox.append('ol').attr('class', 'story-list').attr('data-testid', 'story').attr('aria-live', 'off');
const storyEmpty = storyBox.append('p').attr('class', 'story-empty');

const legend = root.append('p').attr('class', 't-legend');

const tip = root.append('div').attr('class', 't-tip').attr('id', 'trainer-tip').attr('role', 'tooltip').attr('hidden', true).attr('data-testid', 'tip');
const keysDialog = root.append('div').attr('class', 't-keys').attr('role', 'dialog').attr('aria-modal', 'false').attr('hidden', true).attr('data-testid', 'keys-dialog');

type ShownPanel = Panel & { title: (w: UiWords) => string };
let panels: ShownPanel[] = [];

function buildPanels(titles: ((w: UiWords) => string)[]): void {
  for (const p of panels) p.destroy();
  panelBox.selectAll('*').remove();
  panelBox.classed('two', titles.length === 2);
  const n = state.traces[0].n;
  panels = titles.map((title, k) =>
    Object.assign(
      createPanel(panelBox.node()!, {
        id: k === 0 ? 'a' : 'b',
        n,
        label: (i) => String(i + 1),
        name: (i, f) => memberName(state.traces[k] ?? state.traces[0], i, f, lang()),
        onMember: (p, i, anchor, pinned) => showMember(p, i, anchor, pinned),
        onElement: (p, e, anchor) => showElement(p, e, anchor),
      }),
      { title },
    ),
  );
  // Warm the layout up before the first frame, so members do not fly in from their circle.
  for (const p of panels) {
    p.network.draw(state.traces[panels.indexOf(p)], player.frame, 0);
    for (let k = 0; k < 120; k++) p.network.tick();
  }
}

// ---------------------------------------------------------------- words

function renderWords(): void {
  const w = words();
  const l = lang();
  document.documentElement.lang = l;
  document.title = `kube-sim · ${w.title}`;
  h1.text(`kube-sim · ${w.title}`);
  subtitle.text(w.subtitle);
  groupText.text(w.group);
  const names = DICTS[l].preset.names;
  groupSelect
    .selectAll('option')
    .data(PRESETS)
    .join('option')
    .attr('value', (p) => p.id)
    .text((p) => names[p.id] ?? p.scenario.name);
  const changes = Object.keys(state.settings.set).length + (state.settings.roster ? 1 : 0);
  changedNote.text(changes ? DICTS[l].preset.changed(changes) : '');
  groupSelect.property('value', state.settings.preset).on('change', function () {
    const id = (this as HTMLSelectElement).value;
    state.settings = { ...state.settings, preset: id, set: {}, roster: null, rosterFile: null, seed: PRESETS.find((p) => p.id === id)!.scenario.seed };
    restart(false);
  });
  seedBox.text(`${w.seed}: ${state.settings.seed}`).attr('data-testid', 'seed');
  langSwitch.show(l);
  projectorButton.text(w.projector).attr('aria-pressed', String(state.projector));
  tourButton.text(w.tour);
  keysButton.text(w.shortcuts).attr('aria-expanded', String(!keysDialog.attr('hidden')));
  plannerLink.text(w.planner).attr('href', `./${toQuery(state.settings)}`);
  restartButton.text(`⟲ ${w.restart}`).attr('title', `${w.restart} (R)`);
  backButton.text('◀').attr('aria-label', w.stepBack).attr('title', `${w.stepBack} (←)`);
  forwardButton.text('▶|').attr('aria-label', w.stepForward).attr('title', `${w.stepForward} (→)`);
  newSeedButton.text(w.newSeed).attr('title', `${w.newSeed} (N)`);
  speedText.text(w.speed);
  speedSelect
    .selectAll('option')
    .data(SPEEDS)
    .join('option')
    .attr('value', (s) => s)
    .text((s) => w.speedValue(fmt().short(s)));
  speedSelect.property('value', String(player.speed));
  compareText.text(w.compare);
  compareBox.property('checked', state.compare).attr('title', `${w.compare} (C)`);
  injectTitle.text(w.inject);
  injectButtons.text((k) => w.injectKinds[k]).attr('title', (k, i) => `${w.injectKinds[k]} (${i + 1})`);
  storyTitle.text(w.story);
  storyEmpty.text(w.storyEmpty);
  legend.text(state.traces.length && state.traces[0].n > SPARSE_FROM ? `${w.networkHelp} ${w.networkHelpBig}` : w.networkHelp);
  for (const p of panels) p.setWords(w, l, p.title(w));
  renderPlay();
  renderNotice();
  renderKeys();
  needsDraw = true;
}

function renderPlay(): void {
  const w = words();
  playButton.text(player.playing ? w.pause : `▶ ${w.play}`).attr('title', `${player.playing ? w.pause : w.play} (Space)`);
  document.body.dataset.playing = player.playing ? '1' : '0';
  // While playing the story changes too fast to read aloud; when paused or stepping, new lines are announced.
  storyList.attr('aria-live', player.playing ? 'off' : 'polite');
}

function renderNotice(): void {
  const w = words();
  noticeBox.selectAll('*').remove();
  const parts: string[] = [];
  if (state.failure) {
    noticeBox.attr('role', 'alert');
    noticeBox.append('strong').text(`${w.failed}: `);
    noticeBox.append('span').text(state.failure);
    noticeBox.append('button').attr('type', 'button').attr('class', 'small').attr('data-testid', 'retry').text(w.retry).on('click', () => retry());
  } else {
    noticeBox.attr('role', 'status');
    if (state.notice) parts.push(state.notice(w));
    if (state.problems.length) {
      noticeBox.append('span').text(w.problems);
      noticeBox
        .append('ul')
        .selectAll('li')
        .data(state.problems)
        .join('li')
        .text((p) => `${p.key} = ${JSON.stringify(p.value)}: ${p.message}`);
    }
    for (const text of parts) noticeBox.append('p').text(text);
  }
  noticeBox.attr('hidden', state.failure || parts.length || state.problems.length ? null : true);
}

function renderKeys(): void {
  const w = words();
  keysDialog.selectAll('*').remove();
  keysDialog.attr('aria-label', w.shortcutsTitle);
  keysDialog.append('h2').text(w.shortcutsTitle);
  const dl = keysDialog.append('dl');
  for (const [key, what] of w.shortcutList) {
    dl.append('dt').append('kbd').text(key);
    dl.append('dd').text(what);
  }
  keysDialog.append('button').attr('type', 'button').attr('class', 'small').text(w.close).on('click', () => toggleKeys(false));
}

// ---------------------------------------------------------------- story

/** Lines of frame f for every panel, the panel's title in front when two are shown. */
/** One week's story: the frame and its lines, for every panel. */
interface Week {
  f: number;
  lines: { line: Line; panel: number }[];
}

/** Narrate weeks once; the story and the pulse of the members concerned both use the result. */
function narrate(frames: number[]): Week[] {
  return frames.map((f) => ({ f, lines: state.traces.flatMap((t, panel) => narrateFrame(t, f, lang()).map((line) => ({ line, panel }))) }));
}

function appendStory(weeks: Week[]): void {
  const w = words();
  const node = storyList.node()!;
  for (const { f, lines } of weeks) {
    // A week's lines keep their order (most important first), above the weeks before.
    const week = document.createDocumentFragment();
    for (const { line, panel } of lines) {
      const li = document.createElement('li');
      li.className = `tone-${line.tone}${line.injected ? ' injected' : ''}`;
      li.dataset.week = String(f);
      li.dataset.panel = panel === 0 ? 'a' : 'b';
      li.dataset.kind = line.kind;
      const when = document.createElement('strong');
      when.textContent = `${weekLabel(f, lang())}${state.traces.length > 1 ? ` · ${panels[panel].title(w)}` : ''}: `;
      li.append(when, line.text);
      week.append(li);
    }
    node.prepend(week);
  }
  // A long run keeps the latest 300 lines.
  while (node.childElementCount > 300) node.lastElementChild!.remove();
  storyEmpty.attr('hidden', node.childElementCount ? true : null);
}

/** The story up to the week on show: the latest 300 lines, narrated from the week on show back. */
function renderStory(): void {
  storyList.attr('aria-live', 'off');
  storyList.selectAll('*').remove();
  const weeks: Week[] = [];
  let lines = 0;
  for (let f = player.frame; f >= 1 && lines < 300; f--) {
    const [week] = narrate([f]);
    weeks.push(week);
    lines += week.lines.length;
  }
  appendStory(weeks.reverse());
  renderPlay();
}

/** New weeks reached going forward: told, and the members of the last one's events pulse. */
function tellWeeks(frames: number[]): void {
  if (!frames.length) return;
  const weeks = narrate(frames);
  appendStory(weeks);
  flash(weeks[weeks.length - 1]);
}

// ---------------------------------------------------------------- explanations

function place(anchor: Element): void {
  const box = anchor.getBoundingClientRect();
  const el = tip.node()!;
  el.hidden = false;
  const width = el.offsetWidth;
  const height = el.offsetHeight;
  let left = box.right + 10 + window.scrollX;
  if (left + width > window.scrollX + document.documentElement.clientWidth - 8) left = Math.max(8, box.left - width - 10 + window.scrollX);
  let top = box.top + window.scrollY;
  if (top + height > window.scrollY + document.documentElement.clientHeight - 8) top = Math.max(8, window.scrollY + document.documentElement.clientHeight - height - 8);
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

let tipFor: null | (() => void) = null;
/** The member or element the card describes (for assistive technology). */
let described: Element | null = null;

function describe(anchor: Element, pinned: boolean): void {
  if (described !== anchor) described?.removeAttribute('aria-describedby');
  described = anchor;
  anchor.setAttribute('aria-describedby', 'trainer-tip');
  // A pinned card holds a Close button: a small dialog rather than a tooltip.
  tip.attr('role', pinned ? 'dialog' : 'tooltip');
}

function showMember(p: Panel, i: number | null, anchor: Element | null, pinned: boolean): void {
  if (i === null || !anchor || !p.trace) {
    hideTip();
    return;
  }
  tipFor = () => {
    const d = describeMember(p.trace!, player.frame, i, lang());
    tip.selectAll('*').remove();
    tip.attr('data-kind', 'member').attr('data-member', i);
    tip.append('h3').text(d.title);
    tip.append('ul').selectAll('li').data(d.lines).join('li').text((x) => x);
    if (pinned) tip.append('button').attr('type', 'button').attr('class', 'small').text(words().close).on('click', () => hideTip());
    describe(anchor, pinned);
    place(anchor);
  };
  tipFor();
}

function showElement(p: Panel, e: number | null, anchor: Element | null): void {
  if (e === null || !anchor || !p.trace) {
    hideTip();
    return;
  }
  tipFor = () => {
    const x = explainElement(p.trace!, player.frame, e, lang());
    tip.selectAll('*').remove();
    tip.attr('data-kind', 'element').attr('data-member', null);
    tip.append('h3').text(x.name);
    tip.append('p').text(x.meaning);
    tip.append('p').attr('class', 'moved').text(x.moved);
    describe(anchor, false);
    place(anchor);
  };
  tipFor();
}

function hideTip(): void {
  tipFor = null;
  tip.attr('hidden', true);
  described?.removeAttribute('aria-describedby');
  described = null;
  for (const p of panels) p.network.unpin();
}

// ---------------------------------------------------------------- actions

function togglePlay(): void {
  if (player.playing) player.playing = false;
  else {
    player.play();
    // From the end, Play starts over: the story starts over with it.
    if (player.frame === 0) renderStory();
  }
  last = performance.now();
  renderPlay();
  syncUrl();
}

/** The events can be made to happen while some group on show is still alive and weeks remain. */
function renderInject(): void {
  const f = player.frame;
  const open = f < player.last && state.traces.some((t) => (dissolvedAt(t) ?? Infinity) > f);
  injectButtons.property('disabled', !open);
}

/** The members the week's events concern pulse for a moment, in each group. */
function flash(week: Week): void {
  panels.forEach((p, k) => {
    const who = week.lines.filter(({ line, panel }) => panel === k && (line.injected || line.tone === 'bad')).flatMap(({ line }) => line.members);
    if (who.length) p.network.flash([...new Set(who)]);
  });
}

function stepBy(by: 1 | -1): void {
  const reached = player.step(by);
  syncUrl();
  if (by < 0) renderStory();
  else {
    tellWeeks(reached);
  }
  renderPlay();
  needsDraw = true;
  tipFor?.();
}

function restart(newSeed: boolean): void {
  if (newSeed) state.settings = { ...state.settings, seed: crypto.getRandomValues(new Uint32Array(1))[0] };
  state.injections = [];
  state.notice = null;
  player.playing = false;
  player.seek(0);
  hideTip();
  syncUrl();
  renderPlay();
  storyList.selectAll('*').remove();
  state.traces = [];
  void load();
}

function setCompare(on: boolean): void {
  state.compare = on;
  state.traces = [];
  hideTip();
  syncUrl();
  void load();
}

function setLang(l: Lang): void {
  state.settings = { ...state.settings, lang: l };
  hideTip();
  syncUrl();
  renderWords();
  renderStory();
  tour?.relabel(TOUR[l], words());
}

function toggleProjector(on = !state.projector): void {
  state.projector = on;
  document.body.classList.toggle('projector', on);
  projectorButton.attr('aria-pressed', String(on));
  for (const p of panels) p.setWords(words(), lang(), p.title(words()));
  syncUrl();
}

function toggleKeys(show = keysDialog.attr('hidden') !== null): void {
  const open = keysDialog.attr('hidden') === null;
  keysDialog.attr('hidden', show ? null : true);
  keysButton.attr('aria-expanded', String(show));
  if (show) (keysDialog.select('button').node() as HTMLButtonElement | null)?.focus();
  else if (open) keysButton.node()!.focus({ preventScroll: true });
}

/** Make something happen at the end of the coming week; paused, the page steps into that week to show it. */
function injectNow(kind: InjectionKind): void {
  if (state.pending || !state.traces.length || injectButtons.property('disabled')) return;
  const f = player.frame;
  if (f >= player.last) {
    state.notice = (x) => x.notApplied(x.injectKinds[kind]);
    renderNotice();
    return;
  }
  const before = state.traces.map((t) => t.applied.length);
  state.injections = [...state.injections, { week: f, kind }];
  player.hold = f;
  const wasPlaying = player.playing;
  void load().then((current) => {
    // A restart, new group or failure since: this injection's answer is not on screen.
    if (!current) return;
    const took = state.traces.map((t, k) => t.applied.length > before[k]);
    if (!took.some(Boolean)) {
      // No group could take it (dissolved, or nobody fits): it is forgotten, nothing changed.
      state.injections = state.injections.slice(0, -1);
      state.notice = (x) => x.notApplied(x.injectKinds[kind]);
    } else if (!took.every(Boolean)) {
      // Side by side, one group had already ended: the other shows it.
      const which = panels[took.indexOf(false)].title;
      state.notice = (x) => x.notApplied(`${x.injectKinds[kind]} (${which(x)})`);
    } else state.notice = null;
    renderNotice();
    syncUrl();
    if (!wasPlaying && !player.playing) stepBy(1);
  });
}

function syncUrl(): void {
  const q = new URLSearchParams(toQuery(state.settings));
  // The language always: a link shared from an English page opens in English in an Indonesian browser.
  q.set('lang', lang());
  // The week only when paused: a reload or a shared link opens where the trainer stopped.
  trainerQuery(
    {
      compare: state.compare,
      projector: state.projector,
      speed: player.speed,
      tour: own.view.tour,
      week: player.playing ? null : player.frame,
      events: state.injections,
    },
    q,
  );
  const text = q.toString();
  history.replaceState(null, '', text ? `?${text}` : location.pathname);
  plannerLink.attr('href', `./${toQuery(state.settings)}`);
  seedBox.text(`${words().seed}: ${state.settings.seed}`);
}

// ---------------------------------------------------------------- tour

const TOUR_SEEN = 'kube-sim:trainer-tour';
let tour: Tour | null = null;

function openTour(): void {
  tour?.close();
  player.playing = false;
  renderPlay();
  const back = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : tourButton.node()!;
  tour = startTour(root.node() as HTMLElement, TOUR[lang()], words(), () => {
    tour = null;
    back.focus({ preventScroll: true });
    try {
      localStorage.setItem(TOUR_SEEN, '1');
    } catch {
      // Private windows may refuse storage: the tour then shows again next time, nothing worse.
    }
  });
}

// ---------------------------------------------------------------- keys

// After a mouse click or tap, a button, box or list lets go of the focus, so that Space plays
// instead of pressing it again (and the shortcuts work after choosing a group). Keyboard users
// keep the focus where they are.
let pointerAt = -Infinity;
document.addEventListener('pointerdown', (e) => (pointerAt = e.timeStamp), true);
document.addEventListener('click', (e) => {
  const el = (e.target as Element).closest('.t-header button, .t-controls button, .t-controls input, .t-inject button');
  if (el && (e as MouseEvent).detail > 0) (el as HTMLElement).blur();
});
document.addEventListener('change', (e) => {
  const el = e.target as HTMLElement;
  if (el.tagName === 'SELECT' && e.timeStamp - pointerAt < 30_000) el.blur();
});

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target.closest('input, select, textarea')) return;
  if (e.key === 'Escape') {
    if (tour) tour.close();
    else if (keysDialog.attr('hidden') === null) toggleKeys(false);
    else hideTip();
    return;
  }
  if (tour) return;
  const onButton = target.tagName === 'BUTTON' || target.closest('.member, .element');
  let done = true;
  switch (e.key) {
    case ' ':
      if (onButton) return;
      togglePlay();
      break;
    case 'ArrowRight':
      stepBy(1);
      break;
    case 'ArrowLeft':
      stepBy(-1);
      break;
    case 'Home':
    case 'End': {
      player.playing = false;
      const reached = player.seek(e.key === 'Home' ? 0 : player.last);
      if (e.key === 'Home') renderStory();
      else appendStory(narrate(reached));
      renderPlay();
      syncUrl();
      needsDraw = true;
      break;
    }
    case '+':
    case '=':
      player.faster(1);
      speedSelect.property('value', String(player.speed));
      syncUrl();
      break;
    case '-':
    case '_':
      player.faster(-1);
      speedSelect.property('value', String(player.speed));
      syncUrl();
      break;
    case 'r':
    case 'R':
      restart(false);
      break;
    case 'n':
    case 'N':
      restart(true);
      break;
    case 'c':
    case 'C':
      setCompare(!state.compare);
      renderWords();
      break;
    case 'p':
    case 'P':
      toggleProjector();
      break;
    case 't':
    case 'T':
      openTour();
      break;
    case '?':
      toggleKeys();
      break;
    default: {
      const k = Number(e.key);
      if (Number.isInteger(k) && k >= 1 && k <= INJECTION_KINDS.length) injectNow(INJECTION_KINDS[k - 1]);
      else done = false;
    }
  }
  if (done) e.preventDefault();
});

// ---------------------------------------------------------------- animation

let last = performance.now();
let needsDraw = true;

function frame(now: number): void {
  const dt = now - last;
  last = now;
  if (state.traces.length && panels.length) {
    const reached = player.advance(dt);
    if (reached.length) {
      tellWeeks(reached);
      for (const p of panels) p.network.warm();
      if (tipFor) tipFor();
      if (!player.playing) {
        renderPlay();
        syncUrl();
      }
    }
    let moving = false;
    for (const p of panels) moving = p.network.tick() || moving;
    if (moving || player.playing || needsDraw || reached.length) {
      const f = player.frame;
      const alpha = player.pos - f;
      panels.forEach((p, k) => p.draw(state.traces[k], f, alpha));
      if (document.body.dataset.week !== String(f)) {
        document.body.dataset.week = String(f);
        renderInject();
      }
      needsDraw = false;
    }
  }
  requestAnimationFrame(frame);
}

toggleProjector(state.projector);
renderWords();
void load().then(() => {
  // A link that names a week opens there, with the story up to it.
  if (own.view.week !== null && own.view.week > 0) {
    player.seek(own.view.week);
    renderStory();
    needsDraw = true;
  }
  let seen = false;
  try {
    seen = localStorage.getItem(TOUR_SEEN) === '1';
  } catch {
    seen = false;
  }
  if (!seen && own.view.tour) openTour();
});
requestAnimationFrame(frame);

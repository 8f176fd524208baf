/**
 * Trainer mode's one store: plain data (the settings, what is on show, playback, language, the
 * events made to happen, side by side, projector) and plain update functions. Views read it;
 * only these functions change it, and each says what changed so the page redraws just that.
 * The address is read once, here, where it enters; the scenarios on show are built once per change.
 */
import type { Injection, Scenario, Trace } from '../../src/browser.ts';
import type { Lang } from '../app/i18n.ts';
import { fromQuery, PRESETS, scenarioOf, type Settings } from '../app/settings.ts';
import { dissolvedAt } from './dissolved.ts';
import { Player } from './player.ts';
import { shownGroups, type Shown } from './shown.ts';
import { plannerPart, readTrainerView } from './url.ts';
import type { UiWords } from './words.ts';

export interface Problem {
  key: string;
  value: unknown;
  message: string;
}

/**
 * What an update changed: `words` (language, labels), `runs` (new traces), `play` (playing,
 * speed), `week` (the week on show), `notice`, `view` (projector, the keys dialog), `tip` (the card).
 */
export type Change = 'words' | 'runs' | 'play' | 'week' | 'notice' | 'view' | 'tip';

/** The card on show: a member or an element of a panel, beside the element pointed at; pinned cards have a Close button. */
export interface Tip {
  kind: 'member' | 'element';
  panel: number;
  index: number;
  anchor: Element;
  pinned: boolean;
}

export interface TrainerState {
  settings: Settings;
  problems: Problem[];
  compare: boolean;
  projector: boolean;
  injections: Injection[];
  /** The link asked for the tour (not `tour=0`); the week it opens at. */
  tour: boolean;
  openWeek: number | null;
  /** The groups on show, built from the settings; null while the settings do not fit together. */
  shown: Shown[] | null;
  /** Why the settings do not make a scenario, if they do not. */
  invalid: string | null;
  traces: Trace[];
  pending: boolean;
  notice: null | ((w: UiWords) => string);
  failure: null | string;
  keysOpen: boolean;
  tip: Tip | null;
}

export interface Store {
  state: TrainerState;
  player: Player;
  /** Tell the views: each listener gets the set of what changed. */
  emit(...what: Change[]): void;
  listen(fn: (what: Set<Change>) => void): void;
}

/** The store of a page opened at `search` in a browser whose language is `browserLang`. */
export function createStore(search: string, browserLang: Lang): Store {
  // The planner's part of the address (group, changes, roster, seed, language), then trainer mode's own.
  const read = fromQuery(plannerPart(search), browserLang);
  const own = readTrainerView(search, read.settings.lang);
  const state: TrainerState = {
    settings: read.settings,
    problems: [...read.problems, ...own.problems],
    compare: own.view.compare,
    projector: own.view.projector,
    injections: own.view.events,
    tour: own.view.tour,
    openWeek: own.view.week,
    shown: null,
    invalid: null,
    traces: [],
    pending: false,
    notice: null,
    failure: null,
    keysOpen: false,
    tip: null,
  };
  const player = new Player(0);
  player.speed = own.view.speed;
  const listeners: ((what: Set<Change>) => void)[] = [];
  const store: Store = {
    state,
    player,
    emit: (...what) => listeners.forEach((fn) => fn(new Set(what))),
    listen: (fn) => void listeners.push(fn),
  };
  rebuild(store);
  dropLateEvents(state);
  return store;
}

/** Build the scenarios on show from the settings (once per change of settings or side by side). */
function rebuild(store: Store): void {
  const s = store.state;
  try {
    const sc: Scenario = scenarioOf(s.settings);
    s.shown = shownGroups(sc, s.compare);
    s.invalid = null;
  } catch (err) {
    // Settings that do not fit together fail at the first run, with their own message.
    s.shown = null;
    s.invalid = err instanceof Error ? err.message : String(err);
  }
}

/** Events in a link beyond this group's horizon cannot happen: named, and left out. */
function dropLateEvents(s: TrainerState): void {
  const horizon = s.shown?.[0].scenario.horizonWeeks ?? Infinity;
  const late = s.injections.filter((e) => e.week >= horizon);
  if (!late.length) return;
  s.injections = s.injections.filter((e) => e.week < horizon);
  s.problems.push({ key: 'events', value: late.map((e) => `${e.week}:${e.kind}`).join(','), message: `< ${horizon}` });
}

export const lang = (store: Store): Lang => store.state.settings.lang;

export function setLang(store: Store, l: Lang): void {
  store.state.settings = { ...store.state.settings, lang: l };
  store.emit('words');
}

/** Start the group again from week 0, with no events made to happen (a new seed if `seed` given). */
export function restart(store: Store, seed?: number): void {
  const s = store.state;
  if (seed !== undefined) s.settings = { ...s.settings, seed };
  s.injections = [];
  s.notice = null;
  s.traces = [];
  store.player.playing = false;
  store.player.seek(0);
  rebuild(store);
  store.emit('runs', 'play', 'week', 'notice', 'words');
}

export function choosePreset(store: Store, id: string): void {
  const seed = PRESETS.find((p) => p.id === id)!.scenario.seed;
  store.state.settings = { ...store.state.settings, preset: id, set: {}, roster: null, rosterFile: null, seed };
  restart(store);
}

export function setCompare(store: Store, on: boolean): void {
  store.state.compare = on;
  store.state.traces = [];
  rebuild(store);
  store.emit('runs', 'words');
}

export function setProjector(store: Store, on: boolean): void {
  store.state.projector = on;
  store.emit('view');
}

export function setKeysOpen(store: Store, open: boolean): void {
  store.state.keysOpen = open;
  store.emit('view');
}

export function setTip(store: Store, tip: Tip | null): void {
  store.state.tip = tip;
  store.emit('tip');
}

export function setSpeed(store: Store, speed: number): void {
  store.player.speed = speed;
  store.emit('play');
}

export function setNotice(store: Store, notice: TrainerState['notice']): void {
  store.state.notice = notice;
  store.emit('notice');
}

/** The runs on show arrived. */
export function setTraces(store: Store, traces: Trace[]): void {
  const { state, player } = store;
  state.traces = traces;
  state.failure = null;
  state.pending = false;
  player.hold = Infinity;
  // Playback ends when the last group on show has dissolved (or at the horizon).
  player.last = Math.max(...traces.map((t) => dissolvedAt(t) ?? t.frames - 1));
  if (player.pos > player.last) player.seek(player.last);
  store.emit('runs', 'notice', 'play');
}

export function setFailure(store: Store, message: string): void {
  const { state, player } = store;
  state.pending = false;
  // The weeks already computed stay playable; Try again asks for the run again.
  player.hold = Infinity;
  player.playing = false;
  state.failure = message;
  store.emit('notice', 'play');
}

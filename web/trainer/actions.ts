/**
 * What the trainer can do (buttons and keys call these): each changes the store through its update
 * functions, asks the runner for new runs when the group changed, and says what changed.
 */
import { INJECTION_KINDS, type InjectionKind } from '../../src/browser.ts';
import type { Lang } from '../app/i18n.ts';
import { dissolvedAt } from './dissolved.ts';
import type { Runs } from './runs.ts';
import * as S from './store.ts';
import type { Store } from './store.ts';

export interface Actions {
  togglePlay(): void;
  stepBy(by: 1 | -1): void;
  seek(to: 'start' | 'end'): void;
  faster(dir: 1 | -1): void;
  setSpeed(speed: number): void;
  restart(newSeed: boolean): void;
  choosePreset(id: string): void;
  setCompare(on: boolean): void;
  setLang(l: Lang): void;
  toggleProjector(): void;
  setKeysOpen(open: boolean): void;
  inject(kind: InjectionKind): void;
  injectNth(k: number): void;
  retry(): void;
}

/** The events can be made to happen while some group on show is still alive and weeks remain. */
export function canInject(store: Store): boolean {
  const f = store.player.frame;
  return !store.state.pending && store.state.traces.length > 0 && f < store.player.last && store.state.traces.some((t) => (dissolvedAt(t) ?? Infinity) > f);
}

export function createActions(store: Store, runs: Runs, randomSeed: () => number): Actions {
  const { player } = store;
  const reload = () => void runs.load();
  const actions: Actions = {
    togglePlay() {
      if (player.playing) player.playing = false;
      else player.play();
      store.emit('play', 'week');
    },
    stepBy(by) {
      player.step(by);
      store.emit('play', 'week');
    },
    seek(to) {
      player.playing = false;
      player.seek(to === 'start' ? 0 : player.last);
      store.emit('play', 'week');
    },
    faster: (dir) => S.setSpeed(store, player.faster(dir)),
    setSpeed: (speed) => S.setSpeed(store, speed),
    restart(newSeed) {
      S.setTip(store, null);
      S.restart(store, newSeed ? randomSeed() : undefined);
      reload();
    },
    choosePreset(id) {
      S.setTip(store, null);
      S.choosePreset(store, id);
      reload();
    },
    setCompare(on) {
      S.setTip(store, null);
      S.setCompare(store, on);
      reload();
    },
    setLang(l) {
      S.setTip(store, null);
      S.setLang(store, l);
    },
    toggleProjector: () => S.setProjector(store, !store.state.projector),
    setKeysOpen: (open) => S.setKeysOpen(store, open),
    inject: (kind) => inject(store, runs, actions, kind),
    injectNth(k) {
      if (k >= 1 && k <= INJECTION_KINDS.length) actions.inject(INJECTION_KINDS[k - 1]);
    },
    retry: () => runs.retry(),
  };
  return actions;
}

/** Make something happen at the end of the coming week; paused, the page steps into that week to show it. */
function inject(store: Store, runs: Runs, actions: Actions, kind: InjectionKind): void {
  const { state, player } = store;
  // The buttons are disabled then; a key does nothing either.
  if (!canInject(store)) return;
  const f = player.frame;
  const before = state.traces.map((t) => t.applied.length);
  state.injections = [...state.injections, { week: f, kind }];
  player.hold = f;
  const wasPlaying = player.playing;
  void runs.load().then((current) => {
    // A restart, new group or failure since: this injection's answer is not on screen.
    if (!current) return;
    const took = state.traces.map((t, k) => t.applied.length > before[k]);
    if (!took.some(Boolean)) {
      // No group could take it (dissolved, or nobody fits): it is forgotten, nothing changed.
      state.injections = state.injections.slice(0, -1);
      S.setNotice(store, (x) => x.notApplied(x.injectKinds[kind]));
    } else if (!took.every(Boolean)) {
      // Side by side, one group had already ended: the other shows it.
      const which = state.shown![took.indexOf(false)].title;
      S.setNotice(store, (x) => x.notApplied(`${x.injectKinds[kind]} (${x[which]})`));
    } else S.setNotice(store, null);
    if (!wasPlaying && !player.playing) actions.stepBy(1);
  });
}

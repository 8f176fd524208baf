/**
 * Trainer mode: one KUBE animated week by week for a workshop. This file only wires the store
 * (store.ts), the views (views/), the runner's Worker (runs.ts), the keys and the clock.
 */
import * as d3 from 'd3';
import type { Lang } from '../app/i18n.ts';
import { registerOffline } from '../app/offline.ts';
import { createActions } from './actions.ts';
import { syncAddress } from './address.ts';
import { listenKeys } from './keys.ts';
import { createRuns } from './runs.ts';
import { createStore, type Change } from './store.ts';
import { tourControl } from './tour-control.ts';
import { controlsView } from './views/controls.ts';
import { headerView } from './views/header.ts';
import { keysDialogView } from './views/keys-dialog.ts';
import { legendView } from './views/legend.ts';
import { noticeView } from './views/notice.ts';
import { panelsView } from './views/panels.ts';
import { storyView } from './views/story.ts';
import { tipView } from './views/tip.ts';
import '../style.css';
import './trainer.css';

registerOffline();
const browserLang: Lang = /^id\b/i.test(navigator.language) ? 'id' : 'en';
const store = createStore(location.search, browserLang);
const runs = createRuns(store);
const actions = createActions(store, runs, () => crypto.getRandomValues(new Uint32Array(1))[0]);

const root = document.getElementById('trainer')!;
const tour = tourControl(root, store);
const header = headerView(root, store, actions, () => tour.open());
const notice = noticeView(root, store, actions);
const controls = controlsView(root, store, actions);
const main = d3.select(root).append('main').attr('class', 't-main').node()!;
const panels = panelsView(main, store);
const story = storyView(main, store);
const views = [header, notice, controls, panels.update, story, legendView(root, store), tipView(root, store), keysDialogView(root, store, actions)];

store.listen((what: Set<Change>) => {
  for (const update of views) update(what);
  if (what.has('view')) document.body.classList.toggle('projector', store.state.projector);
  if (what.has('words')) tour.relabel();
  if (what.has('runs') && store.state.traces.length) document.body.dataset.ready = '1';
  // The card and the notice are not in the address; playing, neither is the week.
  const inAddress: Change[] = ['words', 'runs', 'play', 'view', ...(store.player.playing ? [] : (['week'] as const))];
  if (inAddress.some((c) => what.has(c))) syncAddress(store);
});
listenKeys(store, actions, tour);
store.emit('words', 'view', 'play', 'notice');

// The clock: the player moves while playing; each new week is told, and the groups redrawn.
let last = performance.now();
function frame(now: number): void {
  const dt = now - last;
  last = now;
  const { player } = store;
  const wasPlaying = player.playing;
  const reached = store.state.traces.length ? player.advance(dt) : [];
  if (reached.length) store.emit(...(player.playing === wasPlaying ? ['week' as const] : ['week' as const, 'play' as const]));
  const f = player.frame;
  if (document.body.dataset.week !== String(f)) document.body.dataset.week = String(f);
  panels.frame(wasPlaying);
  requestAnimationFrame(frame);
}

void runs.load().then(() => {
  // A link that names a week opens there, with the story up to it.
  const week = store.state.openWeek;
  if (week !== null && week > 0) {
    store.player.seek(week);
    store.emit('week');
  }
  tour.openIfNew();
});
requestAnimationFrame(frame);

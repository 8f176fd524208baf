/**
 * The planners' page: wires the store (web/app/store.ts), the views (web/views) and the runner.
 * Choose a group and a package, run hundreds of replications on the worker pool, watch the charts
 * fill in, pin a result as A and compare B with it, sweep one parameter, export and share.
 */
import { select } from 'd3';
import { browserPool } from '../src/browser.ts';
import type { Lang } from './app/i18n.ts';
import { registerOffline } from './app/offline.ts';
import { createRunner } from './app/runs.ts';
import { pageQuery } from './app/link.ts';
import { sameSettings } from './app/page-words.ts';
import { toQuery } from './app/settings.ts';
import { initialState, STORE_KEY } from './app/start.ts';
import { createStore, touched, type Key, type ViewUpdate } from './app/store.ts';
import { compareView } from './views/compare-view.ts';
import { controlsView } from './views/controls-view.ts';
import { exportsView } from './views/exports-view.ts';
import { howSureView } from './views/how-sure-view.ts';
import { pageHeader } from './views/page-header.ts';
import { presetBox } from './views/preset-box.ts';
import { resultsCharts } from './views/results-charts.ts';
import { resultsHead } from './views/results-head.ts';
import { rosterBox } from './views/roster-box.ts';
import { runBox } from './views/run-box.ts';
import { sweepView } from './views/sweep-view.ts';
import './style.css';

const storage = {
  get: () => { try { return localStorage.getItem(STORE_KEY) ?? ''; } catch { return ''; } },
  set: (q: string) => { try { localStorage.setItem(STORE_KEY, q); } catch { /* the URL holds the settings as well */ } },
  drop: () => { try { localStorage.removeItem(STORE_KEY); } catch { /* nothing kept */ } },
};

const fromUrl = location.search.length > 1;
const browserLang: Lang = /^id\b/i.test(navigator.language) ? 'id' : 'en';
const { dropStored, ...first } = initialState({ search: location.search, stored: fromUrl ? '' : storage.get(), browserLang });
if (dropStored) storage.drop();
const store = createStore(first);
const runner = createRunner(store, browserPool);

// ---------------------------------------------------------------- layout and views

const app = select<HTMLDivElement, unknown>('#app');
app.selectAll('*').remove();
const views: ViewUpdate[] = [pageHeader(app.node()!, store)];
const layout = app.append('div').attr('class', 'layout');
const side = layout.append<HTMLElement>('aside').attr('class', 'sidebar');
views.push(presetBox(side.node()!, store), runBox(side.node()!, store, runner), controlsView(side.node()!, store, runner), rosterBox(side.node()!, store));
const main = layout.append<HTMLElement>('main').attr('id', 'results').attr('tabindex', -1);
const m = main.node()!;
views.push(resultsHead(m, store));
const results = resultsCharts(m, store);
views.push(results.update, compareView(m, store));
const howSure = howSureView(m, store, runner);
views.push(howSure);
const sweep = sweepView(m, store, runner);
views.push(sweep, exportsView(m, store));

const ALL = new Set(Object.keys(store.state) as Key[]);
const linkOf = () => pageQuery({ settings: store.state.settings, pinnedSettings: store.state.pinned?.settings ?? null, howSure: store.state.howSure }, sameSettings);
const drawAll = (changed: ReadonlySet<Key>) => { for (const v of views) v(changed); };
store.subscribe((state, changed) => {
  if (touched(changed, 'settings')) storage.set(toQuery(state.settings));
  if (touched(changed, 'settings', 'pinned', 'howSure')) {
    // Settings known to fit: the URL follows, with the comparison across worlds on show (if any);
    // local storage keeps the settings alone.
    history.replaceState(null, '', `${location.pathname}${linkOf()}${location.hash}`);
  }
  // For tests and the benchmark: the run going, or how the last one ended.
  document.body.dataset.state = state.running ? 'running' : state.error ? 'failed' : state.current?.state ?? '';
  drawAll(changed);
});

// On a phone the answer comes first: the results are moved before the settings in the page itself
// (not only drawn there), so the keyboard and screen readers meet them in the order seen.
const narrowScreen = matchMedia('(max-width: 900px)');
const placeResults = () => {
  const [m, sb] = [main.node()!, side.node()!];
  if (narrowScreen.matches ? m.nextElementSibling !== sb : sb.nextElementSibling !== m) layout.node()!.insertBefore(narrowScreen.matches ? m : sb, narrowScreen.matches ? sb : m);
};
placeResults();
narrowScreen.addEventListener('change', placeResults);
store.subscribe((state, changed) => {
  // On a phone the results sit above the settings: bring them into view when a run starts.
  if (touched(changed, 'running') && state.running?.done === 0 && narrowScreen.matches && main.node()!.getBoundingClientRect().top < 0) main.node()!.scrollIntoView({ block: 'start' });
});

// ---------------------------------------------------------------- start

function showCrash(err: unknown): void {
  console.error(err);
  const why = err instanceof Error ? err.message : String(err);
  try {
    store.update({ error: { text: (D) => `${D.app.crashed}: ${why}. ${D.app.crashedHint}`, retry: () => location.reload() } });
  } catch {
    document.querySelector<HTMLElement>('[data-testid=error]')?.replaceChildren(why);
  }
}
// Escape stops a run (but first closes a drop-down or leaves a field, as it always does there).
window.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) return;
  if (e.key === 'Escape') runner.cancel();
});
window.addEventListener('error', (e) => showCrash(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showCrash(e.reason));

// Charts are drawn in CSS pixels at their boxes' width: redraw when that changes. The redraw waits
// for the next frame: redrawn inside the observer's callback, the charts' new heights can bring or
// take away the page's scroll bar, which changes the width again within the same frame, and the
// browser reports "ResizeObserver loop completed with undelivered notifications" as an error.
let drawnWidth = main.node()!.clientWidth;
let resizeFrame = 0;
new ResizeObserver(() => {
  if (resizeFrame) return;
  resizeFrame = requestAnimationFrame(() => {
    resizeFrame = 0;
    const w = main.node()!.clientWidth;
    if (w === drawnWidth) return;
    drawnWidth = w;
    results.redraw();
    sweep.redraw();
    howSure.redraw();
    drawAll(new Set<Key>());
  });
}).observe(main.node()!);

drawAll(ALL);
// A link with a comparison keeps it in the address until it is run again.
const arrival = location.search;
history.replaceState(null, '', `${location.pathname}${store.state.link ? arrival : toQuery(store.state.settings)}${location.hash}`);
// An answer on arrival: the settings in the address (or the default) are run at once. A link with
// a comparison runs A first and pins it, then B, then the worlds it names. The page is ready (for
// people and for tests) when that first result is drawn.
void (async () => {
  await runner.references();
  const link = store.state.link;
  if (link && !store.state.problems.size) await runner.runPinned(link.a);
  if (!store.state.problems.size) await runner.runEnsemble();
  if (link?.howSure && store.state.pinned && store.state.current?.state === 'complete') await runner.runHowSure(link.howSure);
  await results.drawn();
  document.body.dataset.ready = '1';
})();
registerOffline();

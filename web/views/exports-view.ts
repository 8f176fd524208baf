/** Save and share on the page: the panel (exports-panel.ts) for the results on show. */
import { select } from 'd3';
import { sameSettings } from '../app/page-words.ts';
import { toQuery } from '../app/settings.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { drawExportsPanel } from './exports-panel.ts';
import { keepFocus } from './keep-focus.ts';

export function exportsView(container: HTMLElement, store: Store): ViewUpdate {
  const main = select(container);
  const root = main.append('section').attr('class', 'panel exports').attr('data-testid', 'exports').node()!;
  let shownRun: unknown = null;
  let shownState = '';
  return (changed) => {
    if (!touched(changed, 'current', 'settings', 'running')) return;
    const { current: run, settings } = store.state;
    // Batches of a run change nothing here until it ends (the buttons wait for a finished run).
    if (!touched(changed, 'settings') && run === shownRun && `${run?.state}` === shownState) return;
    shownRun = run;
    shownState = `${run?.state}`;
    keepFocus(() => drawExportsPanel(root, {
      lang: settings.lang,
      run,
      settings,
      stale: !!run && !sameSettings(run.settings, settings),
      linkOf: (shown) => `${location.origin}${location.pathname}${toQuery(shown)}`,
      summaryOf: (r) => r.ensemble.summary(),
    }));
  };
}

/**
 * The scenario's controls (drawn by controls.ts from the schema) on the page: a change goes to
 * the store, Enter in a field runs, a section opened or closed is remembered, and a run refused
 * while fields are wrong takes the focus to the first of them.
 */
import { select } from 'd3';
import { setParameter, toggleSection } from '../app/actions.ts';
import { wordedProblems } from '../app/page-words.ts';
import type { SectionKey } from '../app/params.ts';
import type { Runner } from '../app/runs.ts';
import { RUN_SETTINGS } from '../app/settings.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { drawControls } from './controls.ts';

export function controlsView(container: HTMLElement, store: Store, runner: Runner): ViewUpdate {
  const parent = select(container);
  const box = parent.append('div').attr('class', 'sections').on('keydown', (e: KeyboardEvent) => {
    // Enter in a field takes its value (the browser fires change) and then runs, as in the run box.
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) setTimeout(() => void runner.runEnsemble(), 0);
  }).on('toggle', (e: Event) => {
    const el = e.target as HTMLDetailsElement;
    const k = el.dataset.section as SectionKey | undefined;
    if (k && el.open !== store.state.open.has(k)) toggleSection(store, k, el.open);
  }, true);

  return (changed) => {
    const s = store.state;
    if (touched(changed, 'settings', 'scenario', 'problems', 'open')) {
      drawControls(box.node()!, {
        lang: s.settings.lang,
        scenario: s.scenario,
        changed: new Set(Object.keys(s.settings.set)),
        problems: wordedProblems(s.problems, s.settings.lang),
        rosterLoaded: !!s.settings.roster,
        onChange: (path, raw) => setParameter(store, path, raw),
      }, s.open);
      for (const el of box.node()!.querySelectorAll<HTMLDetailsElement>('details[data-section]')) {
        if (s.open.has(el.dataset.section as SectionKey) && !el.open) el.open = true;
      }
    }
    if (touched(changed, 'focus') && s.focus) {
      const key = s.focus.key;
      const el = key in RUN_SETTINGS ? document.getElementById(key) : document.querySelector<HTMLElement>(`[data-testid="field-${key}"]`);
      el?.closest('details')?.setAttribute('open', '');
      el?.focus();
    }
  };
}

/**
 * Compare packages on the page: the panel (compare-panel.ts) redrawn when what it shows changed —
 * a run finished or started, A pinned or cleared, the language — and not on every batch.
 */
import { select } from 'd3';
import { presetLabelOf } from '../app/page-words.ts';
import type { Store, ViewUpdate } from '../app/store.ts';
import { drawComparePanel } from './compare-panel.ts';
import { keepFocus } from './keep-focus.ts';

export function compareView(container: HTMLElement, store: Store): ViewUpdate {
  const main = select(container);
  const root = main.append('section').attr('class', 'panel compare').attr('data-testid', 'compare').node()!;
  let shown = '';
  // Runs are told apart by a number given the first time each is seen.
  const ids = new WeakMap<object, number>();
  let next = 0;
  const idOf = (o: object | null) => (o ? ids.get(o) ?? (ids.set(o, ++next), next) : 0);

  return () => {
    const { current, pinned, running, settings, allOutcomesOpen } = store.state;
    // "All outcomes" opened or closed needs no redraw: the panel reads it when it draws.
    const key = [idOf(current), current?.state, idOf(pinned), !!running, settings.lang, root.clientWidth].join();
    if (key === shown) return;
    shown = key;
    keepFocus(() => drawComparePanel(root, {
      lang: settings.lang,
      current,
      pinned,
      busy: !!running,
      label: (s) => presetLabelOf(s, settings.lang),
      allOpen: allOutcomesOpen,
      onToggleAll: (open) => store.update({ allOutcomesOpen: open }),
      onPin: () => {
        store.update({ pinned: store.state.current });
        // Pin is now disabled: the focus goes to its counterpart.
        document.querySelector<HTMLElement>('[data-testid="unpin"]')?.focus();
      },
      onUnpin: () => {
        store.update({ pinned: null });
        document.querySelector<HTMLElement>('[data-testid="pin"]')?.focus();
      },
    }));
  };
}

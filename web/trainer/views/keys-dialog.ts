/** The keyboard shortcuts' dialog. */
import * as d3 from 'd3';
import type { Actions } from '../actions.ts';
import { focusOpener } from '../focus.ts';
import { lang, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function keysDialogView(container: HTMLElement, store: Store, actions: Actions): (what: Set<Change>) => void {
  const dialog = d3.select(container).append('div').attr('class', 't-keys').attr('role', 'dialog').attr('aria-modal', 'false').attr('hidden', true).attr('data-testid', 'keys-dialog');
  let open = false;
  let giveBack = () => {};
  return (what) => {
    const w = UI[lang(store)];
    if (what.has('words')) {
      dialog.selectAll('*').remove();
      dialog.attr('aria-label', w.shortcutsTitle);
      dialog.append('h2').text(w.shortcutsTitle);
      const dl = dialog.append('dl');
      for (const [key, text] of w.shortcutList) {
        dl.append('dt').append('kbd').text(key);
        dl.append('dd').text(text);
      }
      dialog.append('button').attr('type', 'button').attr('class', 'small').text(w.close).on('click', () => actions.setKeysOpen(false));
    }
    if (store.state.keysOpen === open) return;
    open = store.state.keysOpen;
    dialog.attr('hidden', open ? null : true);
    if (open) {
      giveBack = focusOpener();
      (dialog.select('button').node() as HTMLButtonElement | null)?.focus();
    } else giveBack();
  };
}

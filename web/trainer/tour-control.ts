/** Opening and closing the guided tour (tour.ts), remembering it was seen, giving the focus back. */
import { TOUR } from './narrate.ts';
import { focusOpener } from './focus.ts';
import type { TourControl } from './keys.ts';
import { lang, type Store } from './store.ts';
import { startTour, type Tour } from './tour.ts';
import { UI } from './words.ts';

const TOUR_SEEN = 'kube-sim:trainer-tour';

export function tourControl(root: HTMLElement, store: Store): TourControl & { relabel(): void; openIfNew(): void } {
  let tour: Tour | null = null;
  const control = {
    open() {
      tour?.close();
      store.player.playing = false;
      store.emit('play');
      const giveBack = focusOpener();
      tour = startTour(root, TOUR[lang(store)], UI[lang(store)], () => {
        tour = null;
        giveBack();
        try {
          localStorage.setItem(TOUR_SEEN, '1');
        } catch {
          // Private windows may refuse storage: the tour then shows again next time, nothing worse.
        }
      });
    },
    close() {
      if (!tour) return false;
      tour.close();
      return true;
    },
    isOpen: () => tour !== null,
    relabel: () => tour?.relabel(TOUR[lang(store)], UI[lang(store)]),
    /** On a first visit (and unless the link says `tour=0`), the tour opens by itself. */
    openIfNew() {
      let seen = false;
      try {
        seen = localStorage.getItem(TOUR_SEEN) === '1';
      } catch {
        seen = false;
      }
      if (!seen && store.state.tour) control.open();
    },
  };
  return control;
}

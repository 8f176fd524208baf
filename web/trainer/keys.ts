/**
 * The keyboard: Space plays or pauses, arrows step, Home and End, + and −, R, N, C, P, T, ?, 1–5,
 * Esc closes what is open. After a mouse click or tap, a button, box or list lets go of the focus,
 * so that Space plays instead of pressing it again (and the shortcuts work after choosing a
 * group). Keyboard users keep the focus where they are.
 */
import { INJECTION_KINDS } from '../../src/browser.ts';
import type { Actions } from './actions.ts';
import { setTip, type Store } from './store.ts';

export interface TourControl {
  open(): void;
  /** True (and closes it) if the tour was open. */
  close(): boolean;
  isOpen(): boolean;
}

export function listenKeys(store: Store, actions: Actions, tour: TourControl): void {
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
      if (tour.close()) return;
      if (store.state.keysOpen) actions.setKeysOpen(false);
      else setTip(store, null);
      return;
    }
    if (tour.isOpen()) return;
    const onButton = target.tagName === 'BUTTON' || target.closest('.member, .element');
    if (e.key === ' ' && onButton) return;
    const act = shortcut(e.key, store, actions, tour);
    if (act) {
      act();
      e.preventDefault();
    }
  });
}

function shortcut(key: string, store: Store, a: Actions, tour: TourControl): (() => void) | null {
  switch (key) {
    case ' ': return () => a.togglePlay();
    case 'ArrowRight': return () => a.stepBy(1);
    case 'ArrowLeft': return () => a.stepBy(-1);
    case 'Home': return () => a.seek('start');
    case 'End': return () => a.seek('end');
    case '+': case '=': return () => a.faster(1);
    case '-': case '_': return () => a.faster(-1);
    case 'r': case 'R': return () => a.restart(false);
    case 'n': case 'N': return () => a.restart(true);
    case 'c': case 'C': return () => a.setCompare(!store.state.compare);
    case 'p': case 'P': return () => a.toggleProjector();
    case 't': case 'T': return () => tour.open();
    case '?': return () => a.setKeysOpen(!store.state.keysOpen);
    default: {
      const k = Number(key);
      return Number.isInteger(k) && k >= 1 && k <= INJECTION_KINDS.length ? () => a.injectNth(k) : null;
    }
  }
}

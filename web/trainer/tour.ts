/**
 * A short guided tour: a box beside each part of the page in turn (parts carry `data-tour`),
 * with Back, Next and Skip. Keyboard: Enter or → next, ← back, Esc skips (main.ts).
 */
import type { TourStep } from './narrate.ts';
import type { UiWords } from './words.ts';

export interface Tour {
  close(): void;
  /** New words (a language switch), same step. */
  relabel(steps: TourStep[], words: UiWords): void;
}

export function startTour(root: HTMLElement, steps: TourStep[], words: UiWords, onClose: () => void): Tour {
  let k = 0;
  let w = words;
  let list = steps;
  const box = document.createElement('div');
  box.className = 't-tour';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'false');
  box.dataset.testid = 'tour';
  root.append(box);
  let lit: Element[] = [];

  function show(): void {
    const step = list[k];
    for (const el of lit) el.classList.remove('tour-target');
    // A part may be several elements (the week and the money below it): all are lit, the box goes beside them all.
    lit = [...root.querySelectorAll(`[data-tour="${step.target}"]`)];
    for (const el of lit) el.classList.add('tour-target');
    lit[0]?.scrollIntoView({ block: 'nearest' });
    box.replaceChildren();
    box.setAttribute('aria-label', step.title);
    const count = document.createElement('p');
    count.className = 't-tour-count';
    count.textContent = w.tourStep(k + 1, list.length);
    const h = document.createElement('h2');
    h.textContent = step.title;
    const p = document.createElement('p');
    p.textContent = step.text;
    const buttons = document.createElement('div');
    buttons.className = 't-tour-buttons';
    const make = (text: string, testid: string, on: () => void, primary = false) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.dataset.testid = testid;
      if (primary) b.className = 'primary';
      b.addEventListener('click', on);
      buttons.append(b);
      return b;
    };
    make(w.tourSkip, 'tour-skip', close);
    if (k > 0) make(w.tourBack, 'tour-back', () => go(-1));
    const next = make(k === list.length - 1 ? w.tourDone : w.tourNext, 'tour-next', () => (k === list.length - 1 ? close() : go(1)), true);
    box.append(count, h, p, buttons);
    place();
    next.focus({ preventScroll: true });
  }

  function place(): void {
    const rects = lit.map((el) => el.getBoundingClientRect());
    const r = rects.length
      ? {
          left: Math.min(...rects.map((x) => x.left)),
          top: Math.min(...rects.map((x) => x.top)),
          bottom: Math.max(...rects.map((x) => x.bottom)),
        }
      : null;
    if (!r) {
      box.style.left = '50%';
      box.style.top = `${window.scrollY + 80}px`;
      return;
    }
    const width = Math.min(380, document.documentElement.clientWidth - 16);
    let left = r.left + window.scrollX;
    left = Math.max(8, Math.min(left, window.scrollX + document.documentElement.clientWidth - width - 8));
    const below = r.bottom + 10 + window.scrollY;
    const fitsBelow = r.bottom + 10 + box.offsetHeight < document.documentElement.clientHeight;
    box.style.width = `${width}px`;
    box.style.left = `${left}px`;
    box.style.top = `${fitsBelow ? below : Math.max(8, r.top + window.scrollY - box.offsetHeight - 10)}px`;
  }

  function go(by: number): void {
    k = Math.max(0, Math.min(list.length - 1, k + by));
    show();
  }

  function keys(e: KeyboardEvent): void {
    if (e.key === 'ArrowRight' || (e.key === 'Enter' && !(e.target as Element).closest('button'))) {
      if (k === list.length - 1) close();
      else go(1);
      e.preventDefault();
    } else if (e.key === 'ArrowLeft') {
      go(-1);
      e.preventDefault();
    }
  }
  document.addEventListener('keydown', keys);

  function close(): void {
    document.removeEventListener('keydown', keys);
    for (const el of lit) el.classList.remove('tour-target');
    box.remove();
    onClose();
  }

  show();
  return {
    close,
    relabel(steps2, words2) {
      list = steps2;
      w = words2;
      show();
    },
  };
}

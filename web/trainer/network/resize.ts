/** Watch the network's box: its size in px, and whether the page gives it a box to fill (a laptop or projector). */
export interface BoxWatch {
  box: { w: number; h: number };
  boxed(): boolean;
  disconnect(): void;
}

export function watchBox(el: Element, changed: () => void): BoxWatch {
  const wide = window.matchMedia('(min-width: 901px)');
  const box = { w: 0, h: 0 };
  const sizes = new ResizeObserver(([entry]) => {
    box.w = entry.contentRect.width;
    box.h = entry.contentRect.height;
    changed();
  });
  sizes.observe(el);
  return { box, boxed: () => wide.matches, disconnect: () => sizes.disconnect() };
}

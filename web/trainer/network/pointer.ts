/**
 * Pointing at members: hover or focus shows a member's card, a click, tap, Enter or Space pins it
 * (and again lets it go), a click elsewhere in the drawing lets it go.
 */
export type OnMember = (i: number | null, anchor: Element | null, pinned: boolean) => void;

export interface Pointer {
  unpin(): void;
}

export function attachPointer(svg: SVGSVGElement, groups: SVGGElement[], onMember: OnMember): Pointer {
  let pinned: number | null = null;
  let touchAt = -Infinity;
  const toggle = (i: number, el: Element) => {
    pinned = pinned === i ? null : i;
    onMember(pinned, pinned === null ? null : el, pinned !== null);
  };
  groups.forEach((g, i) => {
    g.addEventListener('pointerenter', (e) => {
      if (pinned === null && e.pointerType === 'mouse') onMember(i, g, false);
    });
    g.addEventListener('pointerleave', (e) => {
      if (pinned === null && e.pointerType === 'mouse') onMember(null, null, false);
    });
    g.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'mouse') touchAt = e.timeStamp;
    });
    g.addEventListener('focus', (e) => {
      // A tap focuses the member just before its click: the click pins the card, so the focus
      // must not open one first (it would lie under the finger and take the click).
      if (pinned === null && e.timeStamp - touchAt > 1000) onMember(i, g, false);
    });
    g.addEventListener('blur', () => {
      if (pinned === null) onMember(null, null, false);
    });
    g.addEventListener('click', () => toggle(i, g));
    g.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      // A button: Enter and Space both pin (Space must not also play or pause).
      e.preventDefault();
      e.stopPropagation();
      toggle(i, g);
    });
  });
  svg.addEventListener('click', (e) => {
    if (pinned !== null && !(e.target as Element).closest('.member')) {
      pinned = null;
      onMember(null, null, false);
    }
  });
  return {
    unpin: () => void (pinned = null),
  };
}

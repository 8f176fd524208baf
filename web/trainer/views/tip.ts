/** The card beside a member or an element: who they are this week, or what the element means and what moved it. */
import * as d3 from 'd3';
import { describeMember, explainElement } from '../narrate.ts';
import { lang, setTip, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function tipView(container: HTMLElement, store: Store): (what: Set<Change>) => void {
  const tip = d3.select(container).append('div').attr('class', 't-tip').attr('id', 'trainer-tip').attr('role', 'tooltip').attr('hidden', true).attr('data-testid', 'tip');
  /** The member or element the card describes (for assistive technology). */
  let described: Element | null = null;

  function fill(): void {
    const t = store.state.tip!;
    const trace = store.state.traces[t.panel];
    const f = store.player.frame;
    const l = lang(store);
    tip.selectAll('*').remove();
    if (t.kind === 'member') {
      const d = describeMember(trace, f, t.index, l);
      tip.attr('data-kind', 'member').attr('data-member', t.index);
      tip.append('h3').text(d.title);
      tip.append('ul').selectAll('li').data(d.lines).join('li').text((x) => x);
      if (t.pinned) tip.append('button').attr('type', 'button').attr('class', 'small').text(UI[l].close).on('click', () => setTip(store, null));
    } else {
      const x = explainElement(trace, f, t.index, l);
      tip.attr('data-kind', 'element').attr('data-member', null);
      tip.append('h3').text(x.name);
      tip.append('p').text(x.meaning);
      tip.append('p').attr('class', 'moved').text(x.moved);
    }
    if (described !== t.anchor) described?.removeAttribute('aria-describedby');
    described = t.anchor;
    t.anchor.setAttribute('aria-describedby', 'trainer-tip');
    // A pinned card holds a Close button: a small dialog rather than a tooltip.
    tip.attr('role', t.pinned ? 'dialog' : 'tooltip');
    place(tip.node()!, t.anchor);
  }

  return (what) => {
    const t = store.state.tip;
    if (!t || !store.state.traces[t.panel]) {
      if (!tip.attr('hidden')) tip.attr('hidden', true);
      described?.removeAttribute('aria-describedby');
      described = null;
      return;
    }
    if (what.has('tip') || what.has('week') || what.has('words') || what.has('runs')) fill();
  };
}

/** Beside the anchor, on the right if it fits, else on the left; inside the window. */
function place(el: HTMLElement, anchor: Element): void {
  const box = anchor.getBoundingClientRect();
  el.hidden = false;
  const doc = document.documentElement;
  let left = box.right + 10 + window.scrollX;
  if (left + el.offsetWidth > window.scrollX + doc.clientWidth - 8) left = Math.max(8, box.left - el.offsetWidth - 10 + window.scrollX);
  let top = box.top + window.scrollY;
  if (top + el.offsetHeight > window.scrollY + doc.clientHeight - 8) top = Math.max(8, window.scrollY + doc.clientHeight - el.offsetHeight - 8);
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

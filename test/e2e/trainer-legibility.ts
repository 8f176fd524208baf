/**
 * What a trainer's audience can read, measured in the page (handed to page.evaluate, so it is
 * self-contained): the smallest type on screen in px (SVG text through its drawing's scale), the
 * element names cut short, the network's words running past its edges, the networks' heights, how far the page reaches down, and whether the
 * header's items overlap.
 */
export interface Legibility {
  /** The smallest visible text: its size in px and the text. */
  smallest: { px: number; text: string };
  /** Every visible text under `min` px (size and text). */
  small: { px: number; text: string }[];
  /** Element names cut short (ellipsis or clipped). */
  cut: string[];
  /** Words in a network that run past its edges (office words, the leavers' label). */
  clipped: string[];
  /** Each network's drawing height in px. */
  networks: number[];
  /** The lowest bottom edge of the trainer's content, and the window's height. */
  bottom: number;
  height: number;
  /** Pairs of header items whose boxes overlap. */
  overlaps: string[];
}

export function measureLegibility(min: number): Legibility {
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || e.hasAttribute('hidden')) return false;
    }
    return true;
  };
  const texts: { px: number; text: string }[] = [];
  for (const el of document.querySelectorAll('#trainer *')) {
    const own = [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim());
    if (!own || !shown(el) || el.closest('title, option, noscript')) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) px *= (el.ownerSVGElement ?? (el as SVGSVGElement)).getScreenCTM()!.a;
    texts.push({ px: Math.round(px * 10) / 10, text: el.textContent!.trim().slice(0, 40) });
  }
  texts.sort((a, b) => a.px - b.px);
  const cut = [...document.querySelectorAll<HTMLElement>('.element-name')]
    .filter((el) => shown(el) && (el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis'))
    .map((el) => el.textContent ?? '');
  const clipped: string[] = [];
  for (const svg of document.querySelectorAll('svg.network')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      if (!shown(t) || !t.textContent) continue;
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) clipped.push(t.textContent);
    }
  }
  const networks = [...document.querySelectorAll('svg.network')].map((el) => Math.round(el.getBoundingClientRect().height));
  let bottom = 0;
  for (const el of document.querySelectorAll('#trainer .panel, #trainer .story, #trainer .t-bars, #trainer .t-header')) bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
  const items = [...document.querySelectorAll('.t-header h1, .t-header .t-field, .t-header .t-changed, .t-header .t-seed, .t-header .lang, .t-header button, .t-header .t-planner')].filter(shown);
  const overlaps: string[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i].contains(items[j]) || items[j].contains(items[i])) continue;
      const a = items[i].getBoundingClientRect();
      const b = items[j].getBoundingClientRect();
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`${items[i].textContent} / ${items[j].textContent}`);
    }
  }
  return { smallest: texts[0], small: texts.filter((t) => t.px < min), cut, clipped, networks, bottom: Math.round(bottom), height: innerHeight, overlaps };
}

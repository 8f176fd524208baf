/**
 * Export a drawn chart as a file: SVG with its styles written onto each element (so it looks the
 * same outside the page: system sans-serif fonts, no stylesheet, no external reference), or PNG
 * drawn from that SVG at 2× on a white background.
 */
import { FONT, wrapText } from './text-measure.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** CSS pixels of white round an exported chart. */
const MARGIN = 12;

// Properties that the charts' CSS sets and that SVG inherits: written where they differ from the parent.
const INHERITED = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'font-variant-numeric', 'visibility',
] as const;
// Properties that are not inherited: written when not at their initial value.
const OWN: Record<string, string> = { opacity: '1', 'dominant-baseline': 'auto' };

/** Width and height of a chart's SVG in CSS pixels (its attributes, else its viewBox). */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox?.baseVal;
  const width = Number(svg.getAttribute('width')) || vb?.width || svg.getBoundingClientRect().width || 600;
  const height = Number(svg.getAttribute('height')) || vb?.height || svg.getBoundingClientRect().height || 300;
  return { width, height };
}

function inlineStyles(src: Element, dst: Element, parent: CSSStyleDeclaration | null): void {
  if (src.localName === 'title') return;
  const cs = getComputedStyle(src);
  const out = (dst as SVGElement).style;
  for (const p of INHERITED) {
    const v = cs.getPropertyValue(p);
    if (v && (!parent || parent.getPropertyValue(p) !== v)) out.setProperty(p, v);
  }
  for (const [p, initial] of Object.entries(OWN)) {
    const v = cs.getPropertyValue(p);
    if (v && v !== initial) out.setProperty(p, v);
  }
  if (cs.display === 'none') out.setProperty('display', 'none');
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length; i++) inlineStyles(a[i], b[i], cs);
}

/** Height of one caption line under an exported chart, CSS pixels (11 px text). */
const CAPTION_LINE = 14;

/** The caption's lines, wrapped to the chart's width (at spaces and after " · "). */
function captionLines(caption: string, width: number): string[] {
  return caption ? wrapText(caption, width, 11) : [];
}

/** Extra height the caption takes under the chart. */
function captionHeight(lines: string[]): number {
  return lines.length ? 6 + lines.length * CAPTION_LINE : 0;
}

/**
 * The chart as a standalone SVG document, with a white margin of 12 CSS pixels and, if given, a
 * caption under it saying what it shows (a file outside the page has no page around it).
 */
export function chartSvgText(svg: SVGSVGElement, caption = ''): string {
  const { width, height } = sizeOf(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy, null);
  // A margin round the chart: in the page its container gives it one.
  const lines = captionLines(caption, width);
  const [w, h] = [width + 2 * MARGIN, height + 2 * MARGIN + captionHeight(lines)];
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(w));
  copy.setAttribute('height', String(h));
  copy.setAttribute('viewBox', `${-MARGIN} ${-MARGIN} ${w} ${h}`);
  copy.style.setProperty('font-family', FONT);
  copy.style.removeProperty('max-width');
  copy.style.setProperty('background', '#ffffff');
  // A white page under the chart, behind everything but the <title>.
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', String(-MARGIN));
  bg.setAttribute('y', String(-MARGIN));
  bg.setAttribute('width', String(w));
  bg.setAttribute('height', String(h));
  bg.setAttribute('fill', '#ffffff');
  const title = copy.querySelector(':scope > title');
  copy.insertBefore(bg, title ? title.nextSibling : copy.firstChild);
  lines.forEach((line, i) => {
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', '0');
    text.setAttribute('y', String(height + 6 + (i + 1) * CAPTION_LINE - 3));
    // Through the CSSOM, not a style="" attribute: the app's Content Security Policy refuses those.
    text.style.setProperty('font-family', FONT);
    text.style.setProperty('font-size', '11px');
    text.style.setProperty('fill', '#4a555d');
    text.textContent = line;
    copy.append(text);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The chart as a PNG at `scale` × its exported size (2 by default), on white. */
export async function chartPngBlob(svg: SVGSVGElement, scale = 2, caption = ''): Promise<Blob> {
  const { width: w, height: h } = sizeOf(svg);
  const [width, height] = [w + 2 * MARGIN, h + 2 * MARGIN + captionHeight(captionLines(caption, w))];
  const url = URL.createObjectURL(new Blob([chartSvgText(svg, caption)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('chart export: the SVG could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('chart export: no 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) =>
      canvas.toBlob((b) => (b ? ok(b) : fail(new Error('chart export: the canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save a blob as a file named `name` through a temporary <a download>. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a little later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

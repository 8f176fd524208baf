/**
 * What every chart shares: an SVG sized to its container in CSS pixels (so 12 px text stays 12 px
 * on a projector and on a phone), titled for screen readers, a legend that wraps, and linear axes
 * with grid lines whose margins fit their tick labels. Charts are redrawn whole on every call.
 */
import { axisBottom, axisLeft, scaleLinear, select, type ScaleLinear, type Selection } from 'd3';
import { FONT, textWidth, wrapText } from '../app/text-measure.ts';

export { FONT, textWidth, wrapText };

/** The chart's SVG as a d3 selection. */
export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Scale = ScaleLinear<number, number>;

/** Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"). */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
} as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

export const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

// Content widths of chart containers, kept up to date by a ResizeObserver: reading clientWidth
// after the previous chart changed the DOM forces a layout, and on a page redrawing six charts
// several times a second while runs stream in, those forced layouts were most of the main
// thread's time. Measured once per container, then read from here.
const widths = new WeakMap<Element, number>();
const watcher =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) => {
        for (const e of entries) {
          const w = Math.floor(e.contentRect.width);
          if (w > 0) widths.set(e.target, w);
          else widths.delete(e.target);
        }
      });

/** The width a chart has in its container, in CSS pixels; `fallback` when not laid out. */
export function containerWidth(el: HTMLElement, fallback = 600): number {
  const known = widths.get(el);
  if (known !== undefined) return Math.max(200, known);
  const w = el.clientWidth;
  if (!(w > 0)) return fallback;
  const css = getComputedStyle(el);
  const content = Math.floor(w - (parseFloat(css.paddingLeft) || 0) - (parseFloat(css.paddingRight) || 0));
  if (watcher) {
    widths.set(el, content);
    watcher.observe(el);
  }
  return Math.max(200, content);
}


/** Append a <text> with one <tspan> per line, the first line's baseline at y. */
export function multilineText(parent: Selection<any, unknown, any, any>, lines: string[], x: number, y: number, lineHeight = 14) {
  const t = parent.append('text').attr('x', x).attr('y', y);
  lines.forEach((l, i) => t.append('tspan').attr('x', x).attr('dy', i ? lineHeight : 0).text(l));
  return t;
}

export interface Frame {
  svg: Svg;
  width: number;
  height: number;
  /** First free y below the title. */
  top: number;
}

/**
 * Clear `el` and give it one SVG `width` × `height` CSS pixels (width from the container unless
 * given), with role="img", an aria-label and a <title>; the title is also drawn at the top
 * (wrapped) unless `showTitle` is false, so an exported file says what it shows.
 */
export function chartFrame(el: HTMLElement, o: { title: string; height: number | ((width: number) => number); width?: number; showTitle?: boolean; testid: string }): Frame {
  const width = Math.round(o.width ?? containerWidth(el));
  let node = el.firstElementChild as SVGSVGElement | null;
  if (!(node instanceof SVGSVGElement) || el.childElementCount !== 1) {
    el.replaceChildren();
    node = document.createElementNS(SVG_NS, 'svg');
    el.append(node);
  } else node.replaceChildren();
  const svg = select(node)
    .attr('xmlns', SVG_NS)
    .attr('class', 'kc-chart')
    .attr('role', 'img')
    .attr('aria-label', o.title)
    .attr('data-testid', o.testid);
  svg.append('title').text(o.title);
  let top = 4;
  if (o.showTitle !== false && o.title) {
    const lines = wrapText(o.title, width - 8, 14, true);
    multilineText(svg, lines, 0, 15, 17).attr('class', 'kc-title');
    top = 15 + 17 * (lines.length - 1) + 9;
  }
  const height = Math.round(typeof o.height === 'function' ? o.height(width) : o.height);
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  return { svg, width, height, top };
}

/** Change a frame's height once its content is laid out (bar layouts grow with their rows). */
export function setHeight(frame: Frame, height: number): void {
  frame.height = Math.round(height);
  frame.svg.attr('height', frame.height).attr('viewBox', `0 0 ${frame.width} ${frame.height}`);
}

/**
 * Keep the plot's height when the title or the legend wrap onto more lines (on a phone): the
 * chart grows by the extra lines instead. `height` is meant for a one-line title and legend.
 */
export function growForHeader(frame: Frame, legendHeight: number): void {
  const extra = Math.max(0, frame.top - 24) + Math.max(0, legendHeight - 20);
  if (extra > 0) setHeight(frame, frame.height + extra);
}

/** One legend entry: a line (solid or dashed), a filled box, or a dot, then its label. */
export interface LegendItem {
  label: string;
  kind: 'line' | 'area' | 'dot';
  color: string;
  dash?: string;
  opacity?: number;
  /** An outline drawn round an area swatch (for a band shown as an outline). */
  outline?: boolean;
  /** Line width and cap of a line swatch (a dotted line needs round caps to show). */
  width?: number;
  cap?: 'round';
}

const SWATCH = 18;

/** Draw a legend from (x, y), wrapping within `maxWidth`; returns the height it took. */
export function drawLegend(svg: Svg, items: LegendItem[], x: number, y: number, maxWidth: number): number {
  const shown = items.filter((d) => d.label);
  if (!shown.length) return 0;
  const g = svg.append('g').attr('class', 'kc-legend');
  const ROW = 18;
  let cx = x;
  let row = 0;
  for (const d of shown) {
    const w = SWATCH + 5 + textWidth(d.label) + 14;
    if (cx > x && cx + w - 14 > x + maxWidth) {
      cx = x;
      row++;
    }
    const cy = y + row * ROW + 9;
    const item = g.append('g').attr('transform', `translate(${cx},${cy})`);
    if (d.kind === 'line') {
      item.append('line').attr('x1', 0).attr('x2', SWATCH).attr('y1', 0).attr('y2', 0)
        .attr('stroke', d.color).attr('stroke-width', d.width ?? 2).attr('stroke-dasharray', d.dash ?? null)
        .attr('stroke-linecap', d.cap ?? null);
    } else if (d.kind === 'area') {
      item.append('rect').attr('x', 0).attr('y', -5).attr('width', SWATCH).attr('height', 10)
        .attr('fill', d.outline ? 'none' : d.color).attr('fill-opacity', d.outline ? null : (d.opacity ?? 0.3))
        .attr('stroke', d.outline ? d.color : null).attr('stroke-dasharray', d.outline ? (d.dash ?? null) : null);
    } else {
      item.append('circle').attr('cx', SWATCH / 2).attr('cy', 0).attr('r', 4).attr('fill', d.color);
    }
    item.append('text').attr('x', SWATCH + 5).attr('y', 4).text(d.label);
    cx += w;
  }
  return (row + 1) * ROW + 2;
}

/** [min, max] of the finite values of some arrays; null if there is none. */
export function finiteExtent(...arrays: (ArrayLike<number> | null | undefined)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A domain that can be drawn: finite, and wider than a point. */
export function drawableDomain(d: [number, number] | null, fallback: [number, number] = [0, 1]): [number, number] {
  if (!d || !finite(d[0]) || !finite(d[1])) return fallback;
  if (d[0] === 0 && d[1] === 0) return [0, 1];
  if (d[0] === d[1]) {
    const pad = d[0] === 0 ? 1 : Math.abs(d[0]) * 0.1;
    return [d[0] - pad, d[1] + pad];
  }
  return d[0] < d[1] ? d : [d[1], d[0]];
}

export interface AxesSpec {
  /** Top of the plot area (below title and legend). */
  top: number;
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  /** Integer ticks only (weeks, head counts). */
  xInteger?: boolean;
  yInteger?: boolean;
  /** Round the y domain out to nice ticks (default true). */
  yNice?: boolean;
  /** Exact y ticks (within the domain), instead of ones chosen from the height. */
  yTicks?: number[];
  /** Room to leave at the right (for labels at line ends). */
  right?: number;
}

export interface Axes {
  x: Scale;
  y: Scale;
  box: { left: number; right: number; top: number; bottom: number };
}

const ticksOf = (s: Scale, n: number, integer?: boolean) => {
  const t = s.ticks(Math.max(2, n));
  return integer ? t.filter((v) => Number.isInteger(v)) : t;
};

/**
 * Linear x and y axes with horizontal grid lines and axis titles, laid out in the frame below
 * `top`. The left margin is as wide as the widest y tick label; the x ticks are thinned until
 * their labels do not touch.
 */
export function drawAxes(frame: Frame, spec: AxesSpec): Axes {
  const { svg, width, height } = frame;
  const bottom = height - 38;
  const y = scaleLinear().domain(drawableDomain(spec.yDomain)).range([bottom, spec.top]);
  if (spec.yNice !== false) y.nice(Math.max(2, Math.round((bottom - spec.top) / 40)));
  const yTicks = spec.yTicks ?? ticksOf(y, Math.round((bottom - spec.top) / 36), spec.yInteger);
  const yLabels = yTicks.map((v) => spec.yFormat(v));
  const left = Math.ceil(Math.max(12, ...yLabels.map((s) => textWidth(s)))) + 9 + 20;
  const right = width - (spec.right ?? 12);
  const x = scaleLinear().domain(drawableDomain(spec.xDomain)).range([left, right]);

  let n = Math.max(2, Math.floor((right - left) / 60));
  let xTicks = ticksOf(x, n, spec.xInteger);
  for (let guard = 0; guard < 6 && xTicks.length > 2; guard++) {
    const widest = Math.max(...xTicks.map((v) => textWidth(spec.xFormat(v))));
    if (widest + 12 <= (right - left) / Math.max(1, xTicks.length - 1)) break;
    n = Math.max(1, Math.floor(n / 2));
    xTicks = ticksOf(x, n, spec.xInteger);
  }

  svg.append('g').attr('class', 'kc-grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', left).attr('x2', right)
    .attr('y1', (d) => y(d)).attr('y2', (d) => y(d));

  svg.append('g').attr('class', 'kc-axis kc-x')
    .attr('transform', `translate(0,${bottom})`)
    .call(axisBottom(x).tickValues(xTicks).tickFormat((d) => spec.xFormat(Number(d))).tickSizeOuter(0));
  svg.append('g').attr('class', 'kc-axis kc-y')
    .attr('transform', `translate(${left},0)`)
    .call(axisLeft(y).tickValues(yTicks).tickFormat((d, i) => yLabels[i] ?? spec.yFormat(Number(d))).tickSizeOuter(0));
  svg.selectAll('.kc-axis text').attr('font-size', null).attr('font-family', null);
  svg.selectAll('.kc-axis').attr('font-size', null).attr('font-family', null);

  svg.append('text').attr('class', 'kc-axis-label')
    .attr('x', (left + right) / 2).attr('y', height - 6).attr('text-anchor', 'middle')
    .text(spec.xLabel);
  svg.append('text').attr('class', 'kc-axis-label')
    .attr('transform', `translate(12,${(spec.top + bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(spec.yLabel);
  return { x, y, box: { left, right, top: spec.top, bottom } };
}

/**
 * The nine elements of group dynamics as a radar: the current result as a filled polygon with a
 * dot and a 95% whisker per axis, the Cempaka and Tulip references as dashed and dotted outlines,
 * a pinned run A as a black dashed outline. In a narrow container (a phone) the same series are
 * drawn as one bar per element instead, with the same test ids.
 */
import { curveLinearClosed, lineRadial } from 'd3';
import { chartFrame, drawLegend, finite, multilineText, PALETTE, setHeight, textWidth, wrapText, type Frame, type LegendItem } from './chart-frame.ts';
import './charts.css';
import type { RadarAxis, RadarSeries, RadarStyle } from '../app/chart-types.ts';
export type { RadarAxis, RadarSeries, RadarStyle };

export interface RadarSpec {
  title: string;
  axes: RadarAxis[];
  series: RadarSeries[];
  /** Formats a value in [0, 1] (ring labels, tooltips, bar values), e.g. 0.5 → "0,50". */
  format: (v: number) => string;
  /** CSS pixels for the radar; default from the width (300–420). Bars take what they need. */
  height?: number;
  /** Below this width, bars instead of a radar (default 360). */
  narrowWidth?: number;
  showTitle?: boolean;
}

interface Look {
  color: string;
  dash: string | null;
  width: number;
  testid: string;
  cap?: 'round';
}

const LOOK: Record<RadarStyle, Look> = {
  result: { color: PALETTE.blue, dash: null, width: 2, testid: 'radar-result' },
  'reference-good': { color: PALETTE.green, dash: '7 4', width: 2, testid: 'radar-reference' },
  'reference-bad': { color: PALETTE.vermillion, dash: '0.1 4.5', width: 2.6, testid: 'radar-reference', cap: 'round' },
  pinned: { color: PALETTE.black, dash: '5 3', width: 1.5, testid: 'radar-pinned' },
};

const LINE = 14;
/** Space between the outer ring and a label. */
const GAP = 8;

/**
 * The largest radar that fits with its labels in width W between y = top and bottom: each label is
 * tried wrapped at a few widths (wide labels on few lines, or narrow ones on more), and the radius
 * is the largest at which every label's box, placed as drawSpider places it, stays inside.
 */
function layoutSpider(texts: string[], W: number, top: number, bottom: number): { R: number; cy: number; labels: string[][] } {
  const n = texts.length;
  const sin = texts.map((_, i) => Math.sin((2 * Math.PI * i) / n));
  const cos = texts.map((_, i) => Math.cos((2 * Math.PI * i) / n));
  // Extent of label i above (+) and below (−) the centre at radius R (baselines as drawn below).
  const extents = (labels: string[][], R: number) => {
    let above = R;
    let below = R;
    labels.forEach((ls, i) => {
      const d = (R + GAP) * cos[i];
      const k = ls.length - 1;
      if (cos[i] > 0.3) above = Math.max(above, d + k * LINE + 16);
      else if (cos[i] < -0.3) below = Math.max(below, -d + k * LINE + 15);
      else {
        above = Math.max(above, d + 8 + (k * LINE) / 2);
        below = Math.max(below, -d + 8 + (k * LINE) / 2);
      }
    });
    return { above, below };
  };
  const avail = bottom - top;
  let best: { R: number; labels: string[][] } | null = null;
  for (const wrap of [170, 140, 115, 95, 80]) {
    if (wrap > W * 0.4) continue;
    const labels = texts.map((t) => wrapText(t, wrap));
    const widths = labels.map((ls) => Math.max(...ls.map((l) => textWidth(l))));
    let rH = Infinity;
    widths.forEach((w, i) => {
      const s = Math.abs(sin[i]);
      if (s > 0.3) rH = Math.min(rH, (W / 2 - 2 - w) / s - GAP);
      else if (s > 1e-9) rH = Math.min(rH, (W / 2 - 2 - w / 2) / s - GAP);
    });
    // Vertical: the extents grow with R; bisect for the largest R that fits.
    let lo = 0;
    let hi = Math.max(0, Math.min(rH, avail / 2));
    for (let it = 0; it < 24; it++) {
      const mid = (lo + hi) / 2;
      const e = extents(labels, mid);
      if (e.above + e.below <= avail) lo = mid;
      else hi = mid;
    }
    if (!best || lo > best.R + 3) best = { R: lo, labels };
  }
  best ??= { R: 0, labels: texts.map((t) => [t]) };
  const R = Math.max(30, best.R);
  const e = extents(best.labels, R);
  return { R, cy: top + e.above + Math.max(0, (avail - e.above - e.below) / 2), labels: best.labels };
}

// References and the pinned run under the result, so its dots stay on top.
const ORDER: RadarStyle[] = ['reference-good', 'reference-bad', 'pinned', 'result'];
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function legendItems(series: RadarSeries[]): LegendItem[] {
  return series.map((s) => {
    const l = LOOK[s.style];
    return s.style === 'result'
      ? { label: s.name, kind: 'area', color: l.color, opacity: 0.3 }
      : { label: s.name, kind: 'line', color: l.color, dash: l.dash ?? undefined, width: l.width, cap: l.cap };
  });
}

export function drawRadar(el: HTMLElement, spec: RadarSpec): SVGSVGElement {
  const probe = chartFrame(el, { title: spec.title, height: 100, showTitle: spec.showTitle, testid: 'radar-chart' });
  if (probe.width < (spec.narrowWidth ?? 360)) drawBars(probe, spec);
  else drawSpider(probe, spec);
  return probe.svg.node()!;
}

function drawSpider(frame: Frame, spec: RadarSpec): void {
  const { svg, width: W } = frame;
  const height = spec.height ?? Math.round(Math.min(420, Math.max(300, W * 0.72)));
  setHeight(frame, height);
  const legendH = drawLegend(svg, legendItems(spec.series), 0, frame.top, W);
  const n = spec.axes.length;
  if (n < 3) return;
  const angle = (i: number) => (2 * Math.PI * i) / n;
  const top = frame.top + legendH + 4;
  const { R, cy, labels } = layoutSpider(spec.axes.map((a) => a.label), W, top, height - 2);
  const cx = W / 2;
  const px = (i: number, v: number) => cx + R * v * Math.sin(angle(i));
  const py = (i: number, v: number) => cy - R * v * Math.cos(angle(i));

  const grid = svg.append('g').attr('class', 'kc-grid');
  const ring = lineRadial<number>().angle((_, i) => angle(i)).curve(curveLinearClosed);
  const rings = [0.25, 0.5, 0.75, 1];
  grid.selectAll('path').data(rings).join('path')
    .attr('transform', `translate(${cx},${cy})`)
    .attr('d', (r) => ring.radius(R * r)(spec.axes.map(() => 0)) ?? '')
    .style('stroke', (r) => (r === 1 ? '#b9c1c7' : null));
  grid.selectAll('line').data(spec.axes).join('line')
    .attr('x1', cx).attr('y1', cy).attr('x2', (_, i) => px(i, 1)).attr('y2', (_, i) => py(i, 1));
  svg.append('g').selectAll('text').data([0.5, 1]).join('text')
    .attr('class', 'kc-radar-ring kc-halo')
    .attr('x', cx + 4).attr('y', (r) => cy - R * r + 13)
    .text((r) => spec.format(r));

  const outline = (values: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) if (!finite(values[i])) return '';
    return lineRadial<number>().angle((_, i) => angle(i)).radius((v) => R * clamp01(v)).curve(curveLinearClosed)(Array.from({ length: n }, (_, i) => values[i])) ?? '';
  };
  for (const style of ORDER) {
    for (const s of spec.series.filter((d) => d.style === style)) {
      const l = LOOK[style];
      const g = svg.append('g').attr('class', `kc-radar-${style}`);
      g.append('path').attr('data-testid', l.testid)
        .attr('transform', `translate(${cx},${cy})`)
        .attr('d', outline(s.values))
        .attr('fill', style === 'result' ? l.color : 'none').attr('fill-opacity', style === 'result' ? 0.2 : null)
        .attr('stroke', l.color).attr('stroke-width', l.width)
        .attr('stroke-dasharray', l.dash).attr('stroke-linecap', l.cap ?? null).attr('stroke-linejoin', 'round');
      if (style !== 'result') continue;
      const idx = Array.from({ length: n }, (_, i) => i).filter((i) => finite(s.values[i]));
      const ci = s.ci;
      if (ci) {
        g.append('g').selectAll('line').data(idx.filter((i) => ci[i] && finite(ci[i][0]) && finite(ci[i][1]))).join('line')
          .attr('data-testid', 'radar-ci')
          .attr('x1', (i) => px(i, clamp01(ci[i][0]))).attr('y1', (i) => py(i, clamp01(ci[i][0])))
          .attr('x2', (i) => px(i, clamp01(ci[i][1]))).attr('y2', (i) => py(i, clamp01(ci[i][1])))
          .attr('stroke', l.color).attr('stroke-width', 5).attr('stroke-opacity', 0.35).attr('stroke-linecap', 'round');
      }
      g.append('g').selectAll('circle').data(idx).join('circle')
        .attr('data-testid', 'radar-point')
        .attr('cx', (i) => px(i, clamp01(s.values[i]))).attr('cy', (i) => py(i, clamp01(s.values[i])))
        .attr('r', 4).attr('fill', l.color).attr('stroke', '#ffffff').attr('stroke-width', 1.5)
        .append('title').text((i) => `${spec.axes[i].label}: ${spec.format(s.values[i])}`);
    }
  }

  const lab = svg.append('g').attr('class', 'kc-radar-labels');
  spec.axes.forEach((_, i) => {
    const s = Math.sin(angle(i));
    const c = Math.cos(angle(i));
    const x = cx + (R + GAP) * s;
    const y = cy - (R + GAP) * c;
    const k = labels[i].length;
    // Baseline of the first line: above the tip at the top, below it at the bottom, centred at the sides.
    const y0 = c > 0.3 ? y - (k - 1) * LINE - 4 : c < -0.3 ? y + 11 : y + 4 - ((k - 1) * LINE) / 2;
    multilineText(lab, labels[i], x, y0, LINE).attr('class', 'kc-radar-label')
      .attr('text-anchor', s > 0.3 ? 'start' : s < -0.3 ? 'end' : 'middle');
  });
}

/** Phones: one row per element, a bar from 0 to the result with its whisker, references as ticks. */
function drawBars(frame: Frame, spec: RadarSpec): void {
  const { svg, width: W } = frame;
  const legendH = drawLegend(svg, legendItems(spec.series), 0, frame.top, W);
  const valueW = Math.ceil(Math.max(textWidth(spec.format(0)), textWidth(spec.format(1)), textWidth(spec.format(0.55)))) + 8;
  const x0 = 6;
  const x1 = W - valueW - 6;
  const X = (v: number) => x0 + (x1 - x0) * clamp01(v);
  const result = spec.series.find((s) => s.style === 'result') ?? null;
  const others = spec.series.filter((s) => s.style !== 'result');
  let y = frame.top + legendH + 6;
  const rows = spec.axes.map((a, i) => {
    const lines = wrapText(a.label, W - 4);
    const row = { i, lines, y, barY: y + lines.length * LINE + 4 };
    y = row.barY + 22;
    return row;
  });
  setHeight(frame, y + 2);

  const g = svg.append('g').attr('class', 'kc-radar-bars');
  for (const r of rows) {
    multilineText(g, r.lines, 0, r.y + 11, LINE).attr('class', 'kc-radar-label');
    g.append('rect').attr('x', x0).attr('y', r.barY).attr('width', x1 - x0).attr('height', 12).attr('fill', '#eef1f3');
  }
  // One group per reference series, as the radar has one outline per reference.
  for (const s of others) {
    const l = LOOK[s.style];
    g.append('g').attr('data-testid', l.testid)
      .selectAll('line').data(rows.filter((r) => finite(s.values[r.i]))).join('line')
      .attr('x1', (r) => X(s.values[r.i])).attr('x2', (r) => X(s.values[r.i]))
      .attr('y1', (r) => r.barY - 4).attr('y2', (r) => r.barY + 16)
      .attr('stroke', l.color).attr('stroke-width', s.style === 'reference-bad' ? 3 : 2)
      .attr('stroke-dasharray', s.style === 'reference-good' ? '4 2' : s.style === 'reference-bad' ? '2 2' : null);
  }
  if (!result) return;
  const blue = LOOK.result.color;
  const ok = rows.filter((r) => finite(result.values[r.i]));
  g.append('g').selectAll('rect').data(ok).join('rect')
    .attr('data-testid', 'radar-result')
    .attr('x', x0).attr('y', (r) => r.barY + 2).attr('height', 8)
    .attr('width', (r) => X(result.values[r.i]) - x0)
    .attr('fill', blue).attr('fill-opacity', 0.35);
  const ci = result.ci;
  if (ci) {
    g.append('g').selectAll('line').data(ok.filter((r) => ci[r.i] && finite(ci[r.i][0]) && finite(ci[r.i][1]))).join('line')
      .attr('data-testid', 'radar-ci')
      .attr('x1', (r) => X(ci[r.i][0])).attr('x2', (r) => X(ci[r.i][1]))
      .attr('y1', (r) => r.barY + 6).attr('y2', (r) => r.barY + 6)
      .attr('stroke', blue).attr('stroke-width', 2);
  }
  g.append('g').selectAll('circle').data(ok).join('circle')
    .attr('data-testid', 'radar-point')
    .attr('cx', (r) => X(result.values[r.i])).attr('cy', (r) => r.barY + 6).attr('r', 4.5)
    .attr('fill', blue).attr('stroke', '#ffffff').attr('stroke-width', 1.5)
    .append('title').text((r) => `${spec.axes[r.i].label}: ${spec.format(result.values[r.i])}`);
  g.append('g').selectAll('text').data(ok).join('text')
    .attr('class', 'kc-diff-value')
    .attr('x', W - 2).attr('y', (r) => r.barY + 11).attr('text-anchor', 'end')
    .text((r) => spec.format(result.values[r.i]));
}

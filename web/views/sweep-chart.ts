/**
 * One outcome against one parameter: the mean at each value swept, joined by a line, with its 95%
 * interval as a shaded band and a dot per value; optionally a pinned sweep as a dashed line.
 */
import { area, line } from 'd3';
import { chartFrame, drawAxes, drawLegend, growForHeader, finite, finiteExtent, PALETTE, type LegendItem } from './chart-frame.ts';
import './charts.css';
import type { SweepPoint } from '../app/chart-types.ts';
export type { SweepPoint };

export interface SweepChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  points: SweepPoint[];
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  color: string;
  /** A fixed y range (e.g. [0, 1] for a share); otherwise the points' range, from 0 if positive. */
  yDomain?: [number, number] | null;
  /** Integer x ticks only (group size, visits). */
  xInteger?: boolean;
  legend?: { mean: string; band: string } | null;
  compare?: { label: string; points: SweepPoint[] } | null;
  /** CSS pixels; default 230. */
  height?: number;
  showTitle?: boolean;
}

const A_COLOR = PALETTE.black;
const byX = (a: SweepPoint, b: SweepPoint) => a.x - b.x;

export function drawSweepChart(el: HTMLElement, spec: SweepChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: spec.height ?? 230, showTitle: spec.showTitle, testid: 'sweep-chart' });
  const { svg, width } = frame;
  const pts = spec.points.filter((p) => finite(p.x)).sort(byX);
  const A = spec.compare ? spec.compare.points.filter((p) => finite(p.x)).sort(byX) : null;
  const items: LegendItem[] = spec.legend
    ? [
        { label: spec.legend.mean, kind: 'line', color: spec.color },
        { label: spec.legend.band, kind: 'area', color: spec.color, opacity: 0.22 },
      ]
    : [];
  if (spec.compare) items.push({ label: spec.compare.label, kind: 'line', color: A_COLOR, dash: '6 3' });
  const legendH = drawLegend(svg, items, 0, frame.top, width);
  growForHeader(frame, legendH);

  const all = [...pts, ...(A ?? [])];
  const xs = finiteExtent(all.map((p) => p.x));
  const ys = finiteExtent(all.map((p) => p.mean), all.map((p) => p.lo), all.map((p) => p.hi));
  const { x, y } = drawAxes(frame, {
    top: frame.top + legendH + 8,
    xDomain: xs ?? [0, 1],
    yDomain: spec.yDomain ?? (ys ? [Math.min(0, ys[0]), ys[1]] : [0, 1]),
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    xFormat: spec.xFormat,
    yFormat: spec.yFormat,
    xInteger: spec.xInteger,
    yNice: !spec.yDomain,
    right: 16,
  });

  const g = svg.append('g').attr('class', 'kc-sweep');
  const meanLine = line<SweepPoint>().defined((p) => finite(p.mean)).x((p) => x(p.x)).y((p) => y(p.mean));
  g.append('path').attr('data-testid', 'sweep-band')
    .attr('d', area<SweepPoint>().defined((p) => finite(p.lo) && finite(p.hi)).x((p) => x(p.x)).y0((p) => y(p.lo)).y1((p) => y(p.hi))(pts) ?? '')
    .attr('fill', spec.color).attr('fill-opacity', 0.22);
  if (A) {
    g.append('path').attr('data-testid', 'sweep-compare').attr('d', meanLine(A) ?? '')
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-width', 1.75).attr('stroke-dasharray', '6 3');
    g.append('g').selectAll('circle').data(A.filter((p) => finite(p.mean))).join('circle')
      .attr('cx', (p) => x(p.x)).attr('cy', (p) => y(p.mean)).attr('r', 2.5).attr('fill', A_COLOR);
  }
  g.append('path').attr('data-testid', 'sweep-line').attr('d', meanLine(pts) ?? '')
    .attr('fill', 'none').attr('stroke', spec.color).attr('stroke-width', 2);
  g.append('g').selectAll('circle').data(pts.filter((p) => finite(p.mean))).join('circle')
    .attr('data-testid', 'sweep-point')
    .attr('cx', (p) => x(p.x)).attr('cy', (p) => y(p.mean)).attr('r', 4)
    .attr('fill', spec.color).attr('stroke', '#ffffff').attr('stroke-width', 1.5)
    .append('title')
    .text((p) => `${spec.xFormat(p.x)}: ${spec.yFormat(p.mean)}${finite(p.lo) && finite(p.hi) ? ` [${spec.yFormat(p.lo)}, ${spec.yFormat(p.hi)}]` : ''}`);
  return svg.node()!;
}

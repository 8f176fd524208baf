/**
 * A fan chart of one indicator over the weeks of an ensemble: the median, the middle 50% of runs
 * (q25–q75) and 90% of runs (q05–q95); optionally a pinned run A as a dashed median and the outline
 * of its 50% band, so A and B read off one chart.
 */
import { area, line } from 'd3';
import { chartFrame, drawAxes, drawLegend, growForHeader, finite, finiteExtent, PALETTE, type LegendItem } from './chart-frame.ts';
import './charts.css';
import type { FanBand } from '../app/chart-types.ts';
export type { FanBand };

export interface FanChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Weeks on the x axis (1 … weeks). */
  weeks: number;
  band: FanBand;
  yFormat: (v: number) => string;
  /** Week tick labels; plain integers if not given. */
  xFormat?: (v: number) => string;
  color: string;
  /** Integer y ticks only (head counts). */
  integer?: boolean;
  /** A fixed y range (e.g. [0, 1] for an index); otherwise the bands' range, from 0 if positive. */
  yDomain?: [number, number] | null;
  /** Pinned run A, drawn as a dashed median and the outline of its 50% band, each named in the legend. */
  compare?: { label: string; bandLabel?: string; band: FanBand } | null;
  legend: { median: string; band50: string; band90: string };
  /** CSS pixels; default 230. */
  height?: number;
  /** Draw the title above the chart (default true; it is always the SVG's accessible name). */
  showTitle?: boolean;
}

const A_COLOR = PALETTE.black;

export function drawFanChart(el: HTMLElement, spec: FanChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: spec.height ?? 230, showTitle: spec.showTitle, testid: 'fan-chart' });
  const { svg, width } = frame;
  const items: LegendItem[] = [
    { label: spec.legend.median, kind: 'line', color: spec.color },
    { label: spec.legend.band50, kind: 'area', color: spec.color, opacity: 0.4 },
    { label: spec.legend.band90, kind: 'area', color: spec.color, opacity: 0.16 },
  ];
  const A = spec.compare ?? null;
  if (A) {
    items.push({ label: A.label, kind: 'line', color: A_COLOR, dash: '6 3' });
    if (A.bandLabel) items.push({ label: A.bandLabel, kind: 'area', color: A_COLOR, outline: true });
  }
  const legendH = drawLegend(svg, items, 0, frame.top, width);
  growForHeader(frame, legendH);

  const b = spec.band;
  const H = Math.max(0, Math.min(spec.weeks, b.q05.length, b.q25.length, b.q50.length, b.q75.length, b.q95.length));
  const range = finiteExtent(b.q05, b.q95, b.q50, A?.band.q25, A?.band.q75, A?.band.q50);
  const yDomain: [number, number] = spec.yDomain ?? (range ? [Math.min(0, range[0]), range[1]] : [0, 1]);
  const { x, y } = drawAxes(frame, {
    top: frame.top + legendH + 8,
    xDomain: [1, Math.max(2, spec.weeks)],
    yDomain,
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    xFormat: spec.xFormat ?? String,
    yFormat: spec.yFormat,
    xInteger: true,
    yInteger: spec.integer,
    yNice: !spec.yDomain,
  });

  const seq = (n: number) => Array.from({ length: n }, (_, t) => t);
  const weeks = seq(H);
  const X = (t: number) => x(t + 1);
  const bandPath = (lo: ArrayLike<number>, hi: ArrayLike<number>) =>
    area<number>().defined((t) => finite(lo[t]) && finite(hi[t])).x(X).y0((t) => y(lo[t])).y1((t) => y(hi[t]))(weeks) ?? '';
  const linePath = (v: ArrayLike<number>, n = H) =>
    line<number>().defined((t) => finite(v[t])).x(X).y((t) => y(v[t]))(seq(n)) ?? '';

  const g = svg.append('g').attr('class', 'kc-fan');
  g.append('path').attr('data-testid', 'fan-band90').attr('d', bandPath(b.q05, b.q95)).attr('fill', spec.color).attr('fill-opacity', 0.16);
  g.append('path').attr('data-testid', 'fan-band50').attr('d', bandPath(b.q25, b.q75)).attr('fill', spec.color).attr('fill-opacity', 0.4);
  g.append('path').attr('data-testid', 'fan-median').attr('d', linePath(b.q50))
    .attr('fill', 'none').attr('stroke', spec.color).attr('stroke-width', 2).attr('stroke-linejoin', 'round');
  if (A) {
    const n = Math.max(0, Math.min(spec.weeks, A.band.q25.length, A.band.q50.length, A.band.q75.length));
    const aWeeks = seq(n);
    const outline = area<number>().defined((t) => finite(A.band.q25[t]) && finite(A.band.q75[t]))
      .x(X).y0((t) => y(A.band.q25[t])).y1((t) => y(A.band.q75[t]))(aWeeks) ?? '';
    g.append('path').attr('data-testid', 'fan-compare-band').attr('d', outline)
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-opacity', 0.45).attr('stroke-width', 1);
    g.append('path').attr('data-testid', 'fan-compare-median').attr('d', linePath(A.band.q50, n))
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-width', 1.75).attr('stroke-dasharray', '6 3');
  }
  return svg.node()!;
}

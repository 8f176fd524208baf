/**
 * The survival curve of an ensemble: the share of groups not dissolved at the end of each week
 * (Kaplan–Meier; no run is censored, so it is that share) as a step curve from 100% at week 0,
 * with its 95% band; optionally a pinned run A as a dashed step curve.
 */
import { area, curveStepAfter, line } from 'd3';
import { chartFrame, drawAxes, drawLegend, growForHeader, finite, PALETTE, type LegendItem } from './chart-frame.ts';
import './charts.css';
import type { SurvivalCurveData } from '../app/chart-types.ts';
export type { SurvivalCurveData };

export interface SurvivalChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  weeks: number;
  curve: SurvivalCurveData;
  /** Formats a share in [0, 1] for the y ticks, e.g. 0.8 → "80%". */
  yFormat: (share: number) => string;
  xFormat?: (week: number) => string;
  color: string;
  compare?: { label: string; curve: SurvivalCurveData } | null;
  legend: { curve: string; band: string };
  /** CSS pixels; default 210. */
  height?: number;
  showTitle?: boolean;
}

const A_COLOR = PALETTE.black;

/** Points (week, value) from week 0 (all groups exist) to the last week, NaN left as a gap. */
function steps(v: ArrayLike<number>, weeks: number, start: number): [number, number][] {
  const n = Math.max(0, Math.min(weeks, v.length));
  const pts: [number, number][] = n && finite(v[0]) ? [[0, start]] : [];
  for (let t = 0; t < n; t++) pts.push([t + 1, v[t]]);
  return pts;
}

export function drawSurvivalChart(el: HTMLElement, spec: SurvivalChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: spec.height ?? 210, showTitle: spec.showTitle, testid: 'survival-chart' });
  const { svg, width } = frame;
  const items: LegendItem[] = [
    { label: spec.legend.curve, kind: 'line', color: spec.color },
    { label: spec.legend.band, kind: 'area', color: spec.color, opacity: 0.22 },
  ];
  const A = spec.compare ?? null;
  if (A) items.push({ label: A.label, kind: 'line', color: A_COLOR, dash: '6 3' });
  const legendH = drawLegend(svg, items, 0, frame.top, width);
  growForHeader(frame, legendH);
  const { x, y } = drawAxes(frame, {
    top: frame.top + legendH + 8,
    xDomain: [0, Math.max(1, spec.weeks)],
    yDomain: [0, 1],
    yTicks: [0, 0.25, 0.5, 0.75, 1],
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    xFormat: spec.xFormat ?? String,
    yFormat: spec.yFormat,
    xInteger: true,
    yNice: false,
  });

  const c = spec.curve;
  const n = Math.max(0, Math.min(spec.weeks, c.lo.length, c.hi.length));
  const band: [number, number, number][] = n && finite(c.lo[0]) && finite(c.hi[0]) ? [[0, 1, 1]] : [];
  for (let t = 0; t < n; t++) band.push([t + 1, c.lo[t], c.hi[t]]);
  const stepLine = line<[number, number]>().defined((d) => finite(d[1])).x((d) => x(d[0])).y((d) => y(d[1])).curve(curveStepAfter);

  const g = svg.append('g').attr('class', 'kc-survival');
  g.append('path').attr('data-testid', 'survival-band')
    .attr('d', area<[number, number, number]>().defined((d) => finite(d[1]) && finite(d[2]))
      .x((d) => x(d[0])).y0((d) => y(d[1])).y1((d) => y(d[2])).curve(curveStepAfter)(band) ?? '')
    .attr('fill', spec.color).attr('fill-opacity', 0.22);
  if (A) {
    g.append('path').attr('data-testid', 'survival-compare')
      .attr('d', stepLine(steps(A.curve.surviving, spec.weeks, 1)) ?? '')
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-width', 1.75).attr('stroke-dasharray', '6 3');
  }
  g.append('path').attr('data-testid', 'survival-curve')
    .attr('d', stepLine(steps(c.surviving, spec.weeks, 1)) ?? '')
    .attr('fill', 'none').attr('stroke', spec.color).attr('stroke-width', 2);
  return svg.node()!;
}

/**
 * What became of the groups: the share of runs active, stagnant and dissolved at the end of each
 * week, as stacked areas that fill the chart; optionally a pinned run A as two lines, the top of
 * its "active" (dashed) and of its "not dissolved" (dotted).
 */
import { area, curveStepAfter, line } from 'd3';
import type { FateData } from '../app/chart-types.ts';
import { fateLayers } from '../app/fate-layers.ts';
import { chartFrame, drawAxes, drawLegend, finite, growForHeader, PALETTE, type LegendItem } from './chart-frame.ts';
import './charts.css';

export interface FateChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  weeks: number;
  data: FateData;
  yFormat: (share: number) => string;
  /** Names of the three states, and of A's two lines. */
  legend: { active: string; stagnant: string; dissolved: string; aActive: string; aNotDissolved: string };
  compare?: FateData | null;
  height?: number;
  showTitle?: boolean;
}

export const FATE_COLORS = { active: PALETTE.green, stagnant: PALETTE.orange, dissolved: '#9a9a9a' } as const;
const A_COLOR = PALETTE.black;

export function drawFateChart(el: HTMLElement, spec: FateChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: spec.height ?? 300, showTitle: spec.showTitle, testid: 'fate-chart' });
  const { svg, width } = frame;
  const items: LegendItem[] = [
    { label: spec.legend.active, kind: 'area', color: FATE_COLORS.active, opacity: 0.75 },
    { label: spec.legend.stagnant, kind: 'area', color: FATE_COLORS.stagnant, opacity: 0.75 },
    { label: spec.legend.dissolved, kind: 'area', color: FATE_COLORS.dissolved, opacity: 0.45 },
  ];
  const A = spec.compare ?? null;
  if (A) {
    items.push({ label: spec.legend.aActive, kind: 'line', color: A_COLOR, dash: '6 3' });
    items.push({ label: spec.legend.aNotDissolved, kind: 'line', color: A_COLOR, dash: '1 3', width: 2.5, cap: 'round' });
  }
  const legendH = drawLegend(svg, items, 0, frame.top, width);
  growForHeader(frame, legendH);
  const { x, y } = drawAxes(frame, {
    top: frame.top + legendH + 8,
    xDomain: [0, Math.max(1, spec.weeks)],
    yDomain: [0, 1],
    yTicks: [0, 0.25, 0.5, 0.75, 1],
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    xFormat: String,
    yFormat: spec.yFormat,
    xInteger: true,
    yNice: false,
  });
  const opacity = { active: 0.75, stagnant: 0.75, dissolved: 0.45 };
  const g = svg.append('g').attr('class', 'kc-fate');
  const band = area<[number, number, number]>().defined((d) => finite(d[1]) && finite(d[2]))
    .x((d) => x(d[0])).y0((d) => y(d[1])).y1((d) => y(d[2])).curve(curveStepAfter);
  for (const layer of fateLayers(spec.data, spec.weeks)) {
    g.append('path').attr('data-testid', `fate-${layer.key}`).attr('d', band(layer.points) ?? '')
      .attr('fill', FATE_COLORS[layer.key]).attr('fill-opacity', opacity[layer.key]);
  }
  if (A) {
    const [active, stagnant] = fateLayers(A, spec.weeks);
    const top = line<[number, number, number]>().defined((d) => finite(d[2])).x((d) => x(d[0])).y((d) => y(d[2])).curve(curveStepAfter);
    g.append('path').attr('data-testid', 'fate-compare-active').attr('d', top(active.points) ?? '')
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-width', 1.75).attr('stroke-dasharray', '6 3');
    g.append('path').attr('data-testid', 'fate-compare-not-dissolved').attr('d', top(stagnant.points) ?? '')
      .attr('fill', 'none').attr('stroke', A_COLOR).attr('stroke-width', 2.5).attr('stroke-dasharray', '1 3').attr('stroke-linecap', 'round');
  }
  return svg.node()!;
}

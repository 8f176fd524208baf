/**
 * A weekly line chart: one series over the weeks of a run, with labelled axes and an optional
 * dashed rule at the week the group's status changed. Redrawn whole on every run.
 */
import { axisBottom, axisLeft, curveLinear, curveStepAfter, line, scaleLinear } from 'd3';
import { appendChartSvg, contentWidth, type Panel } from './panel.ts';
import { STRINGS } from '../strings.ts';

export interface LineChartSpec {
  title: string;
  yLabel: string;
  /** One value per week (index = week). */
  values: ArrayLike<number>;
  /** Weeks to draw: a dissolved group's series stop when it does. */
  drawn: number;
  /** The run's horizon: the x axis always spans it, so runs compare at a glance. */
  horizon: number;
  yDomain: [number, number];
  yFormat: (v: number) => string;
  color: string;
  /** Counts (members) change in steps, not slopes. */
  step?: boolean;
  /** Integer ticks only. */
  integer?: boolean;
  /** A dashed rule marking a week, e.g. when the group became stagnant. */
  mark?: { week: number; label: string } | null;
}

/** Chart height in CSS pixels; the width is the panel's. */
const HEIGHT = 156;
/** The top margin holds the mark's label, above the data so it never hides any. */
const M = { top: 20, right: 18, bottom: 34, left: 78 };

export function drawLineChart(root: Panel, spec: LineChartSpec): void {
  root.selectAll('*').remove();
  root.append('h2').text(spec.title);
  const WIDTH = Math.max(260, contentWidth(root, 600));
  const svg = appendChartSvg(root, WIDTH, HEIGHT, spec.title);

  const x = scaleLinear()
    .domain([0, Math.max(1, spec.horizon - 1)])
    .range([M.left, WIDTH - M.right]);
  const y = scaleLinear()
    .domain(spec.yDomain)
    .range([HEIGHT - M.bottom, M.top])
    .nice();

  const yTicks = spec.integer
    ? y.ticks(4).filter((t) => Number.isInteger(t))
    : y.ticks(4);

  svg
    .append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', M.left)
    .attr('x2', WIDTH - M.right)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d));

  svg
    .append('g')
    .attr('class', 'axis x')
    .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
    .call(axisBottom(x).ticks(Math.min(12, spec.horizon / 13, (WIDTH - M.left - M.right) / 44)).tickFormat((d) => String(d)));
  svg
    .append('g')
    .attr('class', 'axis y')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).tickValues(yTicks).tickFormat((d) => spec.yFormat(Number(d))));

  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', (M.left + WIDTH - M.right) / 2)
    .attr('y', HEIGHT - 4)
    .attr('text-anchor', 'middle')
    .text(STRINGS.weeksAxis);
  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(14,${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(spec.yLabel);

  const weeks = Array.from({ length: Math.min(spec.drawn, spec.values.length) }, (_, i) => i);
  const path = line<number>()
    .x((i) => x(i))
    .y((i) => y(spec.values[i]))
    .curve(spec.step ? curveStepAfter : curveLinear);
  svg
    .append('path')
    .attr('class', 'line')
    .attr('fill', 'none')
    .attr('stroke', spec.color)
    .attr('stroke-width', 2)
    .attr('d', path(weeks) ?? '');

  if (spec.mark) {
    const mx = x(spec.mark.week);
    const g = svg.append('g').attr('class', 'mark');
    g.append('line').attr('x1', mx).attr('x2', mx).attr('y1', M.top).attr('y2', HEIGHT - M.bottom);
    const nearEnd = mx > WIDTH - M.right - 140;
    g.append('text')
      .attr('x', nearEnd ? mx - 4 : mx + 4)
      .attr('y', M.top - 6)
      .attr('text-anchor', nearEnd ? 'end' : 'start')
      .text(spec.mark.label);
  }
}

/**
 * The nine elements of group dynamics as horizontal bars on a shared 0–1 scale: the bar is the
 * run average, the dark tick the value in the group's last week.
 */
import { axisBottom, scaleBand, scaleLinear } from 'd3';
import { INDICATORS } from '../../src/index.ts';
import { index01 } from '../format.ts';
import { LANG, STRINGS } from '../strings.ts';
import { appendChartSvg, contentWidth, type Panel } from './panel.ts';

export interface ElementDatum {
  key: string;
  average: number;
  final: number;
}

/** Height of one element's row in CSS pixels; the width is the panel's. */
const ROW = 21;
const M = { top: 4, right: 44, bottom: 24, left: 196 };
/** Narrower than this, each label goes above its bar, so the bars keep the whole width. */
const STACK_BELOW = 400;
const STACKED = { row: 34, top: 16, left: 16 };

/** Average and final value of each element over the weeks the group existed. */
export function elementData(series: Record<string, Float64Array>, keys: readonly string[], drawn: number): ElementDatum[] {
  const n = Math.max(1, drawn);
  return keys.map((key) => {
    const s = series[key];
    let sum = 0;
    for (let t = 0; t < n; t++) sum += s[t];
    return { key, average: sum / n, final: s[n - 1] };
  });
}

export function drawElements(root: Panel, data: ElementDatum[], drawn: number, color: string): void {
  root.selectAll('*').remove();
  root.append('h2').text(STRINGS.elements.title);
  // The note and the legend share a line, and wrap on a narrow screen.
  const sub = root.append('div').attr('class', 'subhead');
  sub.append('p').attr('class', 'note').text(STRINGS.elements.note(drawn));
  const legend = sub.append('p').attr('class', 'legend');
  legend.append('span').attr('class', 'swatch').style('background', color);
  legend.append('span').text(STRINGS.elements.average);
  legend.append('span').attr('class', 'swatch tick');
  legend.append('span').text(STRINGS.elements.final);

  const WIDTH = Math.max(260, contentWidth(root, 560));
  const stacked = WIDTH < STACK_BELOW;
  const left = stacked ? STACKED.left : M.left;
  const top = stacked ? STACKED.top : M.top;
  const height = top + M.bottom + (stacked ? STACKED.row : ROW) * data.length;
  const svg = appendChartSvg(root, WIDTH, height, STRINGS.elements.title);
  const x = scaleLinear().domain([0, 1]).range([left, WIDTH - M.right]);
  const y = scaleBand<string>()
    .domain(data.map((d) => d.key))
    .range([top, height - M.bottom])
    .paddingInner(stacked ? 0.55 : 0.25)
    .paddingOuter(stacked ? 0.1 : 0.25);
  // Roughly one tick per 60 px, so the labels never run into each other.
  const ticks = Math.max(2, Math.min(5, Math.floor((WIDTH - M.right - left) / 60)));
  const label = (key: string) => INDICATORS.find((d) => d.key === key)?.text[LANG] ?? key;

  svg
    .append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(x.ticks(ticks))
    .join('line')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', top)
    .attr('y2', height - M.bottom);
  svg
    .append('g')
    .attr('class', 'axis x')
    .attr('transform', `translate(0,${height - M.bottom})`)
    .call(axisBottom(x).ticks(ticks).tickFormat((d) => index01(Number(d))));

  const row = svg
    .append('g')
    .selectAll('g')
    .data(data)
    .join('g')
    .attr('class', 'element')
    .attr('data-key', (d) => d.key)
    .attr('transform', (d) => `translate(0,${y(d.key)})`);
  row
    .append('text')
    .attr('class', 'label')
    .attr('x', stacked ? left : left - 8)
    .attr('y', stacked ? -5 : y.bandwidth() / 2)
    .attr('dy', stacked ? null : '0.35em')
    .attr('text-anchor', stacked ? 'start' : 'end')
    .text((d) => label(d.key));
  row
    .append('rect')
    .attr('class', 'bar')
    .attr('x', x(0))
    .attr('height', y.bandwidth())
    .attr('width', (d) => Math.max(0, x(d.average) - x(0)))
    .attr('fill', color)
    .append('title')
    .text((d) => `${label(d.key)}: ${STRINGS.elements.average} ${index01(d.average)}, ${STRINGS.elements.final} ${index01(d.final)}`);
  row
    .append('line')
    .attr('class', 'final')
    .attr('x1', (d) => x(d.final))
    .attr('x2', (d) => x(d.final))
    .attr('y1', -2)
    .attr('y2', y.bandwidth() + 2);
  row
    .append('text')
    .attr('class', 'value')
    .attr('x', (d) => x(Math.max(d.average, d.final)) + 6)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .text((d) => index01(d.average));
}

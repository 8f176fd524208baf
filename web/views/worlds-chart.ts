/**
 * B − A in each plausible world: one dot per world at its difference, with a bar for its 95%
 * interval from luck, the worlds sorted from worst for B to best for B, and the zero line
 * between "A better" and "B better". A dot's colour says what its interval says in that world.
 */
import { drawAxes, drawLegend, finite, growForHeader, chartFrame, PALETTE, type LegendItem } from './chart-frame.ts';
import './charts.css';

export interface WorldPoint {
  world: number;
  mean: number;
  lo: number | null;
  hi: number | null;
}

export interface WorldsChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Sorted from worst for B to best for B. */
  worlds: WorldPoint[];
  /** 1 when higher is better for B, −1 when lower is. */
  better: 1 | -1;
  yFormat: (v: number) => string;
  tip: (w: WorldPoint) => string;
  legend: { better: string; worse: string; unclear: string; interval: string };
  height?: number;
  showTitle?: boolean;
}

export type WorldVerdict = 'better' | 'worse' | 'unclear';
const COLOR: Record<WorldVerdict, string> = { better: PALETTE.blue, worse: PALETTE.vermillion, unclear: '#6b767e' };

/** What a world's interval says about B. */
export function worldVerdict(w: WorldPoint, better: 1 | -1): WorldVerdict {
  if (!finite(w.lo) || !finite(w.hi)) return 'unclear';
  const lo = Math.min(w.lo * better, w.hi * better);
  const hi = Math.max(w.lo * better, w.hi * better);
  return lo > 0 ? 'better' : hi < 0 ? 'worse' : 'unclear';
}

export function drawWorldsChart(el: HTMLElement, spec: WorldsChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: spec.height ?? 300, showTitle: spec.showTitle, testid: 'worlds-chart' });
  const { svg, width } = frame;
  const L = spec.legend;
  const items: LegendItem[] = [
    { label: L.better, kind: 'dot', color: COLOR.better },
    { label: L.worse, kind: 'dot', color: COLOR.worse },
    { label: L.unclear, kind: 'dot', color: COLOR.unclear },
    { label: L.interval, kind: 'line', color: '#6b767e', width: 2 },
  ];
  const legendH = drawLegend(svg, items, 0, frame.top, width);
  growForHeader(frame, legendH);
  const W = spec.worlds.length;
  const values = spec.worlds.flatMap((w) => [w.mean, w.lo, w.hi]).filter(finite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const { x, y, box } = drawAxes(frame, {
    top: frame.top + legendH + 8,
    xDomain: [0.5, Math.max(1, W) + 0.5],
    yDomain: [lo, hi],
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    xFormat: (v) => String(v),
    yFormat: spec.yFormat,
    xInteger: true,
    right: 12,
  });
  svg.append('line').attr('class', 'kc-zero').attr('data-testid', 'worlds-zero')
    .attr('x1', box.left).attr('x2', box.right).attr('y1', y(0)).attr('y2', y(0));
  // Dots shrink as worlds crowd in, but stay visible (1,000 worlds on a phone).
  const step = (box.right - box.left) / Math.max(1, W);
  const r = Math.max(1.5, Math.min(5, step / 2.6));
  const g = svg.append('g').attr('class', 'kc-worlds');
  const world = g.selectAll('g').data(spec.worlds).join('g')
    .attr('data-testid', 'world-dot')
    .attr('data-world', (w) => w.world)
    .attr('data-verdict', (w) => worldVerdict(w, spec.better));
  world.append('title').text(spec.tip);
  const place = new Map(spec.worlds.map((w, i) => [w, x(i + 1)]));
  const color = (w: WorldPoint) => COLOR[worldVerdict(w, spec.better)];
  world.filter((w) => finite(w.lo) && finite(w.hi)).append('line')
    .attr('x1', (w) => place.get(w)!).attr('x2', (w) => place.get(w)!)
    .attr('y1', (w) => y(w.lo!)).attr('y2', (w) => y(w.hi!))
    .attr('stroke', color).attr('stroke-opacity', 0.55)
    .attr('stroke-width', Math.max(1, Math.min(2.5, r * 0.6)));
  world.append('circle')
    .attr('cx', (w) => place.get(w)!).attr('cy', (w) => y(w.mean)).attr('r', r)
    .attr('fill', color).attr('stroke', '#ffffff').attr('stroke-width', r > 3 ? 1.5 : 0.75);
  return svg.node()!;
}

/**
 * Paired differences B − A as a forest plot: one row per outcome with its difference and 95%
 * interval. Outcomes have different units, so each row has its own scale, symmetric about a shared
 * zero line, and each row is turned so that right always means "B better" (for costs, where less
 * is better, a negative difference is drawn to the right). The row's colour says what its interval
 * says: B better, B worse, or unclear (the interval holds zero, or there is none yet).
 */
import { chartFrame, drawLegend, finite, multilineText, PALETTE, setHeight, textWidth, wrapText, type LegendItem } from './chart-frame.ts';
import './charts.css';
import type { DiffRow } from '../app/chart-types.ts';
export type { DiffRow };

export interface DiffChartSpec {
  title: string;
  rows: DiffRow[];
  /** Captions over the plot's halves, e.g. "← A better" and "B better →". */
  sides?: { aBetter: string; bBetter: string } | null;
  /** Names of the row colours. */
  legend?: { better: string; worse: string; unclear: string } | null;
  showTitle?: boolean;
}

export type DiffVerdict = 'better' | 'worse' | 'unclear';

const COLOR: Record<DiffVerdict, string> = { better: PALETTE.blue, worse: PALETTE.vermillion, unclear: '#6b767e' };

/** What a row's interval says about B, once turned so that positive is better. */
export function diffVerdict(row: Pick<DiffRow, 'lo' | 'hi' | 'better'>): DiffVerdict {
  if (!finite(row.lo) || !finite(row.hi)) return 'unclear';
  const lo = Math.min(row.lo * row.better, row.hi * row.better);
  const hi = Math.max(row.lo * row.better, row.hi * row.better);
  return lo > 0 ? 'better' : hi < 0 ? 'worse' : 'unclear';
}

export function drawDiffChart(el: HTMLElement, spec: DiffChartSpec): SVGSVGElement {
  const frame = chartFrame(el, { title: spec.title, height: 100, showTitle: spec.showTitle, testid: 'diff-chart' });
  const { svg, width: W } = frame;
  const L = spec.legend;
  const items: LegendItem[] = L
    ? [
        { label: L.better, kind: 'dot', color: COLOR.better },
        { label: L.worse, kind: 'dot', color: COLOR.worse },
        { label: L.unclear, kind: 'dot', color: COLOR.unclear },
      ]
    : [];
  let y = frame.top + drawLegend(svg, items, 0, frame.top, W);

  const LINE = 14;
  const texts = spec.rows.map((r) => [finite(r.diff) ? r.format(r.diff) : '', r.pText]);
  const rightW = Math.min(W * 0.36, Math.ceil(Math.max(40, ...texts.flat().map((t) => textWidth(t)))) + 8);
  // On a phone the labels take a line of their own above each row, leaving the plot its room.
  const narrow = W < 480;
  const labelW = narrow ? W - 8 : Math.max(90, Math.min(240, W * 0.32));
  const p0 = narrow ? 8 : labelW + 10;
  const p1 = W - rightW - 10;
  const zero = (p0 + p1) / 2;
  const half = Math.max(10, (p1 - p0) / 2 - 5);

  if (spec.sides) {
    const aLines = wrapText(spec.sides.aBetter, half);
    const bLines = wrapText(spec.sides.bBetter, half);
    const g = svg.append('g').attr('class', 'kc-diff-side');
    multilineText(g, aLines, zero - 4, y + 13, LINE).attr('text-anchor', 'end');
    multilineText(g, bLines, zero + 4, y + 13, LINE).attr('text-anchor', 'start');
    y += Math.max(aLines.length, bLines.length) * LINE + 6;
  }
  const plotTop = y;

  const rowsG = svg.append('g').attr('class', 'kc-diff-rows');
  const spans: [number, number][] = [];
  spec.rows.forEach((r, i) => {
    const lines = wrapText(r.label, labelW);
    const h = narrow ? (lines.length + 2) * LINE + 12 : Math.max(lines.length, 2) * LINE + 12;
    const mid = narrow ? y + lines.length * LINE + 6 + LINE : y + h / 2;
    const verdict = diffVerdict(r);
    const color = COLOR[verdict];
    const g = rowsG.append('g').attr('data-testid', 'diff-row').attr('data-verdict', verdict).attr('data-key', r.key ?? null);
    const interval = finite(r.lo) && finite(r.hi);
    g.append('title').text(`${r.label}: ${texts[i][0]}${interval ? ` [${r.format(r.lo)}, ${r.format(r.hi)}]` : ''} · ${r.pText}`);
    if (i % 2 === 0) g.append('rect').attr('x', 0).attr('y', y).attr('width', W).attr('height', h).attr('fill', '#f4f6f7');
    const labelY = narrow ? y + 16 : mid + 4 - ((lines.length - 1) * LINE) / 2;
    multilineText(g, lines, 4, labelY, LINE).attr('class', 'kc-diff-label');

    // The row's own scale: its widest value reaches the plot's edge.
    const o = (v: number) => v * r.better;
    const m = Math.max(...[r.diff, r.lo, r.hi].filter(finite).map(Math.abs), 0) * 1.08;
    const X = (v: number) => zero + (m > 0 ? (o(v) / m) * half : 0);
    if (interval) {
      g.append('line').attr('class', 'kc-diff-ci')
        .attr('x1', X(r.lo)).attr('x2', X(r.hi)).attr('y1', mid).attr('y2', mid)
        .attr('stroke', color).attr('stroke-width', 3).attr('stroke-linecap', 'round');
    }
    if (finite(r.diff)) {
      g.append('circle').attr('cx', X(r.diff)).attr('cy', mid).attr('r', 5)
        .attr('fill', color).attr('stroke', '#ffffff').attr('stroke-width', 1.5);
    }
    spans.push([mid - LINE + 2, mid + LINE - 2]);
    const tx = W - rightW + 2;
    g.append('text').attr('class', 'kc-diff-value').attr('x', tx).attr('y', mid - 3).style('font-weight', '600').style('fill', color).text(texts[i][0]);
    g.append('text').attr('class', 'kc-diff-p').attr('x', tx).attr('y', mid + 12).text(r.pText);
    y += h;
  });
  // The zero line runs down the plot column; on a phone it stops short of each row's label.
  const zeroSpans = narrow ? spans : [[plotTop, Math.max(plotTop + 10, y)]];
  svg.append('g').attr('data-testid', 'diff-zero').selectAll('line').data(zeroSpans).join('line').attr('class', 'kc-zero')
    .attr('x1', zero).attr('x2', zero).attr('y1', (d) => d[0]).attr('y2', (d) => d[1]);
  setHeight(frame, y + 4);
  return svg.node()!;
}

/**
 * The SVG and PNG buttons under a chart: they save whatever chart the chart's body holds when
 * pressed, named after it for screen readers.
 */
import { select } from 'd3';
import { chartPngBlob, chartSvgText, download } from '../app/chart-export.ts';
import type { Dict } from '../app/i18n.ts';

/**
 * Append the buttons to `parent`, for the chart drawn in `body`; files are named kube-sim-<name>
 * and carry `caption()` (what the chart is of) under the chart.
 */
export function chartTools(parent: HTMLElement, body: HTMLElement, name: string, caption: () => string = () => ''): void {
  const tools = select(parent).append('div').attr('class', 'chart-tools');
  for (const format of ['SVG', 'PNG'] as const) {
    tools.append('button').attr('type', 'button').attr('class', 'small').attr('data-format', format).text(format).on('click', () => void exportChart(body, name, format, caption()));
  }
}

/** Name each chart's buttons after the chart now drawn above them. */
export function labelChartTools(root: HTMLElement, D: Dict): void {
  for (const tools of root.querySelectorAll<HTMLElement>('.chart-tools')) {
    const title = tools.previousElementSibling?.querySelector('svg')?.getAttribute('aria-label') ?? '';
    for (const b of tools.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-label', D.charts.download(title, b.dataset.format!));
  }
}

async function exportChart(body: HTMLElement, chart: string, format: 'SVG' | 'PNG', caption: string): Promise<void> {
  const svg = body.querySelector('svg');
  if (!svg) return;
  const name = `kube-sim-${chart}.${format.toLowerCase()}`;
  if (format === 'SVG') download(name, new Blob([chartSvgText(svg, caption)], { type: 'image/svg+xml' }));
  else download(name, await chartPngBlob(svg, 2, caption));
}

import type { Selection } from 'd3';

/** The div a view draws into; views never look at its parent. */
export type Panel = Selection<HTMLDivElement, unknown, any, any>;

/** An SVG drawn at its real size in CSS pixels, announced to screen readers as one image. */
export function appendChartSvg(root: Panel, width: number, height: number, label: string) {
  return root
    .append('svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', label);
}

/**
 * The width a view has to draw in, in CSS pixels: charts are drawn at their real size, so their
 * text keeps its CSS size on a projector and on a phone alike. `fallback` when not laid out.
 */
export function contentWidth(root: Panel, fallback: number): number {
  const node = root.node();
  if (!node) return fallback;
  const css = getComputedStyle(node);
  const w = node.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
  return w > 0 ? Math.floor(w) : fallback;
}

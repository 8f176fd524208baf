/**
 * From the layout's positions to the drawing's: the members still in fill the area above the row
 * of leavers (zoomed to fit, eased frame to frame); those who left line up along the bottom, after
 * the row's label. Pure.
 */
import type { Node } from './layout.ts';
import type { Sizing } from './sizing.ts';

export interface View {
  kx: number;
  ky: number;
  cx: number;
  cy: number;
  fresh: boolean;
}

export const freshView = (): View => ({ kx: 1, ky: 1, cx: 320, cy: 200, fresh: true });

/** Zoom to fit the members still in; `padX`, `padY` keep the biggest circle and its office word inside. */
export function fit(view: View, nodes: Node[], gone: boolean[], s: Sizing, padX: number, padY: number): void {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const node of nodes) {
    if (gone[node.i]) continue;
    x0 = Math.min(x0, node.x!);
    x1 = Math.max(x1, node.x!);
    y0 = Math.min(y0, node.y!);
    y1 = Math.max(y1, node.y!);
  }
  if (x0 > x1) return;
  const clampK = (k: number) => Math.max(0.3, Math.min(2.2, k));
  let kx = clampK((s.W - 2 * padX) / Math.max(1, x1 - x0));
  let ky = clampK((2 * s.areaY - 2 * padY) / Math.max(1, y1 - y0));
  // Stretch to the box's shape, but not so far that the group no longer looks like itself.
  kx = Math.min(kx, 1.8 * ky);
  ky = Math.min(ky, 1.8 * kx);
  const ease = view.fresh ? 1 : 0.08;
  view.fresh = false;
  view.kx += (kx - view.kx) * ease;
  view.ky += (ky - view.ky) * ease;
  view.cx += ((x0 + x1) / 2 - view.cx) * ease;
  view.cy += ((y0 + y1) / 2 - view.cy) * ease;
}

/**
 * Each member's place in the drawing. Leavers line up in member order from `rowStart` on, a
 * circle's width apart, or closer when many left.
 */
export function place(view: View, nodes: Node[], gone: boolean[], s: Sizing, rowStart: number, rGone: number, sx: Float64Array, sy: Float64Array): void {
  const leavers = nodes.filter((d) => gone[d.i]);
  const step = Math.min(2 * rGone + 4, (s.W - rowStart - 2 * rGone - 8) / Math.max(1, leavers.length - 1));
  leavers.forEach((d, k) => {
    sx[d.i] = rowStart + rGone + k * step;
    sy[d.i] = s.leftRow;
  });
  for (const d of nodes) {
    if (gone[d.i]) continue;
    sx[d.i] = s.W / 2 + (d.x! - view.cx) * view.kx;
    sy[d.i] = s.areaY + (d.y! - view.cy) * view.ky;
  }
}

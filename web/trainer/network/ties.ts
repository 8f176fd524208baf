/**
 * The ties: one line per pair of members still in the group, thickness and colour = their mutual
 * trust. Strokes on a canvas under the SVG: hundreds of lines redrawn every frame cost far less
 * as canvas strokes than as SVG elements (each a DOM node to restyle and repaint).
 */
import * as d3 from 'd3';
import type { Trace } from '../../../src/browser.ts';
import type { Link } from './layout.ts';
import { HEIGHT } from './sizing.ts';

/** From this group size on, only strong and broken ties are drawn (mutual trust above or below these). */
export const SPARSE_FROM = 12;
const STRONG = 0.55;
const BROKEN = 0.2;

/** Trust 0 → 1: vermillion through grey to blue (Okabe–Ito ends, readable with colour blindness). */
const trustColour = d3.scaleLinear<string>().domain([0, 0.5, 1]).range(['#D55E00', '#b8b8b8', '#0072B2']).interpolate(d3.interpolateRgb).clamp(true);
const TRUST_COLOURS = d3.range(101).map((k) => trustColour(k / 100));

export interface Ties {
  /** Draw frame f's ties, `alpha` of the way to frame g's, between the members' places (sx, sy). */
  draw(t: Trace, f: number, g: number, alpha: number, sx: Float64Array, sy: Float64Array, box: { w: number; h: number }, W: number): void;
}

export function createTies(parent: HTMLElement, links: Link[], n: number, scale: number): Ties {
  const canvas = d3.select(parent).insert('canvas', 'svg').attr('class', 'edges').attr('aria-hidden', 'true').node()!;
  const ctx = canvas.getContext('2d')!;
  const sparse = n > SPARSE_FROM;

  function fitCanvas(box: { w: number; h: number }): [number, number] {
    const dpr = window.devicePixelRatio || 1;
    const cw = Math.round(box.w * dpr);
    const ch = Math.round(box.h * dpr);
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
      canvas.style.width = `${box.w}px`;
      canvas.style.height = `${box.h}px`;
    }
    return [cw, ch];
  }

  return {
    draw(t, f, g, alpha, sx, sy, box, W) {
      const [cw, ch] = fitCanvas(box);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, cw, ch);
      if (!cw || !ch) return;
      // The SVG's viewBox with preserveAspectRatio "xMidYMid meet", in device pixels.
      const k = Math.min(cw / W, ch / HEIGHT);
      ctx.setTransform(k, 0, 0, k, (cw - W * k) / 2, (ch - HEIGHT * k) / 2);
      ctx.lineCap = 'round';
      const tr = t.trust;
      const at = f * n * n;
      const next = g * n * n;
      for (const l of links) {
        if (!l.on) continue;
        const now = (tr[at + l.a * n + l.b] + tr[at + l.b * n + l.a]) / 2;
        const then = (tr[next + l.a * n + l.b] + tr[next + l.b * n + l.a]) / 2;
        const w = now + (then - now) * alpha;
        // In a big group, middling ties would only be a grey tangle: strong and broken ones are drawn.
        if (sparse && w > BROKEN && w < STRONG) continue;
        ctx.strokeStyle = TRUST_COLOURS[Math.round(w * 100)] ?? TRUST_COLOURS[50];
        ctx.globalAlpha = 0.12 + 0.6 * w;
        ctx.lineWidth = 0.4 + 5.5 * w * w * scale;
        ctx.beginPath();
        ctx.moveTo(sx[l.a], sy[l.a]);
        ctx.lineTo(sx[l.b], sy[l.b]);
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    },
  };
}

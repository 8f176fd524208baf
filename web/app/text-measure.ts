/**
 * Text measured for charts and their exported files: the font stack, a text's width, and lines
 * wrapped to a width. Shared by the chart views and chart-export.ts.
 */

/** The font stack of charts and of their exported files (system fonts only: works offline). */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

let ctx: CanvasRenderingContext2D | null | undefined;
let ctxFont = '';
/** Width of a text in CSS pixels at `px` size, measured on a canvas (no layout is forced). */
export function textWidth(text: string, px = 12, bold = false): number {
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * px * 0.6;
  const font = `${bold ? '600 ' : ''}${px}px ${FONT}`;
  if (font !== ctxFont) ctx.font = ctxFont = font;
  return ctx.measureText(text).width;
}

/** Break a text into lines no wider than `max` pixels, at spaces (a single long word overflows). */
export function wrapText(text: string, max: number, px = 12, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, px, bold) > max) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

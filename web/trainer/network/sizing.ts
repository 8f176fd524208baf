/**
 * How big the network's drawing is on screen, and so how big its words and circles must be drawn
 * for people to read them. Pure: the box's size in pixels in, sizes in drawing units out.
 */

/** The drawing's height in its own units; its width follows the box's shape. */
export const HEIGHT = 420;
export const WIDTH = 640;

/** Type size of the members' numbers and offices, in px on screen: at least this, larger when the drawing is large. */
export const LABEL_PX = { normal: 11, projector: 15 } as const;

export interface Sizing {
  /** The drawing's width in its units. */
  W: number;
  /** Screen pixels per drawing unit ("xMidYMid meet"). */
  k: number;
  /** The members' labels, in drawing units. */
  label: number;
  /** Circle radius factor (1 to 1.8): the radius of a member of commitment c is `grow · scale · (7 + 13c)` units. */
  grow: number;
  /** The row of members who left (their centres), the dashed rule above it, the middle of the area above. */
  leftRow: number;
  rule: number;
  areaY: number;
}

/**
 * The sizes for a box of `w × h` px. `boxed`: the page gives the network a box to fill (a laptop
 * or projector), so the drawing takes the box's shape; otherwise (a phone) the drawing's own shape
 * sets the box's height. `scale` shrinks circles in big groups.
 */
export function sizing(w: number, h: number, boxed: boolean, projector: boolean, scale: number): Sizing {
  const W = boxed && h > 0 && w > 0 ? Math.round(Math.max(480, Math.min(1400, (HEIGHT * w) / h))) : WIDTH;
  const k = w > 0 && h > 0 ? Math.min(w / W, h / HEIGHT) : 1;
  const base = projector ? LABEL_PX.projector : LABEL_PX.normal;
  // A drawing unit may be well under a pixel (side by side, a small screen): the words keep their size in pixels.
  const label = Math.max(base, base / k);
  // Circles grow with the words, but less far: in a very small drawing they would leave the members no room.
  const grow = Math.min(label / base, 1.8);
  const rMax = grow * scale * 20;
  const leftRow = HEIGHT - rMax - 4;
  const rule = leftRow - rMax - 6;
  return { W, k, label, grow, leftRow, rule, areaY: rule / 2 };
}

/**
 * The network's sizes and places (web/trainer/network/sizing.ts, place.ts), pure: the members'
 * words keep their size in pixels however small the drawing (11 px, 15 px on a projector) and
 * grow with a large one; the row of leavers and its rule stay inside the drawing; leavers line
 * up after the row's label and inside the width; the members still in fit the area above.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../web/trainer/network/layout.ts';
import { fit, freshView, place } from '../../web/trainer/network/place.ts';
import { HEIGHT, LABEL_PX, sizing } from '../../web/trainer/network/sizing.ts';

/** Boxes in px: projector side by side at 1024×768 and 1280×720, a laptop, a big screen, a tiny one. */
const BOXES = [[360, 256], [440, 280], [900, 560], [1400, 820], [240, 120]] as const;

describe('network sizing', () => {
  for (const projector of [false, true]) {
    const base = projector ? LABEL_PX.projector : LABEL_PX.normal;
    for (const [w, h] of BOXES) {
      for (const scale of [1, Math.sqrt(12 / 30)]) {
        it(`${w}×${h} px${projector ? ', projector' : ''}, circle scale ${scale.toFixed(2)}: labels of ${base} px or more, rows inside the drawing`, () => {
          const s = sizing(w, h, true, projector, scale);
          const px = s.label * s.k;
          expect(px).toBeGreaterThanOrEqual(base - 1e-9);
          // A large drawing scales its words with it; a small one keeps them at the minimum.
          expect(px).toBeCloseTo(Math.max(base, base * s.k), 9);
          expect(s.grow).toBeGreaterThanOrEqual(1);
          expect(s.grow).toBeLessThanOrEqual(1.8);
          const rMax = s.grow * scale * 20;
          expect(s.leftRow + rMax).toBeLessThanOrEqual(HEIGHT);
          expect(s.rule).toBeLessThan(s.leftRow - rMax);
          expect(s.areaY).toBeCloseTo(s.rule / 2, 9);
          // The drawing takes the box's shape (within bounds), so a drawing unit is the same size across and down.
          expect(s.k).toBeCloseTo(Math.min(w / s.W, h / HEIGHT), 9);
        });
      }
    }
  }

  it('on a phone (no box to fill) the drawing keeps its own shape', () => {
    expect(sizing(390, 0, false, false, 1).W).toBe(640);
    expect(sizing(390, 256, false, false, 1).W).toBe(640);
  });
});

describe('placing the members', () => {
  const nodes = (n: number): Node[] => Array.from({ length: n }, (_, i) => ({ i, x: 200 + 40 * (i % 5), y: 100 + 30 * Math.floor(i / 5) }));

  for (const left of [1, 4, 25]) {
    it(`${left} leaver(s) line up after the label, on the row, inside the width`, () => {
      const n = 30;
      const s = sizing(440, 280, true, true, Math.sqrt(12 / n));
      const gone = Array.from({ length: n }, (_, i) => i < left);
      const all = nodes(n);
      const view = freshView();
      const rowStart = 150;
      const r = 12;
      const sx = new Float64Array(n);
      const sy = new Float64Array(n);
      fit(view, all, gone, s, 40, 30);
      place(view, all, gone, s, rowStart, r, sx, sy);
      const xs = all.filter((d) => gone[d.i]).map((d) => sx[d.i]);
      expect(xs[0] - r).toBeGreaterThanOrEqual(rowStart);
      expect(xs.at(-1)! + r).toBeLessThanOrEqual(s.W - 8 + 1e-9);
      for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeGreaterThan(xs[k - 1]);
      for (const d of all) if (gone[d.i]) expect(sy[d.i]).toBe(s.leftRow);
      // The members still in fill the area above the rule, inside the padding (a fresh view fits at once).
      for (const d of all) {
        if (gone[d.i]) continue;
        expect(sx[d.i]).toBeGreaterThanOrEqual(40 - 1e-6);
        expect(sx[d.i]).toBeLessThanOrEqual(s.W - 40 + 1e-6);
        expect(sy[d.i]).toBeGreaterThanOrEqual(30 - 1e-6);
        expect(sy[d.i]).toBeLessThanOrEqual(s.rule - 30 + 1e-6);
      }
    });
  }
});

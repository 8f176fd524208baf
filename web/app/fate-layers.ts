/**
 * The stacked areas of "what became of the groups": active at the bottom, stagnant above, then
 * dissolved to the top, as [week, y0, y1] from week 0 (every group active when it forms). The
 * top of "active" is the card's "active at the end"; the top of "stagnant" is "not dissolved".
 */
import type { FateData } from './chart-types.ts';

export type Layer = { key: 'active' | 'stagnant' | 'dissolved'; points: [number, number, number][] };

export function fateLayers(d: FateData, weeks: number): Layer[] {
  // No runs yet (shares NaN): nothing to stack.
  const n = Number.isFinite(d.active[0]) ? Math.max(0, Math.min(weeks, d.active.length, d.stagnant.length, d.dissolved.length)) : 0;
  const layers: Layer[] = [
    { key: 'active', points: n ? [[0, 0, 1]] : [] },
    { key: 'stagnant', points: n ? [[0, 1, 1]] : [] },
    { key: 'dissolved', points: n ? [[0, 1, 1]] : [] },
  ];
  for (let t = 0; t < n; t++) {
    const a = d.active[t];
    const s = a + d.stagnant[t];
    layers[0].points.push([t + 1, 0, a]);
    layers[1].points.push([t + 1, a, s]);
    layers[2].points.push([t + 1, s, s + d.dissolved[t]]);
  }
  return layers;
}

import { INDICATOR_KEYS, type Trace } from '../../src/browser.ts';

const K = INDICATOR_KEYS.length;
const STATUS = INDICATOR_KEYS.indexOf('status');
const dissolution = new WeakMap<Trace, number | null>();

/** The frame a run dissolved at (its status turned dissolved), or null if it never did; found once per trace. */
export function dissolvedAt(t: Trace): number | null {
  let at = dissolution.get(t);
  if (at === undefined) {
    at = null;
    for (let f = 0; f < t.frames && at === null; f++) if (t.indicators[f * K + STATUS] === 2) at = f;
    dissolution.set(t, at);
  }
  return at;
}

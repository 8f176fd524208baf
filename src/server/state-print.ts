/**
 * A fingerprint of every bit of a group's state at one moment: each typed array and number field
 * (in name order) and the event log. Two runs whose states print the same at every week are the
 * same run. It only reads the state. The hash is the model's own two FNV-1a lanes
 * (src/model/fingerprint.ts), here over a state rather than a finished run.
 */
import { fnvHasher } from '../model/fingerprint.ts';
import type { Run } from '../model/index.ts';

type State = Run['state'];

export function fingerprintState(st: State): string {
  const h = fnvHasher();
  const number = new Float64Array(1);
  const numberBytes = new Uint8Array(number.buffer);
  const fields = st as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields).sort()) {
    const v = fields[key];
    if (typeof v === 'number') {
      h.text(key);
      number[0] = v;
      h.eat(numberBytes);
    } else if (ArrayBuffer.isView(v)) {
      h.text(key);
      h.eat(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
  }
  const ev = st.events;
  h.text('events');
  h.eat(new Uint8Array(ev.data.buffer, ev.data.byteOffset, ev.count * 5 * 8));
  return h.digest();
}

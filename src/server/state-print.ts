/**
 * A fingerprint of every bit of a group's state at one moment: each typed array and number field
 * (in name order) and the event log. Two runs whose states print the same at every week are the
 * same run. It only reads the state. The hash is the model's own two FNV-1a lanes
 * (src/model/fingerprint.ts), here over a state rather than a finished run.
 */
import type { Run } from '../model/index.ts';

type State = Run['state'];

export function fingerprintState(st: State): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const eat = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x000193cb);
    }
  };
  const text = new TextEncoder();
  const number = new Float64Array(1);
  const numberBytes = new Uint8Array(number.buffer);
  const fields = st as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields).sort()) {
    const v = fields[key];
    if (typeof v === 'number') {
      eat(text.encode(key));
      number[0] = v;
      eat(numberBytes);
    } else if (ArrayBuffer.isView(v)) {
      eat(text.encode(key));
      eat(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
  }
  const ev = st.events;
  eat(text.encode('events'));
  eat(new Uint8Array(ev.data.buffer, ev.data.byteOffset, ev.count * 5 * 8));
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * A fingerprint of every bit of a run: its series, events and outcome. Two runs with the same
 * fingerprint are bit-identical (up to a hash collision), wherever they ran: Node, a Worker or
 * the page. Pure arithmetic (two 32-bit FNV-1a lanes over the bytes), so it gives the same
 * answer in every JavaScript engine.
 */
import type { RunResult } from './simulate.ts';

export function fingerprintRun(r: RunResult): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const eat = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x000193cb);
    }
  };
  const text = new TextEncoder();
  for (const [key, column] of Object.entries(r.series)) {
    eat(text.encode(key));
    eat(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  const ev = r.events.data;
  eat(new Uint8Array(ev.buffer, ev.byteOffset, r.events.count * 5 * 8));
  eat(text.encode(JSON.stringify(r.outcome)));
  eat(text.encode(JSON.stringify(r.members)));
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

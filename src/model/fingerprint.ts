/**
 * A fingerprint of every bit of a run: its series, events and outcome. Two runs with the same
 * fingerprint are bit-identical (up to a hash collision), wherever they ran: Node, a Worker or
 * the page. Pure arithmetic (two 32-bit FNV-1a lanes over the bytes), so it gives the same
 * answer in every JavaScript engine.
 */
import type { RunResult } from './simulate.ts';

/**
 * Two 32-bit FNV-1a lanes over bytes fed in order: `eat` feeds bytes, `text` feeds a string's
 * UTF-8, `digest` gives the 16 hex digits. The fingerprints of a run (here) and of a group's
 * state (src/server/state-print.ts) share it.
 */
export function fnvHasher(): { eat(bytes: Uint8Array): void; text(s: string): void; digest(): string } {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const encoder = new TextEncoder();
  const eat = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x000193cb);
    }
  };
  return {
    eat,
    text: (s) => eat(encoder.encode(s)),
    digest: () => (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0'),
  };
}

export function fingerprintRun(r: RunResult): string {
  const h = fnvHasher();
  for (const [key, column] of Object.entries(r.series)) {
    h.text(key);
    h.eat(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  const ev = r.events.data;
  h.eat(new Uint8Array(ev.buffer, ev.byteOffset, r.events.count * 5 * 8));
  h.text(JSON.stringify(r.outcome));
  h.text(JSON.stringify(r.members));
  return h.digest();
}

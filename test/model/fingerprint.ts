/** A SHA-256 over every bit of a run's series, events and outcome. */
import { createHash } from 'node:crypto';
import type { RunResult } from '../../src/index.ts';

export function fingerprint(r: RunResult): string {
  const h = createHash('sha256');
  for (const [key, column] of Object.entries(r.series)) {
    h.update(key);
    h.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  h.update(new Uint8Array(r.events.data.buffer, r.events.data.byteOffset, r.events.data.byteLength));
  h.update(JSON.stringify(r.outcome));
  h.update(JSON.stringify(r.members));
  return h.digest('hex');
}

/**
 * Batch slots in shared memory (src/runner/slots.ts): a slot is the worker's until the pool frees
 * it, a batch too large for a slot gets none, and the pool refuses to read a slot written again
 * since the batch it was told about.
 */
import { describe, expect, it } from 'vitest';
import { readSlot, SLOT_BYTES, SLOTS, SlotRing } from '../../src/runner/slots.ts';

describe('SlotRing', () => {
  it('hands out each slot once until it is freed, and the pool reads what the worker wrote', () => {
    const ring = new SlotRing();
    const taken = Array.from({ length: SLOTS }, () => ring.take(1000)!);
    expect(taken.map((t) => t.ref.index)).toEqual([...Array(SLOTS).keys()]);
    // Each slot's memory goes with its first batch; the pool keeps it from then on.
    expect(taken.every((t) => t.ref.memory instanceof SharedArrayBuffer)).toBe(true);
    expect(ring.take(1000)).toBeNull();
    taken[2].series.fill(7.5);
    taken[2].bins.fill(3);
    ring.seal(taken[2].ref);
    const read = readSlot(taken[2].ref.memory!, taken[2].ref);
    expect([...read.series.subarray(0, 3)]).toEqual([7.5, 7.5, 7.5]);
    expect(read.bins.every((b) => b === 3)).toBe(true);
    // A slot's series and bins do not overlap.
    expect(read.bins.byteOffset).toBeGreaterThanOrEqual(read.series.byteOffset + read.series.byteLength);
    ring.free(2);
    const again = ring.take(1000)!;
    expect(again.ref.index).toBe(2);
    // Its memory was sent with its first batch: not again.
    expect(again.ref.memory).toBeUndefined();
  });

  it('gives no slot to a batch larger than a slot', () => {
    const ring = new SlotRing();
    expect(ring.take(Math.floor(SLOT_BYTES / 10) + 1)).toBeNull();
    expect(ring.take(Math.floor(SLOT_BYTES / 10))).not.toBeNull();
  });

  it('refuses to read a slot sealed again since the batch the pool was told about', () => {
    const ring = new SlotRing();
    const first = ring.take(10)!;
    const memory = first.ref.memory!;
    ring.seal(first.ref);
    ring.free(first.ref.index);
    const second = ring.take(10)!;
    expect(second.ref.index).toBe(first.ref.index);
    ring.seal(second.ref);
    expect(() => readSlot(memory, first.ref)).toThrow(/slot 0: stamp 2, expected 1/);
    expect(() => readSlot(memory, second.ref)).not.toThrow();
  });
});

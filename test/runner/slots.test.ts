/**
 * Batch slots in shared memory (src/runner/slots.ts): a slot is the worker's until the pool has
 * read it and given it back, a batch too large for a slot gets none, the pool is sent each slot's
 * memory once, and it refuses to read a slot written again since the batch it was told about.
 */
import { describe, expect, it } from 'vitest';
import { clearSlot, readSlot, SLOT_BYTES, SLOTS, SlotRing } from '../../src/runner/slots.ts';

describe('SlotRing', () => {
  it('hands out each slot once until the pool gives it back, and the pool reads what the worker wrote', () => {
    const ring = new SlotRing();
    const taken = Array.from({ length: SLOTS }, () => ring.take(1000)!);
    expect(taken.map((t) => t.ref.index)).toEqual([...Array(SLOTS).keys()]);
    expect(ring.take(1000)).toBeNull();
    taken[2].series.fill(7.5);
    taken[2].bins.fill(3);
    ring.seal(taken[2].ref);
    // The slot's memory goes with the first batch sealed there; the pool keeps it from then on.
    const memory = taken[2].ref.memory!;
    expect(memory).toBeInstanceOf(SharedArrayBuffer);
    const read = readSlot(memory, taken[2].ref);
    expect([...read.series.subarray(0, 3)]).toEqual([7.5, 7.5, 7.5]);
    expect(read.bins.every((b) => b === 3)).toBe(true);
    // A slot's series and bins do not overlap.
    expect(read.bins.byteOffset).toBeGreaterThanOrEqual(read.series.byteOffset + read.series.byteLength);
    // Freed by the worker's bookkeeping but not cleared by the pool: not handed out again.
    ring.free(2);
    expect(ring.take(1000)).toBeNull();
    clearSlot(memory);
    const again = ring.take(1000)!;
    expect(again.ref.index).toBe(2);
    ring.seal(again.ref);
    expect(again.ref.memory).toBeUndefined();
  });

  it('sends a slot\'s memory with the first batch sealed there, even if an earlier batch there failed', () => {
    const ring = new SlotRing();
    const failed = ring.take(10)!;
    // The batch threw: the worker gives the slot straight back, unsealed.
    ring.free(failed.ref.index);
    const next = ring.take(10)!;
    expect(next.ref.index).toBe(failed.ref.index);
    ring.seal(next.ref);
    expect(next.ref.memory).toBeInstanceOf(SharedArrayBuffer);
  });

  it('gives no slot to a batch larger than a slot', () => {
    const ring = new SlotRing();
    expect(ring.take(Math.floor(SLOT_BYTES / 10) + 1)).toBeNull();
    expect(ring.take(Math.floor(SLOT_BYTES / 10))).not.toBeNull();
  });

  it('refuses to read a slot sealed again since the batch the pool was told about', () => {
    const ring = new SlotRing();
    const first = ring.take(10)!;
    ring.seal(first.ref);
    const memory = first.ref.memory!;
    clearSlot(memory);
    ring.free(first.ref.index);
    const second = ring.take(10)!;
    expect(second.ref.index).toBe(first.ref.index);
    ring.seal(second.ref);
    expect(() => readSlot(memory, first.ref)).toThrow(/slot 0: stamp 2, expected 1/);
    expect(() => readSlot(memory, second.ref)).not.toThrow();
  });
});

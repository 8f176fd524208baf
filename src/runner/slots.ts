/**
 * Batch slots in memory a worker shares with the thread that runs its pool: a batch's weekly
 * series and bins are written into a free slot instead of new buffers moved to the pool's thread,
 * and the batch's consumer hands the slot back once it has folded it (RunOptions.recycle). Moved
 * buffers cost both threads garbage collections, and the folding thread's time per batch grew
 * with them (docs/PERFORMANCE.md, "Workers"). With no slot free or large enough, the worker falls
 * back to buffers of its own, moved as before. Shared memory needs a Node worker_thread or a
 * cross-origin isolated page.
 */

/** Whether this thread can share memory with another (SharedArrayBuffer exists here). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

/**
 * Slots a worker may have. The pool keeps at most three batches a worker running or waiting to be
 * handed over, but one worker's finished batches may wait on another's, and a slot comes back a
 * message later: eight cover that. Each slot's memory is made when it is first needed.
 */
export const SLOTS = 8;
/** Bytes of one slot's values: about 380 runs of 156 weeks (10 bytes a week of each of the 28 indicators). */
export const SLOT_BYTES = 16 * 2 ** 20;
/** Before the values: the slot's stamp, an Int32 written atomically after its batch (8 bytes, for alignment). */
const HEADER_BYTES = 8;

/** Where a batch's series and bins are: the slot, the cells (runs × K × H) and a stamp. */
export interface SlotRef {
  index: number;
  cells: number;
  stamp: number;
  /** The slot's shared memory: sent with the first batch written there, then known to the pool. */
  memory?: SharedArrayBuffer;
}

/** The worker's side: takes a slot for a batch, frees it when the pool says. */
export class SlotRing {
  private readonly memories: (SharedArrayBuffer | null)[] = new Array(SLOTS).fill(null);
  private readonly busy = new Array<boolean>(SLOTS).fill(false);
  /** Whether the pool has been sent the slot's memory (with the first batch sealed there). */
  private readonly sent = new Array<boolean>(SLOTS).fill(false);
  private nextStamp = 1;

  /**
   * A free slot's series and bins views for `cells` values, or null if none is free, none is large
   * enough, or its memory cannot be had (the batch then uses buffers of its own). A slot is free
   * once the pool has given it back and cleared its stamp.
   */
  take(cells: number): { ref: SlotRef; series: Float64Array; bins: Uint16Array } | null {
    if (10 * cells > SLOT_BYTES) return null;
    for (let index = 0; index < SLOTS; index++) {
      if (this.busy[index]) continue;
      let memory = this.memories[index];
      if (!memory) {
        try {
          memory = this.memories[index] = new SharedArrayBuffer(HEADER_BYTES + SLOT_BYTES);
        } catch {
          return null;
        }
      }
      // The pool clears the stamp when it is done reading (release): the atomic load orders its
      // reads before the writes to come.
      if (Atomics.load(stampOf(memory), 0) !== 0) continue;
      this.busy[index] = true;
      return { ref: { index, cells, stamp: 0 }, ...views(memory, cells) };
    }
    return null;
  }

  /**
   * The batch in the slot is written: stamp it (an atomic store, read by the pool before the
   * slot), and attach the slot's memory if the pool has not had it yet.
   */
  seal(ref: SlotRef): void {
    const memory = this.memories[ref.index]!;
    ref.stamp = this.nextStamp++;
    Atomics.store(stampOf(memory), 0, ref.stamp);
    if (!this.sent[ref.index]) {
      ref.memory = memory;
      this.sent[ref.index] = true;
    }
  }

  /** The pool is done with the slot (or its batch failed). A slot not taken, or freed twice, is ignored. */
  free(index: number): void {
    if (Number.isInteger(index) && index >= 0 && index < SLOTS) this.busy[index] = false;
  }
}

const stampOf = (memory: SharedArrayBuffer) => new Int32Array(memory, 0, 1);

/** The series and bins views of a slot holding `cells` values. */
function views(memory: SharedArrayBuffer, cells: number): { series: Float64Array; bins: Uint16Array } {
  return { series: new Float64Array(memory, HEADER_BYTES, cells), bins: new Uint16Array(memory, HEADER_BYTES + 8 * cells, cells) };
}

/**
 * The pool's side: the views of a batch's slot, after checking its stamp (the atomic load that
 * makes the worker's writes visible here). Throws if the slot was sealed again since.
 */
export function readSlot(memory: SharedArrayBuffer, ref: SlotRef): { series: Float64Array; bins: Uint16Array } {
  const stamp = Atomics.load(stampOf(memory), 0);
  if (stamp !== ref.stamp) throw new Error(`batch slot ${ref.index}: stamp ${stamp}, expected ${ref.stamp} (written again before it was given back)`);
  return views(memory, ref.cells);
}

/** The pool is done reading the slot: clear its stamp (atomically, before the worker is told). */
export function clearSlot(memory: SharedArrayBuffer): void {
  Atomics.store(stampOf(memory), 0, 0);
}

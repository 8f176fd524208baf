/**
 * The trainer's clock: a position in frames (weeks) that moves at a chosen speed while playing.
 * Pure (no DOM, no timers): the page hands it the time that passed, tests hand it numbers.
 */

/** Speeds on offer, in weeks per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export const DEFAULT_SPEED = 2;

export class Player {
  /** Position in frames: frame `floor(pos)`, `pos − floor(pos)` of the way to the next. */
  pos = 0;
  playing = false;
  speed: number = DEFAULT_SPEED;
  /** The last frame there is (horizon). */
  last: number;
  /** The furthest frame it may reach now (a new trace is on its way beyond it); Infinity if none. */
  hold = Infinity;

  constructor(last: number) {
    this.last = last;
  }

  get frame(): number {
    return Math.floor(this.pos);
  }

  /** The furthest the clock may go now. */
  private get limit(): number {
    return Math.min(this.last, this.hold);
  }

  /**
   * Let `ms` milliseconds pass. Returns the frames newly reached, in order (none when paused).
   * At the end it stops playing.
   */
  advance(ms: number): number[] {
    if (!this.playing || !(ms > 0)) return [];
    const before = this.frame;
    // A long gap (a hidden tab) moves at most one second's worth.
    const next = this.pos + (Math.min(ms, 1000) / 1000) * this.speed;
    const limit = this.limit;
    if (next >= limit) {
      this.pos = limit;
      if (limit === this.last) this.playing = false;
    } else this.pos = next;
    const reached: number[] = [];
    for (let f = before + 1; f <= this.frame; f++) reached.push(f);
    return reached;
  }

  /** Go to a whole frame (clamped). Returns the frames newly reached when going forward. */
  seek(f: number): number[] {
    const before = this.frame;
    this.pos = Math.max(0, Math.min(this.limit, Math.round(f)));
    const reached: number[] = [];
    for (let g = before + 1; g <= this.frame; g++) reached.push(g);
    return reached;
  }

  /** One week forward or back, from the frame on show; stepping pauses. */
  step(by: 1 | -1): number[] {
    this.playing = false;
    return this.seek(this.frame + by);
  }

  /** Play from the start again when at the end. */
  play(): void {
    if (this.frame >= this.last) this.pos = 0;
    this.playing = true;
  }

  /** The next speed up or down the list. */
  faster(dir: 1 | -1): number {
    const k = SPEEDS.findIndex((s) => s >= this.speed);
    const at = k < 0 ? SPEEDS.length - 1 : k;
    this.speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + dir))];
    return this.speed;
  }
}

/**
 * The time left of a long command, from the pace of the runs this process has done.
 *
 * Two things made the old estimate (elapsed × left ÷ done) wrong: a resumed sweep counted the
 * rows it found on disk as done in no time ("about 2 s left" at 38% with 9.5 s to go), and the
 * first batches carry the workers' start-up, so early estimates ran high. So the pace is measured
 * from the end of this process's first batch (start-up behind it) over the runs finished since,
 * and no estimate is given until those are at least `minShare` of this process's runs.
 */
export interface EtaEstimator {
  /**
   * Seconds left, or NaN while there is too little to go on. `done` and `total` count this
   * process's runs only (not rows resumed from an earlier process); `seconds` since any fixed start.
   */
  update(done: number, total: number, seconds: number): number;
}

export function etaEstimator(minShare = 0.05): EtaEstimator {
  let anchor: { done: number; seconds: number } | null = null;
  return {
    update(done, total, seconds) {
      if (done >= total) return 0;
      if (anchor === null) {
        if (done > 0) anchor = { done, seconds };
        return Number.NaN;
      }
      const runs = done - anchor.done;
      const span = seconds - anchor.seconds;
      if (runs < Math.max(1, minShare * total) || span <= 0) return Number.NaN;
      return (span / runs) * (total - done);
    },
  };
}

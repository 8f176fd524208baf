/** The progress line's time left (src/cli/eta.ts, src/cli/common.ts progress()) on a fake clock. */
import { describe, expect, it } from 'vitest';
import { progress, rupiah } from '../../src/cli/common.ts';
import { etaEstimator } from '../../src/cli/eta.ts';

/**
 * A job as the pool reports it: `startup` seconds before the first batch, then `rate` runs a
 * second, progress every `batch` runs. Returns (done, seconds) at each report.
 */
function reports(total: number, startup: number, rate: number, batch: number): [number, number][] {
  const out: [number, number][] = [];
  for (let done = batch; done <= total; done += batch) out.push([done, startup + done / rate]);
  return out;
}

describe('etaEstimator', () => {
  it('gives the time left from the pace since the first batch, not counting the workers\' start-up', () => {
    // 1,000 runs at 100 runs/s after 3 s of worker start-up: the old estimate (elapsed × left ÷
    // done) said 27 + 9 = 36 s left at 10% (3 s of start-up spread over 100 runs); 9 s is true.
    const eta = etaEstimator();
    let at10 = Number.NaN;
    for (const [done, s] of reports(1000, 3, 100, 20)) {
      const left = eta.update(done, 1000, s);
      if (done === 100) at10 = left;
      if (Number.isFinite(left)) expect(left).toBeCloseTo((1000 - done) / 100, 6);
    }
    expect(at10).toBeCloseTo(9, 6);
    const old = (3 + 100 / 100) * (1000 - 100) / 100;
    expect(old).toBeGreaterThan(2 * at10);
  });

  it('says nothing until enough runs have been timed, and 0 when done', () => {
    const eta = etaEstimator(0.05);
    expect(eta.update(0, 1000, 0.5)).toBeNaN();
    expect(eta.update(10, 1000, 1)).toBeNaN(); // the first batch: the start of the timing
    expect(eta.update(40, 1000, 1.3)).toBeNaN(); // 30 runs timed: under 5% of 1,000
    expect(eta.update(60, 1000, 1.5)).toBeCloseTo((0.5 / 50) * 940, 9);
    expect(eta.update(1000, 1000, 9)).toBe(0);
  });
});

describe('progress()', () => {
  function lines(alreadyDone: number, total: number, startup: number, rate: number) {
    const out: string[] = [];
    let t = 0;
    const bar = progress('sweep', { alreadyDone, tty: false, write: (s) => out.push(s), now: () => t * 1000 });
    for (const [done, s] of reports(total - alreadyDone, startup, rate, 10)) {
      t = s;
      bar.update(done, total - alreadyDone);
    }
    return out;
  }

  it('after a resume, counts the resumed rows as done but times only this process\'s runs', () => {
    // 380 of 1,000 runs resumed from disk; the other 620 take 0.5 s to start and then 1/65 s each
    // (9.5 s at 38%, as in the report of the fault: the old line said "about 2 s left").
    const out = lines(380, 1000, 0.5, 65);
    expect(out[0]).toMatch(/^sweep: 390\/1000 runs \(39%\), 0\.7 s elapsed\n$/);
    const at = out.find((l) => l.startsWith('sweep: 500/1000'));
    expect(at).toBeDefined();
    const left = Number(/about (\d+) s left/.exec(at!)![1]);
    // 500 runs to go at 65 runs/s: 7.7 s (the old estimate, with the 380 resumed runs as done in
    // this process's 2.3 s, said 2 s).
    expect(left).toBe(8);
    expect(out.at(-1)).toMatch(/^sweep: 1000\/1000 runs \(100%\)/);
  });
});

describe('rupiah (the command line is in English)', () => {
  it('groups digits with commas, as the English page does', () => {
    expect(rupiah(42_849.4)).toBe('Rp 42,849');
    expect(rupiah(25_000_000)).toBe('Rp 25,000,000');
    expect(rupiah(999)).toBe('Rp 999');
    expect(rupiah(-4_050_000)).toBe('-Rp 4,050,000');
    expect(rupiah(-0.2)).toBe('Rp 0');
  });
});

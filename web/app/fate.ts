/**
 * What became of the groups, week by week: how many runs were active, stagnant or dissolved, and
 * how many members the groups still active had. Outcomes that split in two (a group goes on or it
 * dissolves) make one band over all runs unreadable (half the runs at 0 members, half at 8: the
 * band covers 0–8); shares of the three states and bands among the active groups read right.
 * Folded from each batch's series as the runs stream in; replication order does not matter.
 */
import { BAND_QUANTILES, INDICATORS, STATUS_NAMES } from '../../src/index.ts';
import type { FanBand } from './chart-types.ts';

const K = INDICATORS.length;
const STATUS = INDICATORS.findIndex((d) => d.key === 'status');
const MEMBERS = INDICATORS.findIndex((d) => d.key === 'activeMembers');
const S = STATUS_NAMES.length;

/** Per-week counts of the runs' states and of active groups' members. */
export class FateTally {
  readonly weeks: number;
  readonly maxMembers: number;
  /** Runs added. */
  n = 0;
  /** counts[t * S + s]: runs in state s (STATUS_NAMES order) at the end of week t + 1. */
  readonly counts: Uint32Array;
  /** members[t * (maxMembers + 1) + m]: active groups with m active members in week t + 1. */
  readonly members: Uint32Array;

  constructor(weeks: number, maxMembers: number) {
    this.weeks = weeks;
    this.maxMembers = maxMembers;
    this.counts = new Uint32Array(weeks * S);
    this.members = new Uint32Array(weeks * (maxMembers + 1));
  }

  /** Add `runs` runs' series blocks (K × H each, indicator-major, one after another). */
  add(series: Float64Array, runs: number): void {
    const H = this.weeks;
    const M = this.maxMembers + 1;
    for (let r = 0; r < runs; r++) {
      const base = r * K * H;
      for (let t = 0; t < H; t++) {
        const s = series[base + STATUS * H + t];
        this.counts[t * S + s]++;
        if (s !== 0) continue;
        const m = Math.max(0, Math.min(this.maxMembers, Math.round(series[base + MEMBERS * H + t])));
        this.members[t * M + m]++;
      }
    }
    this.n += runs;
  }
}

/** Shares of runs active, stagnant and dissolved at the end of each week (index t = week t + 1). */
export interface FateShares {
  weeks: number;
  runs: number;
  active: Float64Array;
  stagnant: Float64Array;
  dissolved: Float64Array;
}

export function fateShares(t: FateTally): FateShares {
  const H = t.weeks;
  const out = { weeks: H, runs: t.n, active: new Float64Array(H), stagnant: new Float64Array(H), dissolved: new Float64Array(H) };
  for (let w = 0; w < H; w++) {
    const n = t.counts[w * S] + t.counts[w * S + 1] + t.counts[w * S + 2];
    out.active[w] = n ? t.counts[w * S] / n : Number.NaN;
    out.stagnant[w] = n ? t.counts[w * S + 1] / n : Number.NaN;
    out.dissolved[w] = n ? t.counts[w * S + 2] / n : Number.NaN;
  }
  return out;
}

/**
 * Quantiles 5/25/50/75/95 % of active members among the groups still active each week (type 7,
 * as the ensemble's bands), and how many groups that is; NaN in a week with none active.
 */
export function membersOfActive(t: FateTally): { weeks: number; band: FanBand; groups: Uint32Array } {
  const H = t.weeks;
  const M = t.maxMembers + 1;
  const qs = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => {
    if (!BAND_QUANTILES.includes(p as (typeof BAND_QUANTILES)[number])) throw new Error(`no ${p} quantile`);
    return p;
  });
  const q = qs.map(() => new Float64Array(H));
  const groups = new Uint32Array(H);
  for (let w = 0; w < H; w++) {
    const row = t.members.subarray(w * M, (w + 1) * M);
    const n = row.reduce((a, b) => a + b, 0);
    groups[w] = n;
    // The value of rank i (0-based) in the week's sorted list of member counts.
    const at = (rank: number) => {
      let below = 0;
      for (let m = 0; m < M; m++) {
        below += row[m];
        if (below > rank) return m;
      }
      return M - 1;
    };
    qs.forEach((p, i) => {
      if (!n) return void (q[i][w] = Number.NaN);
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      const vLo = at(lo);
      const vHi = lo + 1 < n ? at(lo + 1) : vLo;
      q[i][w] = vLo + (h - lo) * (vHi - vLo);
    });
  }
  return { weeks: H, band: { q05: q[0], q25: q[1], q50: q[2], q75: q[3], q95: q[4] }, groups };
}

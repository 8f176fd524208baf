/**
 * What became of the groups, week by week: how many runs were active, stagnant or dissolved, and
 * how many members the groups still active had. Outcomes that split in two (a group goes on or it
 * dissolves) make one band over all runs unreadable (half the runs at 0 members, half at 8: the
 * band covers 0–8); shares of the three states and bands among the active groups read right.
 * Folded from each batch's series as the runs stream in; replication order does not matter.
 */
import { BAND_QUANTILES, INDICATORS, STATUS_NAMES } from '../../src/browser.ts';
import type { FanBand } from './chart-types.ts';

const K = INDICATORS.length;
const STATUS = INDICATORS.findIndex((d) => d.key === 'status');
const S = STATUS_NAMES.length;

/** How one indicator's values are counted: into `bins` bins, each standing for one value. */
interface Binning {
  bins: number;
  bin(v: number): number;
  value(b: number): number;
}

const SHARE_BINS = 200;
// Rupiah: 0 (or less) in bin 0, then bins 3% wide from Rp 1,000 up (quantiles within ~1.5%).
const RP_STEP = Math.log(1.03);
const RP_BINS = 1 + Math.ceil(Math.log(1e12 / 1e3) / RP_STEP);

function binningOf(key: string, maxMembers: number): Binning {
  if (key === 'activeMembers') return { bins: maxMembers + 1, bin: (v) => Math.max(0, Math.min(maxMembers, Math.round(v))), value: (b) => b };
  if (key === 'capital') {
    return {
      bins: RP_BINS,
      bin: (v) => (v < 1e3 ? 0 : Math.min(RP_BINS - 1, 1 + Math.floor(Math.log(v / 1e3) / RP_STEP))),
      value: (b) => (b === 0 ? 0 : 1e3 * Math.exp((b - 0.5) * RP_STEP)),
    };
  }
  return { bins: SHARE_BINS, bin: (v) => Math.max(0, Math.min(SHARE_BINS - 1, Math.floor(v * SHARE_BINS))), value: (b) => (b + 0.5) / SHARE_BINS };
}

/** The indicators whose bands are drawn among the groups still active. */
export const AMONG_ACTIVE = ['activeMembers', 'capital', 'cohesion'] as const;
export type AmongActive = (typeof AMONG_ACTIVE)[number];

/** Per-week counts of the runs' states, and of the values of a few indicators among active groups. */
export class FateTally {
  readonly weeks: number;
  /** Runs added. */
  n = 0;
  /** counts[t * S + s]: runs in state s (STATUS_NAMES order) at the end of week t + 1. */
  readonly counts: Uint32Array;
  /** Per indicator: histogram[t * bins + b] of the active groups' values in week t + 1. */
  readonly among: Map<AmongActive, { k: number; binning: Binning; histogram: Uint32Array }>;

  constructor(weeks: number, maxMembers: number) {
    this.weeks = weeks;
    this.counts = new Uint32Array(weeks * S);
    this.among = new Map(AMONG_ACTIVE.map((key) => {
      const binning = binningOf(key, maxMembers);
      return [key, { k: INDICATORS.findIndex((d) => d.key === key), binning, histogram: new Uint32Array(weeks * binning.bins) }];
    }));
  }

  /** Add `runs` runs' series blocks (K × H each, indicator-major, one after another). */
  add(series: Float64Array, runs: number): void {
    const H = this.weeks;
    const among = [...this.among.values()];
    for (let r = 0; r < runs; r++) {
      const base = r * K * H;
      for (let t = 0; t < H; t++) {
        const s = series[base + STATUS * H + t];
        this.counts[t * S + s]++;
        if (s !== 0) continue;
        for (const a of among) a.histogram[t * a.binning.bins + a.binning.bin(series[base + a.k * H + t])]++;
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

const QS = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => {
  if (!BAND_QUANTILES.includes(p as (typeof BAND_QUANTILES)[number])) throw new Error(`the bands have no ${p} quantile`);
  return p;
});

/**
 * Quantiles 5/25/50/75/95 % of an indicator among the groups still active each week (type 7 over
 * the bins' values, as the ensemble's bands), and how many groups that is; NaN in a week with none.
 */
export function bandAmongActive(t: FateTally, key: AmongActive): { weeks: number; band: FanBand; groups: Uint32Array } {
  const H = t.weeks;
  const { binning, histogram } = t.among.get(key)!;
  const B = binning.bins;
  const q = QS.map(() => new Float64Array(H));
  const groups = new Uint32Array(H);
  for (let w = 0; w < H; w++) {
    const row = histogram.subarray(w * B, (w + 1) * B);
    let n = 0;
    for (let b = 0; b < B; b++) n += row[b];
    groups[w] = n;
    // The value of rank i (0-based) in the week's sorted values.
    const at = (rank: number) => {
      let below = 0;
      for (let b = 0; b < B; b++) {
        below += row[b];
        if (below > rank) return binning.value(b);
      }
      return binning.value(B - 1);
    };
    QS.forEach((p, i) => {
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


/**
 * Per-week quantile bands of every indicator, streamed: each (indicator, week) cell keeps a
 * histogram of counts, never the values. Shares in [0, 1] use 500 equal bins (error under
 * 0.001 after interpolation), head counts and the status are exact integers, and rupiah use
 * logarithmic bins 3% wide up to Rp 100 billion (quantiles within about 1.5%). Counts add, so the
 * result does not depend on the order or the batching of the runs.
 */
import { exp, log } from '../model/detmath.ts';
import { INDICATORS, parameterTable } from '../model/index.ts';

/** The quantiles reported, as fractions. */
export const BAND_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

interface Binning {
  kind: 'share' | 'integer' | 'rupiah';
  bins: number;
  /** A representative value of bin b (its midpoint, or the integer itself). */
  value(b: number): number;
}

const SHARE_BINS = 500;
const share: Binning = { kind: 'share', bins: SHARE_BINS, value: (b) => (b + 0.5) / SHARE_BINS };

const integers = (max: number): Binning => ({ kind: 'integer', bins: max + 1, value: (b) => b });

// Rupiah: bin = sign × (1 + floor(ln(1 + |v| / 100) / 0.03)); the middle bin holds exact zeros.
// detmath's log and exp, not Math's: bins must fall the same way in Node and every browser. The
// bin of a value is found by binary search among the precomputed edges (exact comparisons).
const RP_UNIT = 100;
const RP_STEP = 0.03;
const RP_HALF = Math.ceil(log(1 + 1e11 / RP_UNIT) / RP_STEP) + 1;
/** RP_EDGES[k] is the smallest |v| of magnitude bin k + 1 (k ≥ 0). */
const RP_EDGES = Float64Array.from({ length: RP_HALF - 1 }, (_, k) => RP_UNIT * (exp(k * RP_STEP) - 1));
const rupiah: Binning = {
  kind: 'rupiah',
  bins: 2 * RP_HALF + 1,
  value(b) {
    if (b === RP_HALF) return 0;
    const k = Math.abs(b - RP_HALF) - 1;
    const mag = RP_UNIT * (exp((k + 0.5) * RP_STEP) - 1);
    return b > RP_HALF ? mag : -mag;
  },
};

/** Magnitude bin of |v| > 0: 1 + the number of edges above 0 that |v| reaches. */
function rupiahBin(v: number): number {
  const a = v < 0 ? -v : v;
  let lo = 0;
  let hi = RP_EDGES.length; // invariant: RP_EDGES[lo] <= a (edge 0 is 0), answer in [lo, hi)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (RP_EDGES[mid] <= a) lo = mid;
    else hi = mid;
  }
  const k = lo + 1;
  return v > 0 ? RP_HALF + k : RP_HALF - k;
}

// Head counts are binned exactly up to the largest group the schema allows.
const MAX_MEMBERS = parameterTable().find((p) => p.path === 'group.size')?.max ?? 30;

function binningOf(unit: string): Binning {
  if (unit === 'Rp') return rupiah;
  if (unit === 'families') return integers(MAX_MEMBERS);
  if (unit.startsWith('0 active')) return integers(2);
  return share; // '0–1', 'yes/no'
}

const BINNINGS: readonly Binning[] = INDICATORS.map((d) => binningOf(d.unit));

/**
 * The bin of every value of one run's series block (K × H, indicator-major) into `out` at
 * `outOffset`. Workers do this beside the simulation, so the thread that folds the runs into the
 * bands only counts.
 */
export function binRun(block: Float64Array, offset: number, H: number, out: Uint16Array, outOffset: number): void {
  for (let k = 0; k < BINNINGS.length; k++) {
    const bin = BINNINGS[k];
    const base = offset + k * H;
    const o = outOffset + k * H;
    // One loop per kind of binning: this runs 4,000-odd times a replication.
    if (bin.kind === 'share') {
      for (let t = 0; t < H; t++) {
        const v = block[base + t];
        out[o + t] = v <= 0 ? 0 : v >= 1 ? SHARE_BINS - 1 : Math.floor(v * SHARE_BINS);
      }
    } else if (bin.kind === 'integer') {
      const max = bin.bins - 1;
      for (let t = 0; t < H; t++) {
        const v = block[base + t];
        out[o + t] = v <= 0 ? 0 : v >= max ? max : Math.round(v);
      }
    } else {
      for (let t = 0; t < H; t++) {
        const v = block[base + t];
        out[o + t] = v === 0 ? RP_HALF : rupiahBin(v);
      }
    }
  }
}

/** Quantile bands of one indicator: `q[i][t]` is quantile BAND_QUANTILES[i] at week t; `mean[t]`. */
export interface Band {
  key: string;
  q: Float64Array[];
  mean: Float64Array;
}

/** Histograms of every indicator at every week, fed one run's series block (K × H) at a time. */
export class BandSketch {
  readonly weeks: number;
  runs = 0;
  private readonly binnings = BINNINGS;
  private readonly counts: Uint32Array[];
  private readonly sums: Float64Array[];
  private scratch: Uint16Array | null = null;

  constructor(weeks: number) {
    this.weeks = weeks;
    this.counts = this.binnings.map((b) => new Uint32Array(b.bins * weeks));
    this.sums = INDICATORS.map(() => new Float64Array(weeks));
  }

  /**
   * Add one run: `block[offset + k * H + t]` is indicator k at week t; `bins`, if given, holds
   * their bins as {@link binRun} computes them (at `binOffset`), else they are computed here.
   */
  add(block: Float64Array, offset: number, bins?: Uint16Array | null, binOffset = 0): void {
    const H = this.weeks;
    if (!bins) {
      bins = this.scratch ??= new Uint16Array(this.binnings.length * H);
      binRun(block, offset, H, bins, 0);
      binOffset = 0;
    }
    for (let k = 0; k < this.binnings.length; k++) {
      const B = this.binnings[k].bins;
      const c = this.counts[k];
      const sum = this.sums[k];
      const base = offset + k * H;
      const b = binOffset + k * H;
      for (let t = 0; t < H; t++) {
        c[t * B + bins[b + t]]++;
        sum[t] += block[base + t];
      }
    }
    this.runs++;
  }

  /** The bands of indicator k (type-7 quantiles over the bins' representative values). */
  band(k: number): Band {
    const bin = this.binnings[k];
    const n = this.runs;
    const q = BAND_QUANTILES.map(() => new Float64Array(this.weeks));
    const mean = new Float64Array(this.weeks);
    if (n === 0) return { key: INDICATORS[k].key, q, mean };
    const c = this.counts[k];
    for (let t = 0; t < this.weeks; t++) {
      const row = t * bin.bins;
      mean[t] = this.sums[k][t] / n;
      // Walk the cumulative counts once for all quantiles (they are increasing).
      let b = 0;
      let below = 0; // runs in bins before b
      const at = (rank: number) => {
        while (below + c[row + b] <= rank) below += c[row + b++];
        return bin.value(b);
      };
      for (let i = 0; i < BAND_QUANTILES.length; i++) {
        const h = (n - 1) * BAND_QUANTILES[i];
        const lo = Math.floor(h);
        const vLo = at(lo);
        const vHi = lo + 1 < n ? at(lo + 1) : vLo;
        q[i][t] = vLo + (h - lo) * (vHi - vLo);
      }
    }
    return { key: INDICATORS[k].key, q, mean };
  }
}

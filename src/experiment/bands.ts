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

/** Runs per tile in {@link BandSketch.add} (32 measured fastest: 2× run by run). */
const TILE = 32;

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
  /** The lowest bin used, per indicator and week (where the quantile walk starts). */
  private readonly low: Uint16Array[];

  constructor(weeks: number) {
    this.weeks = weeks;
    this.counts = this.binnings.map((b) => new Uint32Array(b.bins * weeks));
    this.sums = INDICATORS.map(() => new Float64Array(weeks));
    this.low = this.binnings.map((b) => new Uint16Array(weeks).fill(b.bins - 1));
  }

  /**
   * Add `runs` runs: `block` holds their series blocks (K × H each, one after another), `bins`
   * their bins ({@link binRun}; workers compute them), or null to bin them here. Each cell's sum
   * takes the runs in run order, so any split of the runs into calls gives the same bits.
   */
  add(block: Float64Array, bins: Uint16Array | null, runs: number): void {
    const H = this.weeks;
    const KH = this.binnings.length * H;
    if (!bins) {
      bins = new Uint16Array(runs * KH);
      for (let r = 0; r < runs; r++) binRun(block, r * KH, H, bins, r * KH);
    }
    // Tiles of TILE runs: enough that a histogram row serves several runs while it is in cache,
    // few enough that the runs' blocks (KH values apart) do not thrash the cache and the TLB.
    for (let r0 = 0; r0 < runs; r0 += TILE) {
      const r1 = Math.min(runs, r0 + TILE);
      for (let k = 0; k < this.binnings.length; k++) {
        const B = this.binnings[k].bins;
        const c = this.counts[k];
        const sum = this.sums[k];
        const low = this.low[k];
        for (let t = 0; t < H; t++) {
          const row = t * B;
          let total = sum[t];
          let first = low[t];
          for (let i = r0 * KH + k * H + t, r = r0; r < r1; r++, i += KH) {
            const b = bins[i];
            c[row + b]++;
            if (b < first) first = b;
            total += block[i];
          }
          sum[t] = total;
          low[t] = first;
        }
      }
    }
    this.runs += runs;
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
      // Walk the cumulative counts once for all quantiles (they are increasing), from the lowest
      // bin any run fell in (rupiah have 1,383 bins; most are empty).
      let b = this.low[k][t];
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

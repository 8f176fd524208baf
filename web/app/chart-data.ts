/**
 * Chart data from experiment summaries: pure functions, no DOM. Each returns exactly what one of
 * the chart views (web/views) draws, so the views never see an EnsembleSummary and these can be
 * tested in Node on a real ensemble.
 */
import { BAND_QUANTILES, ELEMENT_KEYS, type Comparison, type EnsembleSummary, type Estimate } from '../../src/browser.ts';
import type { DiffRow, FanBand, RadarAxis, RadarSeries, RadarStyle, SurvivalCurveData, SweepPoint } from './chart-types.ts';

const Q = (p: number) => {
  const i = BAND_QUANTILES.indexOf(p as (typeof BAND_QUANTILES)[number]);
  if (i < 0) throw new Error(`the bands have no ${p} quantile`);
  return i;
};
const [I05, I25, I50, I75, I95] = [0.05, 0.25, 0.5, 0.75, 0.95].map(Q);

/**
 * The fan of one indicator (key as in INDICATORS): its weekly quantiles 5/25/50/75/95 %. Null when
 * the summary has no bands (runs without series) or no such indicator.
 */
export function fanData(summary: EnsembleSummary, indicatorKey: string): { weeks: number; band: FanBand } | null {
  const b = summary.bands.find((d) => d.key === indicatorKey);
  if (!b) return null;
  return { weeks: summary.weeks, band: { q05: b.q[I05], q25: b.q[I25], q50: b.q[I50], q75: b.q[I75], q95: b.q[I95] } };
}

/** The survival curve (share not dissolved at the end of each week) with its 95% band. */
export function survivalData(summary: EnsembleSummary): { weeks: number; curve: SurvivalCurveData } {
  const s = summary.survival;
  return { weeks: summary.weeks, curve: { surviving: s.surviving, lo: s.lo, hi: s.hi } };
}

/** The nine elements as radar axes, labelled by the caller (in the page's language). */
export function radarAxes(label: (key: string) => string): RadarAxis[] {
  return ELEMENT_KEYS.map((key) => ({ key, label: label(key) }));
}

/**
 * The nine elements of an ensemble (each run's element averaged over the weeks its group existed,
 * then over the runs) as one radar series, with their 95% intervals cut to [0, 1].
 */
export function radarSeries(summary: EnsembleSummary, name = '', style: RadarStyle = 'result'): RadarSeries & { values: number[]; ci: [number, number][] } {
  const est = ELEMENT_KEYS.map((k) => summary.outcomes[`${k}Mean`] as Estimate | undefined);
  const cut = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : v);
  return {
    name,
    style,
    values: est.map((e) => (e ? e.mean : Number.NaN)),
    ci: est.map((e): [number, number] => (e ? [cut(e.ci[0]), cut(e.ci[1])] : [Number.NaN, Number.NaN])),
  };
}

/** Sweep points from the estimates at each value of the parameter swept, in order of x. */
export function sweepPoints(at: readonly { x: number; estimate: Estimate }[]): SweepPoint[] {
  return at.map(({ x, estimate: e }) => ({ x, mean: e.mean, lo: e.ci[0], hi: e.ci[1] })).sort((a, b) => a.x - b.x);
}

/** What the caller says about one outcome of a comparison: its name and how to write it. */
export interface DiffKey {
  key: string;
  label: string;
  /** Formats a difference, with its sign. */
  format: (v: number) => string;
  /** The text at the right from P(B better), e.g. p => `P(B better) = ${Math.round(p * 100)}%`. */
  pText: (p: number) => string;
}

/**
 * Forest-plot rows of a paired comparison, B − A, in the order of `keys`; an outcome the
 * comparison does not have (cost per surviving group when a side has no survivor) is left out.
 */
export function diffRows(comparison: Comparison, keys: readonly DiffKey[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const k of keys) {
    const d = comparison.differences.find((x) => x.key === k.key);
    if (!d) continue;
    rows.push({
      key: k.key,
      label: k.label,
      diff: d.diff.mean,
      lo: d.diff.ci[0],
      hi: d.diff.ci[1],
      pBetter: d.pBetter,
      better: d.better,
      format: k.format,
      pText: k.pText(d.pBetter),
    });
  }
  return rows;
}

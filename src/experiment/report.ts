/**
 * The machine-readable forms of results, shared by the CLI's files and the web app's exports so
 * that `kube-sim ensemble --json` and the app's JSON download say the same thing in the same
 * words: headline outcomes `{ mean, ci }`, per-run field means, causes, the survival curve and the
 * per-week bands. Also the canonical JSON that scenario hashes are taken of.
 */
import { INDICATORS } from '../model/index.ts';
import type { EnsembleSummary, Headline } from './ensemble.ts';
import type { Estimate } from './stats.ts';

const est = (e: Estimate | null) => (e ? { mean: e.mean, ci: e.ci } : null);

/** The headline outcomes as JSON: `{ mean, ci }` each, or null (see Headline). */
export function headlineJson(h: Headline) {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, est(v as Estimate | null)])) as Record<keyof Headline, { mean: number; ci: [number, number] } | null>;
}

/** The stable machine-readable summary (keys documented in README and docs/EXPERIMENTS.md). */
export function jsonSummary(s: EnsembleSummary) {
  return {
    horizonWeeks: s.weeks,
    outcomes: headlineJson(s.headline),
    perRun: Object.fromEntries(Object.entries(s.outcomes).map(([k, v]) => [k, est(v)])),
    causes: s.causes,
    survivalCurve: { week: Array.from({ length: s.weeks }, (_, t) => t + 1), surviving: Array.from(s.survival.surviving), lo: Array.from(s.survival.lo), hi: Array.from(s.survival.hi) },
  };
}

/** Per-week quantile bands of every indicator, as JSON arrays. */
export function bandsJson(s: EnsembleSummary) {
  return s.bands.map((b) => ({
    key: b.key,
    unit: INDICATORS.find((d) => d.key === b.key)!.unit,
    mean: Array.from(b.mean),
    q05: Array.from(b.q[0]),
    q25: Array.from(b.q[1]),
    q50: Array.from(b.q[2]),
    q75: Array.from(b.q[3]),
    q95: Array.from(b.q[4]),
  }));
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A pinned result A against the current result B, paired by replication: replication r of both
 * drew the same luck when they share the seed (common random numbers), so each pair's difference
 * is the package's doing. Pure: the page and the tests call the same functions.
 */
import { F, INDICATORS, PairedComparison, type Comparison, type Difference, type Estimate } from '../../src/browser.ts';
import { DICTS, formats, type Lang } from './i18n.ts';
import type { EnsembleRun } from './session.ts';

/** Pair the first n replications of A and B (n = the fewer finished runs). */
export function pairRuns(a: EnsembleRun, b: EnsembleRun): Comparison & { sameSeed: boolean; paired: number } {
  const n = Math.min(a.done, b.done);
  const cmp = new PairedComparison(a.scenario, b.scenario);
  const rows = new Float64Array(2 * n * F);
  for (let r = 0; r < n; r++) {
    rows.set(a.rows.subarray(r * F, (r + 1) * F), 2 * r * F);
    rows.set(b.rows.subarray(r * F, (r + 1) * F), (2 * r + 1) * F);
  }
  cmp.add(rows);
  return { ...cmp.summary(b.settings.seed), sameSeed: a.settings.seed === b.settings.seed, paired: n };
}

/** The outcomes the comparison shows first, in this order (the rest are under "all outcomes"). */
export const MAIN_OUTCOMES = ['survived', 'memberIncomeMonthly', 'costPerSurvivingGroup', 'activeMembersFinal', 'capitalFinal', 'exitsPerMember', 'misuseCommitted', 'cohesionMean', 'interventionCost'];

const RUPIAH = new Set(['capitalFinal', 'iksFundFinal', 'memberIncomeMonthly', 'memberIncomeTotal', 'businessProfitMonthly', 'interventionCost', 'costPerSurvivingGroup']);

/** An outcome's name in the page's language (element averages are named by their element). */
export function outcomeName(key: string, lang: Lang): string {
  const d = DICTS[lang];
  if (d.outcomes[key]) return d.outcomes[key];
  const el = INDICATORS.find((i) => `${i.key}Mean` === key);
  return el ? el.text[lang] : key;
}

/** How an outcome's numbers are written. */
export function outcomeFormat(key: string, lang: Lang): (v: number) => string {
  const f = formats(lang);
  if (key === 'survived') return (v) => f.pct(v, 1);
  if (RUPIAH.has(key)) return f.rupiah;
  return (v) => f.num(v, key.endsWith('Mean') ? 3 : 2);
}

/**
 * A chance as a percentage, never a flat 0% or 100%: a normal approximation cannot be that sure,
 * and planners read 100% as certainty.
 */
export function chanceText(p: number, lang: Lang): string {
  const f = formats(lang);
  if (p > 0.99) return `>${f.pct(0.99, 0)}`;
  if (p < 0.01) return `<${f.pct(0.01, 0)}`;
  return f.pct(p, 0);
}

/** A difference's verdict: B better or worse when its whole interval says so, else unclear. */
export function verdict(d: Difference): 'b' | 'a' | 'unclear' {
  const [lo, hi] = d.diff.ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 'unclear';
  if (lo * d.better > 0 && hi * d.better > 0) return 'b';
  if (lo * d.better < 0 && hi * d.better < 0) return 'a';
  return 'unclear';
}

export interface CompareRow {
  key: string;
  name: string;
  a: string;
  b: string;
  diff: string;
  interval: string;
  pBetter: string;
  verdict: 'b' | 'a' | 'unclear';
  d: Difference;
}

/** The comparison as rows of text, main outcomes first. */
export function compareRows(c: Comparison, lang: Lang): CompareRow[] {
  const f = formats(lang);
  const order = (k: string) => (MAIN_OUTCOMES.includes(k) ? MAIN_OUTCOMES.indexOf(k) : MAIN_OUTCOMES.length);
  return [...c.differences]
    .sort((x, y) => order(x.key) - order(y.key))
    .map((d) => {
      const g = outcomeFormat(d.key, lang);
      const est = (e: Estimate) => g(e.mean);
      const diffFormat = d.key === 'survived' ? (v: number) => `${f.num(100 * v, 1)} pp` : g;
      return {
        key: d.key,
        name: outcomeName(d.key, lang),
        a: est(d.a),
        b: est(d.b),
        diff: f.signed(d.diff.mean, diffFormat),
        interval: Number.isFinite(d.diff.ci[0]) ? `${f.signed(d.diff.ci[0], diffFormat)} … ${f.signed(d.diff.ci[1], diffFormat)}` : '',
        pBetter: chanceText(d.pBetter, lang),
        verdict: verdict(d),
        d,
      };
    });
}

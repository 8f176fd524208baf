/**
 * What each chart of the results draws, from the run on show and a pinned A: pure, so the page's
 * charts can be checked against the runs without drawing them.
 */
import { INDICATORS } from '../../src/browser.ts';
import type { FanBand, FateData, RadarSeries } from './chart-types.ts';
import { fanData, radarAxes, radarSeries } from './chart-data.ts';
import { AMONG_ACTIVE, bandAmongActive, fateShares, type AmongActive } from './fate.ts';
import type { Lang } from './i18n.ts';
import type { PageState } from './store.ts';
import { summaryOf, FAN_KEYS } from './summaries.ts';
import type { EnsembleRun } from './session.ts';
import type { EnsembleSummary } from '../../src/browser.ts';

export interface ResultCharts {
  summary: EnsembleSummary;
  pinned: EnsembleSummary | null;
  fate: FateData & { runs: number };
  pinnedFate: FateData | null;
  /** Bands among the groups still active each week, with how many there were at the end. */
  amongActive: { key: AmongActive; band: FanBand; groupsAtEnd: number; pinned: FanBand | null }[];
  /** Bands over all runs. */
  fans: { key: (typeof FAN_KEYS)[number]; band: FanBand; pinned: FanBand | null }[];
  radar: { axes: { key: string; label: string }[]; series: (RadarSeries & { values: number[] })[] };
}

/** The charts of `run`, with `pinned` (A) beside it when it is another run. */
export function resultCharts(run: EnsembleRun, state: Pick<PageState, 'pinned' | 'references'>, lang: Lang, names: { result: string; cempaka: string; tulip: string; pinned: string }): ResultCharts {
  const s = summaryOf(run);
  const a = state.pinned && state.pinned !== run ? state.pinned : null;
  const ps = a ? summaryOf(a) : null;
  const series = [radarSeries(s, names.result, 'result')];
  if (state.references) {
    series.push(radarSeries(state.references.cempaka, names.cempaka, 'reference-good'));
    series.push(radarSeries(state.references.tulip, names.tulip, 'reference-bad'));
  }
  if (ps) series.push(radarSeries(ps, names.pinned, 'pinned'));
  return {
    summary: s,
    pinned: ps,
    fate: fateShares(run.fate),
    pinnedFate: a ? fateShares(a.fate) : null,
    amongActive: AMONG_ACTIVE.map((key) => {
      const b = bandAmongActive(run.fate, key);
      return { key, band: b.band, groupsAtEnd: b.groups[b.groups.length - 1] ?? 0, pinned: a ? bandAmongActive(a.fate, key).band : null };
    }),
    fans: FAN_KEYS.flatMap((key) => {
      const d = fanData(s, key);
      return d ? [{ key, band: d.band, pinned: ps ? fanData(ps, key)?.band ?? null : null }] : [];
    }),
    radar: { axes: radarAxes((k) => INDICATORS.find((i) => i.key === k)!.text[lang]), series },
  };
}

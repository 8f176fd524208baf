/**
 * The shapes of what each chart view draws: chart-data.ts makes them from summaries, the views
 * (web/views) draw them. They live here so that web/app never imports web/views.
 */

/** Per-week quantiles 5/25/50/75/95 % (index t = week t + 1). */
export interface FanBand {
  q05: ArrayLike<number>;
  q25: ArrayLike<number>;
  q50: ArrayLike<number>;
  q75: ArrayLike<number>;
  q95: ArrayLike<number>;
}

/** Shares in [0, 1] at the end of each week (index t = week t + 1), with the 95% band. */
export interface SurvivalCurveData {
  surviving: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
}

export interface RadarAxis {
  key: string;
  label: string;
}

/** 'result' is the current ensemble; the references are Cempaka (good) and Tulip (bad). */
export type RadarStyle = 'result' | 'reference-good' | 'reference-bad' | 'pinned';

export interface RadarSeries {
  name: string;
  /** One value in [0, 1] per axis, in the axes' order. */
  values: ArrayLike<number>;
  /** 95% interval per axis (drawn for the result only). */
  ci?: ArrayLike<readonly [number, number]> | null;
  style: RadarStyle;
}

/** The outcome's mean and 95% interval at parameter value x. */
export interface SweepPoint {
  x: number;
  mean: number;
  lo: number;
  hi: number;
}

export interface DiffRow {
  /** Stable name of the outcome (written as data-key on the row). */
  key?: string;
  label: string;
  /** Mean of B − A, with its 95% interval (±Infinity or NaN: no interval yet). */
  diff: number;
  lo: number;
  hi: number;
  /** Chance that B is better, 0–1 (carried for the caller; the shown text is `pText`). */
  pBetter: number;
  /** +1 if more is better, −1 if less is better. */
  better: 1 | -1;
  /** Formats a difference, with its sign, e.g. "+Rp 120.000". */
  format: (v: number) => string;
  /** The text at the right, e.g. "P(B better) = 83%". */
  pText: string;
}

/** Shares of runs in each state at the end of each week (index t = week t + 1), summing to 1. */
export interface FateData {
  active: ArrayLike<number>;
  stagnant: ArrayLike<number>;
  dissolved: ArrayLike<number>;
}

/** Tidy CSV: RFC 4180 quoting, numbers written exactly as JavaScript prints them (round-trip safe). */
import { fieldText, RUN_FIELD_KEYS } from '../experiment/outcomes.ts';
import { INDICATORS, STATUS_NAMES } from '../model/index.ts';

/** One CSV field: quoted when it holds a comma, quote, or line break. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (without the line break). */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return values.map(csvField).join(',');
}

/**
 * The cells of week t (0-based index) of one run's series block (K × H, indicator-major) for a
 * tidy weekly CSV: the status by name, and no value (an empty cell, not a zero) for what a
 * dissolved group no longer has (trust, the elements, the weekly flows) after the week it
 * dissolved, `endIndex`; cumulative quantities carry on. `endIndex` is H when it never dissolved.
 */
export function weekCells(block: Float64Array, offset: number, H: number, t: number, endIndex: number): (string | number)[] {
  return INDICATORS.map((d, k) => {
    const v = block[offset + k * H + t];
    if (d.key === 'status') return STATUS_NAMES[v] ?? '';
    return t > endIndex && !d.keepsAfterEnd ? '' : v;
  });
}

/** The header of a runs CSV (`ensemble --runs`, the web app's runs export). */
export const RUNS_CSV_HEADER = csvLine(['replication', 'seed', ...RUN_FIELD_KEYS]);

/** One run's line of a runs CSV: its replication, the seed, then its row's fields (F numbers at `offset`). */
export function runCsvLine(rows: Float64Array, offset: number, replication: number, seed: number): string {
  return csvLine([replication, seed, ...RUN_FIELD_KEYS.map((_, k) => fieldText(k, rows[offset + k]))]);
}



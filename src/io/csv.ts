/** Tidy CSV: RFC 4180 quoting, numbers written exactly as JavaScript prints them (round-trip safe). */

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

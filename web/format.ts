/**
 * Number formats in Indonesian style ("Rp 25.000.000", "0,52"). Pure functions: the e2e test
 * formats Node's results with these same functions and compares them with the page.
 */
import { formatLocale } from 'd3';
import { STRINGS } from './strings.ts';

// d3-format's id-ID locale, written out so the page needs no locale file.
const id = formatLocale({ decimal: ',', thousands: '.', grouping: [3], currency: ['Rp', ''] });
const whole = id.format(',.0f');
const short = id.format(',.3~r');
const two = id.format('.2f');

/** A sum in full: "Rp 25.000.000"; negative sums as "−Rp 1.500". */
export function rupiah(v: number): string {
  const s = whole(Math.abs(v));
  return `${v < 0 && s !== '0' ? '−' : ''}Rp ${s}`;
}

/** A sum for an axis tick: "Rp 25 jt", "Rp 12,5 jt", "Rp 800 rb". */
export function rupiahShort(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (a >= 1e6) return `${sign}Rp ${short(a / 1e6)} ${STRINGS.units.million}`;
  if (a >= 1e3) return `${sign}Rp ${short(a / 1e3)} ${STRINGS.units.thousand}`;
  return `${sign}Rp ${whole(a)}`;
}

/** A 0–1 index with two decimals: "0,52". */
export function index01(v: number): string {
  return two(v);
}

/** A count: "1.234". */
export function count(v: number): string {
  return whole(v);
}

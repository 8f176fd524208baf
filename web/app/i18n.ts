/**
 * Every word the app shows, in English and Bahasa Indonesia, and the number formats of each
 * language (Indonesian: "Rp 25.000.000", "0,52", "83,5%"). `Dict` is the English dictionary's
 * shape, so a key missing from the Indonesian one is a type error; test/web/i18n.test.ts checks
 * the rest (no empty text, no English left untranslated). Parameter meanings come from the
 * scenario schema's own `{ en, id }` texts, indicator names from the model's.
 */
import { formatLocale } from 'd3';
import type { BusinessType, DissolutionCause, ParamText, StatusName } from '../../src/browser.ts';
import { en } from './lang-en.ts';
import { id } from './lang-id.ts';

export const LANGS = ['en', 'id'] as const;
export type Lang = (typeof LANGS)[number];
export type Dict = typeof en;

export const DICTS: Record<Lang, Dict> = { en, id };

/** The `{ en, id }` text of the model or schema in the chosen language. */
export function pick(text: ParamText, lang: Lang): string {
  return text[lang];
}

/** Number formats of one language. */
export interface Formats {
  /** "Rp 25.000.000" / "Rp 25,000,000" (a no-break space after Rp: a sum never breaks across lines). */
  rupiah(v: number): string;
  /** For axes and cards: "Rp 25 jt" / "Rp 25 M"... see units. */
  rupiahShort(v: number): string;
  /** A share as a percentage with one decimal: "83,5%". */
  pct(v: number, digits?: number): string;
  /** A plain number with `digits` decimals. */
  num(v: number, digits?: number): string;
  /** A whole number with thousands separators. */
  int(v: number): string;
  /** A number as short as it can be written: 0.5, 1, 2.25, 1,200 (axis ticks). */
  short(v: number): string;
  /** A signed difference: "+3,2" / "−1.500". */
  signed(v: number, f: (x: number) => string): string;
}

const LOCALES = {
  en: formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['Rp', ''], minus: '−' }),
  id: formatLocale({ decimal: ',', thousands: '.', grouping: [3], currency: ['Rp', ''], minus: '−' }),
} as const;

const cache = new Map<Lang, Formats>();

export function formats(lang: Lang): Formats {
  const hit = cache.get(lang);
  if (hit) return hit;
  const L = LOCALES[lang];
  const d = DICTS[lang];
  const whole = L.format(',.0f');
  const short = L.format(',.3~r');
  const fixed = [0, 1, 2, 3, 4].map((k) => L.format(`,.${k}f`));
  const trimmed = L.format(',.4~r');
  const f: Formats = {
    rupiah(v) {
      if (!Number.isFinite(v)) return '–';
      const s = whole(Math.abs(v));
      return `${v < 0 && s !== '0' ? '−' : ''}Rp\u00a0${s}`;
    },
    rupiahShort(v) {
      if (!Number.isFinite(v)) return '–';
      const a = Math.abs(v);
      const sign = v < 0 && a >= 0.5 ? '−' : '';
      if (a >= 1e9) return `${sign}Rp\u00a0${short(a / 1e9)}\u00a0${d.units.billion}`;
      if (a >= 1e6) return `${sign}Rp\u00a0${short(a / 1e6)}\u00a0${d.units.million}`;
      if (a >= 1e3) return `${sign}Rp\u00a0${short(a / 1e3)}\u00a0${d.units.thousand}`;
      return `${sign}Rp\u00a0${whole(a)}`;
    },
    pct(v, digits = 1) {
      return Number.isFinite(v) ? `${fixed[digits](100 * v)}%` : '–';
    },
    num(v, digits = 2) {
      return Number.isFinite(v) ? fixed[digits](v) : '–';
    },
    int(v) {
      return Number.isFinite(v) ? whole(v) : '–';
    },
    short(v) {
      return Number.isFinite(v) ? trimmed(v) : '–';
    },
    signed(v, g) {
      if (!Number.isFinite(v)) return '–';
      const s = g(Math.abs(v));
      return v > 0 ? `+${s}` : v < 0 && /[1-9]/.test(s) ? `−${s}` : s;
    },
  };
  cache.set(lang, f);
  return f;
}

export type { BusinessType, DissolutionCause, StatusName };

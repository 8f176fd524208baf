/**
 * The app's words in both languages: the Indonesian dictionary has every key of the English one
 * (and no other), nothing is left empty or untranslated, every preset, unit and option has its
 * words, and numbers are written each language's way.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterTable } from '../../src/index.ts';
import { DICTS, formats, LANGS, type Lang } from '../../web/app/i18n.ts';
import { PRESET_IDS, PRESETS } from '../../web/app/settings.ts';
import { leaves, type Leaf } from './dict.ts';


const en = leaves(DICTS.en);
const id = leaves(DICTS.id);

/** Distinct sample arguments, so each can be found again in the text. */
const SAMPLE_ARGS = ['17', '23', '29'];
const call = (f: Leaf): string => (typeof f === 'function' ? String((f as (...a: unknown[]) => unknown)(...SAMPLE_ARGS.slice(0, f.length))) : f);

/** Texts that are rightly the same in both languages (names, symbols, letters, loan words). */
const SAME_IN_BOTH = new Set([
  'lang.en', // each language is named in its own words, whatever the page's language
  'lang.id',
  'app.title', // kube-sim
  'units.Rp',
  'units.0–1',
  'units.×',
  'units.seed', // a seed has no unit
  'charts.median', // "Median" in both
  'compare.a', // the letters A and B
  'compare.b',
  'compare.pinned', // "A: <name>"
  'field.range', // "lo–hi unit": numbers and a unit, already translated
  'field.other', // a message passed through
  'sweep.parameter', // "Parameter" in both
  'sweep.csv', // "Data (CSV)" in both
  'howSure.of', // "A: <name> · B: <name>"
]);

/** Texts rightly empty. */
const EMPTY = new Set(['units.seed']);

describe('dictionaries', () => {
  it('have the same keys, nested, functions included', () => {
    expect([...id.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of en) expect(typeof id.get(k), k).toBe(typeof v);
  });

  it('have functions of the same arity in both languages', () => {
    for (const [k, v] of en) if (typeof v === 'function') expect((id.get(k) as Leaf as () => string).length, k).toBe(v.length);
  });

  it('leave no text empty', () => {
    for (const lang of LANGS) {
      for (const [k, v] of leaves(DICTS[lang])) {
        if (EMPTY.has(k)) continue;
        expect(call(v).trim(), `${lang} ${k}`).not.toBe('');
      }
    }
  });

  it('give non-empty text from every function, with each argument in it, in both languages', () => {
    for (const lang of LANGS) {
      for (const [k, v] of leaves(DICTS[lang])) {
        if (typeof v !== 'function') continue;
        const text = call(v);
        expect(text.trim(), `${lang} ${k}`).not.toBe('');
        for (const a of SAMPLE_ARGS.slice(0, v.length)) expect(text, `${lang} ${k}`).toContain(a);
      }
    }
  });

  it('translate everything except a short list of words that are the same in both', () => {
    const same = [...en].filter(([k, v]) => call(v) === call(id.get(k)!)).map(([k]) => k);
    expect(same.sort()).toEqual([...SAME_IN_BOTH].sort());
  });

  it('give the singular and plural right in English and one form in Indonesian', () => {
    expect(DICTS.en.preset.changed(1)).toBe('1 setting changed');
    expect(DICTS.en.preset.changed(2)).toBe('2 settings changed');
    expect(DICTS.en.results.years(1)).toBe('1 year');
    expect(DICTS.id.results.years(1)).toBe('1 tahun');
    expect(DICTS.id.results.years(3)).toBe('3 tahun');
  });
});

describe('words for the scenarios and the schema', () => {
  const files = readdirSync(join(import.meta.dirname, '../../scenarios'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

  it('name every preset of scenarios/ in both languages, and the app offers exactly those', () => {
    expect(files.length).toBeGreaterThan(10);
    expect([...PRESET_IDS].sort()).toEqual([...files].sort());
    for (const lang of LANGS) {
      for (const f of files) expect(DICTS[lang].preset.names[f]?.trim(), `${lang} ${f}`).toBeTruthy();
      // No name for a preset that does not exist.
      expect(Object.keys(DICTS[lang].preset.names).sort()).toEqual([...files].sort());
    }
  });

  it('has words for every unit the schema uses', () => {
    const units = new Set(parameterTable().filter((p) => !p.options).map((p) => p.unit));
    expect(units.size).toBeGreaterThan(5);
    for (const lang of LANGS) {
      for (const u of units) {
        expect(Object.hasOwn(DICTS[lang].units, u), `${lang} unit ${u}`).toBe(true);
        if (u !== 'seed') expect(DICTS[lang].units[u].trim(), `${lang} unit ${u}`).not.toBe('');
      }
    }
  });

  it('has words for every option of every choice (business types, payout rules…)', () => {
    const options = parameterTable().flatMap((p) => p.options ?? []);
    expect(options).toContain('livestock');
    expect(options).toContain('byContribution');
    for (const o of options) {
      expect(DICTS.en.options[o]?.trim(), `en ${o}`).toBeTruthy();
      expect(DICTS.id.options[o]?.trim(), `id ${o}`).toBeTruthy();
      expect(DICTS.id.options[o], o).not.toBe(DICTS.en.options[o]);
    }
  });

  it('calls free riders “penumpang gelap” and the seed “Nomor acak (seed)” in Indonesian, keeping the command line’s word', () => {
    const words = [...id.values()].map((l: Leaf) => (typeof l === 'function' ? (l as (...a: string[]) => string)('17', '23', '29', '31') : l)).join('\n');
    expect(words).toContain('penumpang gelap');
    expect(words).not.toMatch(/penumpang gratis|benih/i);
    expect(DICTS.id.run.seed).toBe('Nomor acak (seed)');
    for (const p of PRESETS) expect([p.id, p.scenario.description?.id ?? '']).not.toEqual([p.id, expect.stringMatching(/penumpang gratis|benih acak/i)]);
  });

  it('has every parameter’s meaning in both languages, different from each other', () => {
    for (const p of parameterTable()) {
      expect(p.text.en.trim(), p.path).not.toBe('');
      expect(p.text.id.trim(), p.path).not.toBe('');
      expect(p.text.id, p.path).not.toBe(p.text.en);
    }
  });
});

describe('formats', () => {
  it('writes Indonesian numbers the Indonesian way', () => {
    const f = formats('id');
    expect(f.rupiah(25_000_000)).toBe('Rp\u00a025.000.000');
    expect(f.num(0.52, 2)).toBe('0,52');
    expect(f.num(0.5234)).toBe('0,52');
    expect(f.pct(0.835)).toBe('83,5%');
    expect(f.int(1234567)).toBe('1.234.567');
    expect(f.rupiahShort(25_000_000)).toBe('Rp\u00a025\u00a0jt');
    expect(f.rupiahShort(1_500_000_000)).toBe('Rp\u00a01,5\u00a0M');
    expect(f.rupiahShort(150_000)).toBe('Rp\u00a0150\u00a0rb');
    expect(f.rupiahShort(400)).toBe('Rp\u00a0400');
  });

  it('writes English numbers the English way', () => {
    const f = formats('en');
    expect(f.rupiah(25_000_000)).toBe('Rp\u00a025,000,000');
    expect(f.num(0.52, 2)).toBe('0.52');
    expect(f.pct(0.835)).toBe('83.5%');
    expect(f.int(1234567)).toBe('1,234,567');
    expect(f.rupiahShort(25_000_000)).toBe('Rp\u00a025\u00a0mn');
  });

  it('writes negative numbers with a minus sign, and differences with their sign', () => {
    for (const lang of ['id', 'en'] as Lang[]) {
      const f = formats(lang);
      expect(f.rupiah(-1500)).toBe(lang === 'id' ? '−Rp\u00a01.500' : '−Rp\u00a01,500');
      expect(f.rupiahShort(-25_000_000)).toMatch(/^−Rp\u00a025\u00a0/);
      expect(f.pct(-0.1)).toBe(lang === 'id' ? '−10,0%' : '−10.0%');
      expect(f.signed(3.2, (x) => f.num(x, 1))).toBe(lang === 'id' ? '+3,2' : '+3.2');
      expect(f.signed(-1500, f.int)).toBe(lang === 'id' ? '−1.500' : '−1,500');
      // Rounded to nothing: no sign on a zero.
      expect(f.signed(-0.001, (x) => f.num(x, 1))).toBe(lang === 'id' ? '0,0' : '0.0');
      expect(f.rupiah(-0.2)).toBe('Rp\u00a00');
    }
  });

  it('never writes NaN or Infinity, for negative, tiny, huge or non-finite numbers', () => {
    const values = [0, -0, -1, -0.4, 1e-9, -1e-9, 0.5, -2.5e6, 7e12, -7e12, 1e15, -1e15, Number.NaN, Infinity, -Infinity, -Number.MIN_VALUE];
    for (const lang of LANGS) {
      const f = formats(lang);
      for (const v of values) {
        const texts = [f.rupiah(v), f.rupiahShort(v), f.pct(v), f.pct(v, 0), f.num(v), f.num(v, 4), f.int(v), f.signed(v, f.int), f.signed(v, (x) => f.pct(x))];
        for (const t of texts) {
          expect(t, `${lang} ${v}`).not.toMatch(/NaN|Infinity|undefined/);
          expect(t.trim(), `${lang} ${v}`).not.toBe('');
        }
        if (!Number.isFinite(v)) for (const t of texts) expect(t, `${lang} ${v}`).toBe('–');
      }
    }
  });
});

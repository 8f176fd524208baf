/**
 * A roster file chosen in the page: its bytes decoded (UTF-8, or Windows-1252 as Excel on Windows
 * writes), read into members with notes, or refused with every bad row named in the page's
 * language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../src/index.ts';
import { DICTS, formats, LANGS } from '../../web/app/i18n.ts';
import { decodeText, readRoster, rosterFromText } from '../../web/app/roster.ts';

const example = readFileSync(join(import.meta.dirname, '../../scenarios/rosters/example-group.csv'), 'utf8');

/** Windows-1252 bytes of Latin-1 text (the same code points below 256, bar 0x80–0x9F). */
const cp1252 = (text: string) => Uint8Array.from(text, (c) => {
  const code = c.charCodeAt(0);
  if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not Latin-1: ${c}`);
  return code;
});

const HEADER = 'Nama;Jabatan;Keterampilan;Komitmen;Kejujuran;Kebutuhan;Kepemimpinan;Kepercayaan';
const row = (name: string, role = 'anggota') => `${name};${role};3;4;4;3;2;3`;
const group = (names: string[]) => [HEADER, row(names[0], 'ketua'), ...names.slice(1).map((n) => row(n))].join('\r\n');
const NAMES = ['Ibu Séri', 'Ibu Wati', 'Pak Joko', 'Ibu Ani', 'Ibu Rina', 'Pak Budi'];

describe('decodeText', () => {
  it('reads UTF-8 as UTF-8', () => {
    const text = group(NAMES);
    expect(decodeText(new TextEncoder().encode(text))).toBe(text);
  });

  it('reads Windows-1252 bytes (not valid UTF-8) with the accents kept', () => {
    const text = group(NAMES);
    const bytes = cp1252(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // é alone is not UTF-8
    expect(decodeText(bytes)).toBe(text);
    // (cp1252's own marks at 0x80–0x9F, € “ ”, are not checked here: Node 20's TextDecoder reads
    // them as Latin-1 control characters, where browsers give the marks.)
  });

  it('reads plain ASCII and empty files', () => {
    expect(decodeText(new TextEncoder().encode('Nama;Jabatan'))).toBe('Nama;Jabatan');
    expect(decodeText(new Uint8Array())).toBe('');
  });
});

describe('rosterFromText', () => {
  it('reads the example group: its ten members, as parseRosterCsv does', () => {
    for (const lang of LANGS) {
      const r = rosterFromText(example, lang);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.roster).toHaveLength(10);
      expect(r.roster).toEqual(parseRosterCsv(example).roster);
      expect(r.roster[0].name).toBe('Ibu Sari');
      expect(Array.isArray(r.warnings)).toBe(true);
    }
  });

  it('reads a group with a score column missing, with a note about it in the page’s language', () => {
    const cols = HEADER.split(';');
    const drop = cols.indexOf('Kepemimpinan');
    const text = group(NAMES)
      .split('\r\n')
      .map((line) => line.split(';').filter((_, i) => i !== drop).join(';'))
      .join('\n');
    const en = rosterFromText(text, 'en');
    const id = rosterFromText(text, 'id');
    expect(en.ok && id.ok).toBe(true);
    if (!en.ok || !id.ok) return;
    expect(en.roster).toEqual(id.roster);
    expect(en.roster.map((m) => m.name)).toEqual(NAMES);
    expect(en.warnings.length).toBeGreaterThan(0);
    expect(id.warnings).toHaveLength(en.warnings.length);
    for (const w of [...en.warnings, ...id.warnings]) expect(w.trim()).not.toBe('');
  });

  it('refuses a bad file, naming each bad row with the page’s word for a row', () => {
    const lines = group(NAMES).split('\r\n');
    lines[2] = 'Ibu Wati;raja;9;4;4;3;2;3'; // line 3 of the file: a role and a score that are not allowed
    const text = lines.join('\n');
    const id = rosterFromText(text, 'id');
    const en = rosterFromText(text, 'en');
    expect(id.ok).toBe(false);
    expect(en.ok).toBe(false);
    if (id.ok || en.ok) return;
    expect(id.problems.length).toBeGreaterThanOrEqual(2);
    expect(en.problems).toHaveLength(id.problems.length);
    for (const p of id.problems) expect(p).toMatch(/^Baris 3\b/);
    for (const p of en.problems) expect(p).toMatch(/^Row 3\b/i);
    // Each names the value found.
    expect(id.problems.some((p) => p.includes('raja'))).toBe(true);
    expect(en.problems.some((p) => p.includes('9'))).toBe(true);
  });

  it('names every bad row, not just the first', () => {
    const lines = group(NAMES).split('\r\n');
    lines[2] = 'Ibu Wati;anggota;seven;4;4;3;2;3';
    lines[5] = 'Ibu Rina;anggota;3;4;4;3;2;0';
    const r = rosterFromText(lines.join('\n'), 'id');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.some((p) => /^Baris 3\b/.test(p))).toBe(true);
    expect(r.problems.some((p) => /^Baris 6\b/.test(p))).toBe(true);
  });

  it('refuses text that is not a roster at all without throwing', () => {
    for (const text of ['', 'hello', '\u0000\u0001', 'a,b\n1,2']) {
      for (const lang of LANGS) {
        const r = rosterFromText(text, lang);
        expect(r.ok, JSON.stringify(text)).toBe(false);
        if (!r.ok) for (const p of r.problems) expect(p.trim()).not.toBe('');
      }
    }
  });
});

describe('readRoster', () => {
  it('reads a Windows-1252 file chosen in the page, accents kept', async () => {
    const r = await readRoster(new Blob([cp1252(group(NAMES))]), 'id');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.roster[0].name).toBe('Ibu Séri');
  });

  it('refuses a file over 1 MB before reading it, in the page’s language', async () => {
    const big = new Blob([new Uint8Array(1024 * 1024 + 1)]);
    for (const lang of LANGS) {
      const r = await readRoster(big, lang);
      expect(r).toEqual({ ok: false, problems: [DICTS[lang].roster.tooBig(formats(lang).num((1024 * 1024 + 1) / (1024 * 1024), 1))] });
    }
  });
});

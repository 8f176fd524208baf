/** A roster file read in the page: its problems and warnings in the page's language, every word. */
import { describe, expect, it } from 'vitest';
import { rosterFromText } from '../../web/app/roster.ts';

const bad = [
  'Nama;Peran;Keterampilan;Komitmen',
  'Ibu Sari;ketua;3;4',
  'Ibu Wati;ketua;3;3', // a second ketua
  'Pak Joko;anggota;3;6', // out of range
  'Ibu Ani;anggota;3;', // empty
  'Ibu Rina;bos;3;3', // unknown role
].join('\n');

const odd = 'Nama;Peran;Komitmen;Umur\nIbu Sari;ketua;4;40\nIbu Wati;;3;33\nIbu Sari;;3;51\nPak Joko;;2;29\nIbu Ani;;5;38;lebih\n';

const ENGLISH = /\b(row|rows|column|columns|allowed|got|empty|ignored|recognised|default|second)\b/i;

describe('rosterFromText in the page language', () => {
  it('words every problem in Indonesian on an Indonesian page', () => {
    const r = rosterFromText(bad, 'id');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(4);
    for (const p of r.problems) {
      expect(p).toMatch(/^Baris \d+, kolom "/);
      expect(p).not.toMatch(ENGLISH);
    }
    expect(r.problems[1]).toBe('Baris 4, kolom "Komitmen": isinya "6"; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)');
    expect(r.problems[2]).toBe('Baris 5, kolom "Komitmen": selnya kosong; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)');
  });

  it('words them as the CLI does on an English page', () => {
    const r = rosterFromText(bad, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[1]).toBe('row 4, column "Komitmen": got "6"; allowed: 1–5, a survey score (decimals such as 3,5 or 3.5 allowed)');
    for (const p of r.problems) expect(p).not.toMatch(/\b(Baris|kolom|boleh)\b/);
  });

  it('words the warnings in the page language', () => {
    const id = rosterFromText(odd, 'id');
    const en = rosterFromText(odd, 'en');
    expect(id.ok && en.ok).toBe(true);
    if (!id.ok || !en.ok) return;
    expect(id.roster).toEqual(en.roster);
    expect(id.warnings).toHaveLength(en.warnings.length);
    expect(en.warnings).toContain('rows 2 and 4 have the same name "Ibu Sari"');
    expect(id.warnings).toContain('Baris 2 dan 4 memakai nama yang sama, "Ibu Sari"');
    for (const w of id.warnings) expect(w).not.toMatch(ENGLISH);
  });

  it('says an empty file is empty in either language', () => {
    expect(rosterFromText('', 'id')).toEqual({ ok: false, problems: ['Berkasnya kosong: perlu baris judul (peran dan skor) dan satu baris per anggota'] });
    expect(rosterFromText('', 'en')).toEqual({ ok: false, problems: ['the file is empty: it needs a header row (role and scores) and one row per member'] });
  });
});

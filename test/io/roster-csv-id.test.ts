/**
 * Every roster problem and warning in both languages: the English is what the CLI prints (byte for
 * byte `message` and `warnings`), the Indonesian tells planners the same row, column and value.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioProblem } from '../../src/model/parameters.ts';
import { parseRosterCsv, RosterCsvError, type RosterCsvProblem, type RosterCsvText } from '../../src/io/roster-csv.ts';

// The schema's own refusals cannot be reached from a file the reader accepts, so a test can make
// the schema refuse, to see how its (English) message is framed in Indonesian.
const schema = vi.hoisted(() => ({ refuse: null as null | ScenarioProblem[] }));
vi.mock('../../src/model/parameters.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/model/parameters.ts')>();
  return {
    ...real,
    parseScenario: (input: unknown, source?: string) => {
      if (schema.refuse) throw new real.ScenarioError(schema.refuse, source);
      return real.parseScenario(input, source);
    },
  };
});

const good = ['Nama;Peran;Keterampilan;Komitmen;Kepercayaan', 'Ibu Sari;ketua;3;4;3', 'Ibu Wati;bendahara;3;4;3', 'Pak Joko;sekretaris;3;4;3', 'Ibu Ani;anggota;3;4;3', 'Ibu Rina;anggota;3;4;3'];
const file = (lines: string[]) => lines.join('\n') + '\n';
const member = (i: number) => `Ibu ${i};anggota;3;4;3`;

/** Files the reader refuses, one for each kind of problem. */
const BAD: Record<string, string> = {
  empty: '',
  'quote never closed': `sep=;\n${file(good)}"Ibu Tini;anggota;3;4;3\n`,
  'no role and no score column': 'Nama;Umur\nA;3\n',
  'a field twice': file(good.map((l, i) => `${l};${i === 0 ? 'Komitmen (1-5)' : '3'}`)),
  'too few': file(good.slice(0, 3)),
  'too many': file([good[0], ...Array.from({ length: 31 }, (_, i) => member(i + 1))]),
  'bad cells': file([
    'Nama;Peran;Keterampilan;Komitmen;Kepercayaan;Sikap;Maksud terselubung',
    'Ibu Sari;ketua;3;4;3;;tidak',
    'Ibu Wati;bos;3;4;3;;tidak', // unknown role
    'Pak Joko;anggota;6;4;3;;tidak', // out of range
    'Ibu Ani;anggota;tiga;;3;;tidak', // a word, and an empty cell
    'Ibu Rina;anggota;0,5;4;3;pemalas;mungkin', // a 0–1 score, unknown disposition and answer
    `${'Ibu '.padEnd(61, 'a')};Ketua;3;4;3;;ya`, // too long a name, a second ketua
  ]),
};

/** Files the reader takes, with warnings of every kind. */
const ODD: Record<string, string> = {
  'unknown and unnamed columns, extra values, a repeated name': file([
    'Nama;Peran;Komitmen;Umur;;Alamat',
    'Ibu Sari;ketua;4;40;x;Bogor',
    'Ibu Wati;;3;33;;Bogor;lebih',
    'Ibu Sari;;3;51;;Bogor',
    'Pak Joko;;2;29;;Bogor',
    'Ibu Ani;;5;38;;Bogor;a;b',
  ]),
  'no name, no trust column': 'role,skill,integrity\nketua,3,3\n,3,3\n,3,3\n,3,3\n,3,3\n',
};

function problemsOf(text: string): RosterCsvProblem[] {
  try {
    parseRosterCsv(text, 'roster.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(RosterCsvError);
    return (e as RosterCsvError).problems;
  }
  throw new Error('expected a RosterCsvError');
}

const quoted = (t: string) => t.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
const numbers = (t: string) => t.match(/\d+/g) ?? [];
/** English words that must not be left in the Indonesian prose (accepted values aside). */
const ENGLISH = /\b(row|rows|column|columns|allowed|got|empty|file|scores?|defaults?|ignored|recognised|second|first|characters?|survey|decimals?)\b/i;

/** Both languages present, the English the CLI's, and the Indonesian saying the same row, column and value. */
function checkText(text: RosterCsvText, where: string, embedded?: string): void {
  expect(text.en, where).not.toBe('');
  expect(text.id, where).not.toBe('');
  expect(text.id, where).not.toBe(text.en);
  for (const q of quoted(text.en)) expect(text.id, `${where}: ${q}`).toContain(q);
  for (const n of numbers(text.en)) expect(numbers(text.id), `${where}: ${n}`).toContain(n);
  const prose = embedded ? text.id.replace(embedded, '') : text.id;
  expect(prose, where).not.toMatch(ENGLISH);
  expect(text.id.charAt(0), where).toBe(text.id.charAt(0).toUpperCase());
}

function checkProblem(p: RosterCsvProblem, where: string, embedded?: string): void {
  expect(p.text.en, where).toBe(p.message);
  checkText(p.text, where, embedded);
  const row = /^row (\d+)/.exec(p.message);
  if (row) {
    expect(Number(row[1]), where).toBe(p.row);
    expect(p.text.id, where).toMatch(new RegExp(`^Baris ${p.row}\\b`));
  }
  if (p.column !== undefined) {
    expect(p.message, where).toContain(`column ${JSON.stringify(p.column)}`);
    expect(p.text.id, where).toContain(`kolom ${JSON.stringify(p.column)}`);
  }
  if (p.value && p.message.includes(JSON.stringify(p.value))) expect(p.text.id, where).toContain(JSON.stringify(p.value));
}

describe('roster problems in English and Indonesian', () => {
  it.each(Object.keys(BAD))('%s', (name) => {
    const problems = problemsOf(BAD[name]);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) checkProblem(p, `${name}: ${p.message}`);
  });

  it('covers every kind of problem the reader words', () => {
    const all = Object.values(BAD).flatMap(problemsOf);
    const kinds = [
      /the file is empty/, /never closed/, /no role column/, /no score column/, /already gives/, /the file lists 2 members/,
      /member 31 of 31/, /got "bos"/, /got "6"/, /got "tiga"/, /an empty cell/, /scores on 0–1 are not accepted/,
      /got "pemalas"/, /got "mungkin"/, /a name of 61 characters/, /a second ketua/,
    ];
    for (const k of kinds) expect(all.some((p) => k.test(p.message)), String(k)).toBe(true);
  });

  it('keeps the English exactly as the CLI printed it before', () => {
    const [role, range, word, empty, small] = problemsOf(BAD['bad cells']);
    expect(role.message).toBe('row 3, column "Peran": got "bos"; allowed: ketua (chair, leader), sekretaris (secretary), bendahara (treasurer), anggota (member) or empty for anggota');
    expect(range.message).toBe('row 4, column "Keterampilan": got "6"; allowed: 1–5, a survey score (decimals such as 3,5 or 3.5 allowed)');
    expect(range.text.id).toBe('Baris 4, kolom "Keterampilan": isinya "6"; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)');
    expect(word.text.id).toContain('isinya "tiga"');
    expect(empty.text.id).toBe('Baris 5, kolom "Komitmen": selnya kosong; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)');
    expect(small.text.id).toContain('(skor 0–1 tidak diterima: isikan jawaban survei)');
    expect(problemsOf(BAD['quote never closed'])[0]).toMatchObject({ row: 8, message: 'row 8: a quoted field opened on this line is never closed (a " is missing)' });
    expect(problemsOf('')[0].text.id).toBe('Berkasnya kosong: perlu baris judul (peran dan skor) dan satu baris per anggota');
  });

  it("frames the schema's English message in Indonesian, keeping it whole", () => {
    schema.refuse = [
      { path: 'members.roster[2].skill', value: '1.5', allowed: '0–1', message: 'members.roster[2].skill: got 1.5; allowed: 0–1' },
      { path: 'members.roster', value: '', allowed: 'one each', message: 'members.roster: a roster has at most one ketua, one sekretaris and one bendahara' },
    ];
    try {
      const [cell, whole] = problemsOf(file(good));
      expect(cell).toMatchObject({ row: 4, column: 'Keterampilan', value: '1.5', message: 'row 4, column "Keterampilan": members.roster[2].skill: got 1.5; allowed: 0–1' });
      expect(cell.text.id).toBe('Baris 4, kolom "Keterampilan": skenario tidak menerima nilai "1.5" (pesan aslinya dalam bahasa Inggris: members.roster[2].skill: got 1.5; allowed: 0–1)');
      expect(whole).toMatchObject({ row: 1, column: undefined, message: 'row 1: members.roster: a roster has at most one ketua, one sekretaris and one bendahara' });
      expect(whole.text.id).toMatch(/^Baris 1: skenario tidak menerima isian ini \(pesan aslinya dalam bahasa Inggris: members\.roster: /);
      checkProblem(cell, 'schema cell', schema.refuse[0].message);
      checkProblem(whole, 'schema whole', schema.refuse[1].message);
    } finally {
      schema.refuse = null;
    }
  });
});

describe('roster warnings in English and Indonesian', () => {
  it.each(Object.keys(ODD))('%s', (name) => {
    const { warnings, warningTexts } = parseRosterCsv(ODD[name]);
    expect(warningTexts.length).toBeGreaterThan(0);
    expect(warningTexts.map((w) => w.en)).toEqual(warnings);
    for (const w of warningTexts) checkText(w, `${name}: ${w.en}`);
  });

  it('covers every kind of warning, in the same words as before in English', () => {
    const a = parseRosterCsv(ODD['unknown and unnamed columns, extra values, a repeated name']);
    expect(a.warnings).toEqual([
      'column 5 has no header; its values are ignored',
      expect.stringMatching(/^columns not recognised, ignored: "Umur", "Alamat" \(recognised: name, nama, /),
      'no column for skill, integrity, need, leadership: every member takes the default (skill 0.35, integrity 0.7, need 0.6, leadership 0.4)',
      'no trust column: initial trust comes from group.priorAcquaintance alone',
      'row 3 has 1 value beyond the header\'s columns, ignored: "lebih"',
      'row 6 has 2 values beyond the header\'s columns, ignored: "a", "b"',
      'rows 2 and 4 have the same name "Ibu Sari"',
    ]);
    expect(a.warningTexts.map((w) => w.id)).toEqual([
      'Kolom 5 tidak punya judul; isinya diabaikan',
      expect.stringMatching(/^Kolom tidak dikenal, diabaikan: "Umur", "Alamat" \(yang dikenal: name, nama, /),
      'Tidak ada kolom keterampilan, kejujuran, kebutuhan, kepemimpinan: semua anggota memakai nilai bawaan (keterampilan 0,35; kejujuran 0,7; kebutuhan 0,6; kepemimpinan 0,4)',
      expect.stringMatching(/^Tidak ada kolom kepercayaan: kepercayaan awal hanya ditentukan oleh seberapa kenal anggota/),
      'Baris 3 berisi 1 nilai di luar kolom yang berjudul, diabaikan: "lebih"',
      'Baris 6 berisi 2 nilai di luar kolom yang berjudul, diabaikan: "a", "b"',
      'Baris 2 dan 4 memakai nama yang sama, "Ibu Sari"',
    ]);
    const b = parseRosterCsv(ODD['no name, no trust column']);
    expect(b.warnings).toContain('no name or id column: members are known by their number');
    expect(b.warningTexts.map((w) => w.id)).toContain('Tidak ada kolom nama atau nomor: anggota dikenali dari nomor urutnya');
  });

  it('gives no warnings in either language for a clean file', () => {
    expect(parseRosterCsv(file(good.map((l, i) => `${l};${i === 0 ? 'Kejujuran;Kebutuhan;Kepemimpinan' : '3;3;3'}`)))).toMatchObject({ warnings: [], warningTexts: [] });
  });
});

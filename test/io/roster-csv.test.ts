/** Reading a real group's roster from a survey CSV: formats, headers, scores and every bad row named. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv, parseScenario, RosterCsvError, simulate, type RosterCsvProblem } from '../../src/index.ts';

const root = join(import.meta.dirname, '../..');

/** Five members with a role and three scores, in the given delimiter. */
const rows = [
  ['name', 'role', 'skill', 'commitment', 'trust'],
  ['Ibu Sari', 'ketua', '5', '4', '3'],
  ['Ibu Wati', 'bendahara', '1', '3', '4'],
  ['Pak Joko', 'sekretaris', '3', '2', '5'],
  ['Ibu Ani', 'anggota', '2', '5', '1'],
  ['Ibu Rina', 'anggota', '4', '1', '2'],
];
const csv = (d: string, eol = '\n', table = rows) => table.map((r) => r.join(d)).join(eol) + eol;

/** The problems of a file that must be refused. */
function problemsOf(text: string): RosterCsvProblem[] {
  try {
    parseRosterCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(RosterCsvError);
    return (e as RosterCsvError).problems;
  }
  throw new Error('expected a RosterCsvError');
}

describe('parseRosterCsv: formats', () => {
  it('reads comma, semicolon and tab alike, with LF or CRLF', () => {
    const comma = parseRosterCsv(csv(','));
    expect(comma.roster).toHaveLength(5);
    expect(comma.roster[0]).toMatchObject({ name: 'Ibu Sari', role: 'ketua', skill: 1, commitment: 0.75, trust: 0.5 });
    for (const text of [csv(';'), csv('\t'), csv(',', '\r\n'), csv(';', '\r\n'), csv('\t', '\r\n')]) {
      expect(parseRosterCsv(text).roster).toEqual(comma.roster);
    }
  });

  it('maps 1–5 survey scores to 0–1 by (s − 1)/4: 1 → 0, 3 → 0.5, 5 → 1', () => {
    const { roster } = parseRosterCsv(csv(','));
    expect(roster.map((m) => m.skill)).toEqual([1, 0, 0.5, 0.25, 0.75]);
    expect(roster.map((m) => m.trust)).toEqual([0.5, 0.75, 1, 0, 0.25]);
  });

  it('accepts a byte-order mark, quoted fields with "" escapes and line breaks, blank lines and trailing empty columns', () => {
    const text =
      '\uFEFFname;role;skill;;\r\n' +
      '\r\n' +
      '"Ibu ""Sari"" Lestari";ketua;"3,5";;\r\n' +
      ';;;;\r\n' +
      '"Ibu Wati; Bendahara";bendahara;4;;\r\n' +
      '"Pak\nJoko";sekretaris;3;;\r\n' +
      'Ibu Ani;anggota;2\r\n' +
      '  Ibu Rina  ; Anggota ; 1 ;;\r\n' +
      '\r\n';
    const { roster } = parseRosterCsv(text);
    expect(roster.map((m) => m.name)).toEqual(['Ibu "Sari" Lestari', 'Ibu Wati; Bendahara', 'Pak\nJoko', 'Ibu Ani', 'Ibu Rina']);
    expect(roster[0].skill).toBe(0.625);
    expect(roster[4]).toMatchObject({ role: 'anggota', skill: 0 });
  });

  it('counts rows by their line in the file, past blank lines and line breaks inside quotes', () => {
    const text = 'nama;peran;komitmen\n\n"A\nB";ketua;3\nC;;3\nD;;3\nE;;9\n\nF;;3\n';
    expect(problemsOf(text)).toEqual([
      {
        row: 7, column: 'komitmen', value: '9', message: 'row 7, column "komitmen": got "9"; allowed: 1–5, a survey score (decimals such as 3,5 or 3.5 allowed)',
        text: {
          en: 'row 7, column "komitmen": got "9"; allowed: 1–5, a survey score (decimals such as 3,5 or 3.5 allowed)',
          id: 'Baris 7, kolom "komitmen": isinya "9"; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)',
        },
      },
    ]);
  });

  it("honours Excel's sep= line", () => {
    const { roster } = parseRosterCsv(`sep=;\n${csv(';')}`);
    expect(roster).toHaveLength(5);
    expect(problemsOf(`sep=;\n${csv(';').replace('Ibu Ani;anggota;2', 'Ibu Ani;anggota;x')}`)[0].row).toBe(6);
  });

  it('refuses a quote that is never closed, naming its line', () => {
    expect(problemsOf(`${csv(',')}"Ibu Tini,anggota,3,3,3\n`)).toEqual([
      expect.objectContaining({ row: 7, message: expect.stringContaining('never closed') }),
    ]);
  });
});

describe('parseRosterCsv: headers and values', () => {
  it('reads the Indonesian example group: headers, roles, decimal commas, dispositions, hidden agendas', () => {
    const { roster, warnings } = parseRosterCsv(readFileSync(join(root, 'scenarios/rosters/example-group.csv'), 'utf8'));
    expect(warnings).toEqual([]);
    expect(roster).toHaveLength(10);
    expect(roster[0]).toEqual({
      name: 'Ibu Sari', role: 'ketua', skill: 0.5, commitment: 1, integrity: 0.75, need: 0.5, leadership: 0.875,
      trust: 0.75, disposition: 'unconditional', hiddenAgenda: false,
    });
    expect(roster.map((m) => m.role).filter((r) => r !== 'anggota')).toEqual(['ketua', 'bendahara', 'sekretaris']);
    expect(roster[4]).toMatchObject({ name: 'Ibu Rina', disposition: 'freeRider', hiddenAgenda: true });
    expect(roster[7].skill).toBe(0.375); // "2,5"
    // It runs: the result is a scenario's roster.
    const sc = parseScenario({ members: { roster } });
    expect(sc.group.size).toBe(10);
    expect(simulate(sc, { seed: 3 }).members.map((m) => m.name)[0]).toBe('Ibu Sari');
  });

  it('matches headers without case, spaces, underscores or a unit in brackets, in either language', () => {
    const text = [
      ' NAMA ANGGOTA ;Peran;Keterampilan (1-5);KOMITMEN;kejujuran;Kebutuhan;Kepemimpinan;Kepercayaan pada kelompok;SIKAP;maksud_terselubung',
      'Ibu Sari;Ketua;3;3;3;3;3;3;Bersyarat;Ya',
      'Ibu Wati;BENDAHARA;3;3;3;3;3;3;tanpa syarat;tidak',
      'Pak Joko;sekretaris;3;3;3;3;3;3;penumpang gelap;0',
      'Ibu Ani;;3;3;3;3;3;3;;',
      'Ibu Rina;-;3;3;3;3;3;3;free-rider;no',
    ].join('\n');
    const { roster, warnings } = parseRosterCsv(text);
    expect(warnings).toEqual([]);
    expect(roster.map((m) => m.role)).toEqual(['ketua', 'bendahara', 'sekretaris', 'anggota', 'anggota']);
    expect(roster.map((m) => m.disposition)).toEqual(['conditional', 'unconditional', 'freeRider', 'conditional', 'freeRider']);
    expect(roster.map((m) => m.hiddenAgenda)).toEqual([true, false, false, false, false]);
    expect(roster[0]).toMatchObject({ skill: 0.5, commitment: 0.5, integrity: 0.5, need: 0.5, leadership: 0.5, trust: 0.5 });
  });

  it('takes roles in English too: chair, leader, secretary, treasurer, member', () => {
    const table = [['id', 'role', 'honesty'], ['1', 'Chair', '3'], ['2', 'secretary', '3'], ['3', 'Treasurer', '3'], ['4', 'member', '3'], ['5', 'MEMBER', '3']];
    const { roster } = parseRosterCsv(csv(',', '\n', table));
    expect(roster.map((m) => m.role)).toEqual(['ketua', 'sekretaris', 'bendahara', 'anggota', 'anggota']);
    expect(parseRosterCsv(csv(',', '\n', table.map((r, i) => (i === 1 ? ['1', 'leader', '3'] : r)))).roster[0].role).toBe('ketua');
  });

  it('names members by the id column when there is no name column', () => {
    const table = [['No', 'Jabatan', 'Komitmen'], ['1', 'ketua', '4'], ['2', '', '3'], ['3', '', '3'], ['4', '', '3'], ['5', '', '3']];
    expect(parseRosterCsv(csv(';', '\n', table)).roster.map((m) => m.name)).toEqual(['1', '2', '3', '4', '5']);
    // With a name column too, the name wins (the number is just the row's number).
    const named = table.map((r, i) => [...r, i === 0 ? 'Nama' : `Ibu ${i}`]);
    expect(parseRosterCsv(csv(';', '\n', named)).roster.map((m) => m.name)).toEqual(['Ibu 1', 'Ibu 2', 'Ibu 3', 'Ibu 4', 'Ibu 5']);
  });

  it('warns about unknown columns and says which scores take the defaults', () => {
    const table = rows.map((r, i) => [...r, i === 0 ? 'Umur' : '40', i === 0 ? 'Alamat' : 'Bogor']);
    const { roster, warnings } = parseRosterCsv(csv(',', '\n', table));
    expect(warnings).toEqual([
      expect.stringMatching(/^columns not recognised, ignored: "Umur", "Alamat"/),
      'no column for integrity, need, leadership: every member takes the default (integrity 0.7, need 0.6, leadership 0.4)',
    ]);
    expect(roster[0]).toMatchObject({ integrity: 0.7, need: 0.6, leadership: 0.4 });
    const noTrust = parseRosterCsv(csv(',', '\n', rows.map((r) => r.slice(0, 4))));
    expect(noTrust.warnings).toContain('no trust column: initial trust comes from group.priorAcquaintance alone');
    expect(noTrust.roster[0]).not.toHaveProperty('trust');
  });

  it('needs a role column and at least one score column', () => {
    expect(problemsOf(csv(',', '\n', rows.map((r) => [r[0], r[2]])))).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('no role column; name it one of role, peran, jabatan') }),
    ]);
    const none = problemsOf(csv(',', '\n', rows.map((r) => r.slice(0, 2))));
    expect(none).toHaveLength(1);
    expect(none[0].message).toMatch(/no score column; give at least one of skill \(keterampilan, ketrampilan\), commitment \(komitmen\)/);
    expect(problemsOf('')[0].message).toMatch(/the file is empty/);
  });

  it('refuses a field given by two columns', () => {
    const table = rows.map((r, i) => [...r, i === 0 ? 'Komitmen' : '3']);
    expect(problemsOf(csv(',', '\n', table))).toEqual([
      expect.objectContaining({ row: 1, column: 'Komitmen', message: 'row 1, column "Komitmen": column "commitment" already gives commitment; give each field once' }),
    ]);
  });
});

describe('parseRosterCsv: every bad row named', () => {
  it('reports all wrong rows at once, each with its row, column, value and what is allowed', () => {
    const text = [
      'Nama;Peran;Keterampilan;Komitmen;Kepercayaan',
      'Ibu Sari;ketua;3;4;3', // 2
      'Ibu Wati;bos;3;4;3', // 3: unknown role
      'Pak Joko;anggota;6;4;3', // 4: out of range
      'Ibu Ani;anggota;tiga;;3', // 5: not a number, and empty
      'Ibu Rina;anggota;0,5;4;3', // 6: a 0–1 score
      'Ibu Tini;anggota;3;4;-1', // 7: negative
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'Peran', 'bos'],
      [4, 'Keterampilan', '6'],
      [5, 'Keterampilan', 'tiga'],
      [5, 'Komitmen', ''],
      [6, 'Keterampilan', '0,5'],
      [7, 'Kepercayaan', '-1'],
    ]);
    expect(problems[0].message).toBe('row 3, column "Peran": got "bos"; allowed: ketua (chair, leader), sekretaris (secretary), bendahara (treasurer), anggota (member) or empty for anggota');
    for (const p of problems.slice(1)) expect(p.message).toMatch(/^row \d, column "\w+": .*allowed: 1–5/);
    expect(problems[3].message).toContain('an empty cell');
    expect(problems[4].message).toContain('scores on 0–1 are not accepted');
    // The error's message lists them all, one a line.
    try {
      parseRosterCsv(text, 'kube.csv');
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(7);
      expect((e as Error).message).toMatch(/^kube\.csv: roster CSV has 6 problems\n {2}row 3/);
    }
  });

  it('names the duplicate officer rows', () => {
    const table = [...rows, ['Ibu Tini', 'Ketua', '3', '3', '3'], ['Ibu Yuli', 'bendahara', '3', '3', '3'], ['Ibu Nur', 'chair', '3', '3', '3']];
    const problems = problemsOf(csv(',', '\n', table));
    expect(problems.map((p) => [p.row, p.value])).toEqual([[7, 'Ketua'], [8, 'bendahara'], [9, 'chair']]);
    expect(problems[0].message).toBe('row 7, column "role": a second ketua (the first is on row 2); a roster has at most one ketua, one sekretaris and one bendahara');
    expect(problems[1].message).toContain('a second bendahara (the first is on row 3)');
  });

  it('needs 5 to 30 members', () => {
    const few = problemsOf(csv(',', '\n', rows.slice(0, 5)));
    expect(few).toEqual([expect.objectContaining({ row: 1, message: 'row 1: the file lists 4 members; a roster needs 5 to 30 (one row each)' })]);
    const member = (i: number) => [`Ibu ${i}`, 'anggota', '3', '3', '3'];
    const many = [rows[0], ...Array.from({ length: 31 }, (_, i) => member(i + 1))];
    expect(problemsOf(csv(',', '\n', many))).toEqual([expect.objectContaining({ row: 32, message: expect.stringContaining('member 31 of 31; a roster has at most 30') })]);
    expect(parseRosterCsv(csv(',', '\n', many.slice(0, 31))).roster).toHaveLength(30);
  });

  it('refuses names over 60 characters and warns about a repeated name', () => {
    const long = 'Ibu '.padEnd(61, 'a');
    expect(problemsOf(csv(',', '\n', rows.map((r, i) => (i === 2 ? [long, ...r.slice(1)] : r))))).toEqual([
      expect.objectContaining({ row: 3, column: 'name', message: 'row 3, column "name": a name of 61 characters; allowed: at most 60' }),
    ]);
    const twice = parseRosterCsv(csv(',', '\n', rows.map((r, i) => (i === 4 ? ['ibu sari', ...r.slice(1)] : r))));
    expect(twice.warnings).toContain('rows 2 and 5 have the same name "ibu sari"');
  });

  it('refuses unknown dispositions and hidden-agenda answers', () => {
    const table = rows.map((r, i) => [...r, i === 0 ? 'sikap' : i === 2 ? 'pemalas' : '', i === 0 ? 'hidden agenda' : i === 3 ? 'mungkin' : 'tidak']);
    expect(problemsOf(csv(',', '\n', table)).map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'sikap', 'pemalas'],
      [4, 'hidden agenda', 'mungkin'],
    ]);
  });

  it('what it returns passes the scenario schema and sets the group size', () => {
    const { roster } = parseRosterCsv(csv(';'));
    const sc = parseScenario({ members: { roster } });
    expect(sc.members.roster).toEqual(roster);
    expect(sc.group.size).toBe(5);
  });
});

describe('roster-csv.ts', () => {
  it('is pure: no node:* and no DOM, so the browser app and the CLI share it', () => {
    const src = readFileSync(join(root, 'src/io/roster-csv.ts'), 'utf8');
    const imports = [...src.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['../model/parameters.ts', '../model/scenario.ts']);
    expect(src).not.toMatch(/\b(document|window|process|Buffer)\./);
  });
});

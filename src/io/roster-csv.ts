/**
 * A real group from a survey: a CSV roster, one row per member, turned into `members.roster`.
 * Pure (no node:*, no DOM): the browser app and the CLI both read files through it.
 *
 * What it reads, as Indonesian group-dynamics studies collect it (Likert items per member):
 * - the delimiter is found from the header line: `;` (Indonesian Excel exports, where the comma
 *   is the decimal mark), `,` or tab; an Excel `sep=;` first line is honoured. Quoted fields with
 *   `""` escapes (and line breaks inside quotes), CRLF or LF, a UTF-8 byte-order mark, blank
 *   lines (also `;;;;`) and trailing empty columns are all fine;
 * - headers in English or Bahasa Indonesia, in any case, spacing or `_`, with a unit in brackets
 *   allowed ("Komitmen (1-5)"): see {@link ROSTER_CSV_COLUMNS}. An id column (id, no) names the
 *   members when there is no name column. Unknown columns are ignored with a warning;
 * - role and at least one score column are required; a score column left out gives every member
 *   the schema's default (the warning says which). An empty role (or "-") means anggota;
 * - scores are 1–5 survey answers (decimals allowed, "3,5" too), mapped to 0–1 by (s − 1)/4, so
 *   3 is 0.5. Only 1–5: a column already on 0–1 would be ambiguous (is 1 "low" or "full"?), so
 *   it is refused with that said. A score column present needs a score on every row;
 * - "trust in the group" becomes the roster's `trust`, the member's initial trust in the others
 *   (docs/MODEL.md §5 and §9.2).
 * Every wrong row is reported at once, by its line in the file, column and value. Each problem and
 * warning is worded in English (`message`, `warnings`: what the CLI prints) and Bahasa Indonesia
 * (`text.id`, `warningTexts[i].id`: for the browser app).
 */
import { parseScenario, ScenarioError } from '../model/parameters.ts';
import { DISPOSITIONS, type DispositionName, type RoleName, type RosterEntry } from '../model/scenario.ts';

/** One thing wrong with a roster file: where (1-based line, header name), what was found, why. */
export interface RosterCsvProblem {
  /** The 1-based line of the file the row starts on (the header's line for the whole file). */
  row: number;
  /** The column's header as written in the file. */
  column?: string;
  /** The cell as written in the file. */
  value?: string;
  /** The whole story: row, column, value and what is allowed (English, as the CLI prints it). */
  message: string;
  /** The same story in English (equal to `message`) and in Bahasa Indonesia. */
  text: RosterCsvText;
}

/** One message in both languages of the app. */
export interface RosterCsvText {
  en: string;
  id: string;
}

/** Thrown by {@link parseRosterCsv}; `problems` lists every wrong row and column, not just the first. */
export class RosterCsvError extends Error {
  readonly problems: RosterCsvProblem[];
  constructor(problems: RosterCsvProblem[], source?: string) {
    const what = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super(`${source ? `${source}: ` : ''}roster CSV has ${what}\n  ${problems.map((p) => p.message).join('\n  ')}`);
    this.name = 'RosterCsvError';
    this.problems = problems;
  }
}

type ScoreField = 'skill' | 'commitment' | 'integrity' | 'need' | 'leadership' | 'trust';
type Field = 'name' | 'id' | 'role' | ScoreField | 'disposition' | 'hiddenAgenda';

/** Accepted headers per roster field, compared without case, spaces, `_`, `-`, `.` or brackets. */
export const ROSTER_CSV_COLUMNS: Readonly<Record<Field, readonly string[]>> = {
  name: ['name', 'nama', 'nama anggota'],
  id: ['id', 'no', 'nomor', 'no anggota'],
  role: ['role', 'peran', 'jabatan'],
  skill: ['skill', 'keterampilan', 'ketrampilan'],
  commitment: ['commitment', 'komitmen'],
  integrity: ['integrity', 'honesty', 'kejujuran'],
  need: ['need', 'kebutuhan'],
  leadership: ['leadership', 'kepemimpinan'],
  trust: ['trust', 'trust in the group', 'kepercayaan', 'kepercayaan pada kelompok'],
  disposition: ['disposition', 'sikap'],
  hiddenAgenda: ['hiddenAgenda', 'hidden agenda', 'maksud terselubung'],
};

/** What each field is called in Indonesian sentences (the first Indonesian header). */
const ID_WORD: Readonly<Record<Field, string>> = {
  name: 'nama', id: 'nomor', role: 'peran', skill: 'keterampilan', commitment: 'komitmen', integrity: 'kejujuran',
  need: 'kebutuhan', leadership: 'kepemimpinan', trust: 'kepercayaan', disposition: 'sikap', hiddenAgenda: 'maksud terselubung',
};

const SCORES: readonly ScoreField[] = ['skill', 'commitment', 'integrity', 'need', 'leadership', 'trust'];

/** Schema defaults named in the warning for a missing score column (trust has none: §5). */
const DEFAULTS: Record<Exclude<ScoreField, 'trust'>, number> = { skill: 0.35, commitment: 0.6, integrity: 0.7, need: 0.6, leadership: 0.4 };

const ROLE_WORDS = new Map<string, RoleName>(Object.entries({
  ketua: 'ketua', chair: 'ketua', chairperson: 'ketua', leader: 'ketua',
  sekretaris: 'sekretaris', sekertaris: 'sekretaris', secretary: 'sekretaris',
  bendahara: 'bendahara', treasurer: 'bendahara',
  anggota: 'anggota', member: 'anggota', '': 'anggota', '-': 'anggota',
} as const));

const DISPOSITION_WORDS = new Map<string, DispositionName>(Object.entries({
  conditional: 'conditional', bersyarat: 'conditional',
  // "Penumpang gelap" is the usual Indonesian word; "penumpang gratis" is still read.
  freerider: 'freeRider', penumpanggelap: 'freeRider', penumpanggratis: 'freeRider',
  unconditional: 'unconditional', tanpasyarat: 'unconditional',
} as const));

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'benar']);
const NO = new Set(['tidak', 'tdk', 'no', 'n', 'false', '0', 'bukan', '']);

const MAX_NAME = 60;
const MIN_ROWS = 5;
const MAX_ROWS = 30;
/**
 * The longest roster text read: 30 members take a few KB, and the browser app refuses files over
 * 1 MB before reading them; the command line reads through here, so the same bound holds there.
 */
export const MAX_ROSTER_CHARS = 1024 * 1024;

/**
 * A roster file's bytes as text: UTF-8 if they are, else Windows-1252 (what Excel on Windows
 * writes), so names with accents survive; the browser app reads files the same way.
 */
export function decodeRosterBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const key = (header: string) =>
  header.replace(/\([^()]*\)|\[[^[\]]*\]/g, '').toLowerCase().replace(/[\s_\-.]+/g, '');

const HEADER_FIELD = new Map<string, Field>(
  (Object.entries(ROSTER_CSV_COLUMNS) as [Field, readonly string[]][]).flatMap(([f, names]) => names.map((n) => [key(n), f] as const)),
);

/** One record of the file: its cells and the 1-based line it starts on. */
interface CsvRecord {
  line: number;
  cells: string[];
}

/** The delimiter of the header line: the most frequent of `;`, tab and `,` outside quotes. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((c) => c > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

/** Split CSV text into records (RFC 4180 quoting), or report where a quote is never closed. */
function records(text: string, delimiter: string): { rows: CsvRecord[]; unclosed?: number } {
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  // Whether the cell so far is blank (cell.trim() === ''), kept as we go: trimming a long cell
  // at every quote made a 1 MB line of a"a"a"… take minutes.
  let blank = true;
  const add = (s: string) => {
    cell += s;
    if (blank && s.trim() !== '') blank = false;
  };
  const endRecord = () => {
    cells.push(cell);
    rows.push({ line: start, cells });
    cells = [];
    cell = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        add('"');
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        add(ch);
      }
    } else if (ch === '"' && blank) {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      blank = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else add(ch);
  }
  if (quoted) {
    return { rows, unclosed: quoteLine };
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { rows: rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })) };
}

const show = (v: string) => JSON.stringify(v);

/** A decimal written the Indonesian way: 0,35. */
const idNum = (x: number) => String(x).replace('.', ',');

/** The first letter upper case (an Indonesian sentence starts with one; the English keeps its own). */
const upper = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** A problem at a row (and column), its message prefixed with both in each language. */
function problem(row: number, column: string | undefined, value: string | undefined, what: RosterCsvText): RosterCsvProblem {
  const en = `row ${row}${column !== undefined ? `, column ${show(column)}` : ''}: ${what.en}`;
  const id = `Baris ${row}${column !== undefined ? `, kolom ${show(column)}` : ''}: ${what.id}`;
  return { row, column, value, message: en, text: { en, id } };
}

/**
 * Read a roster CSV (one row per member) into `members.roster` entries, with warnings for what was
 * ignored or defaulted. Throws {@link RosterCsvError} listing every wrong row at once.
 */
export function parseRosterCsv(text: string, source?: string): { roster: RosterEntry[]; warnings: string[]; warningTexts: RosterCsvText[] } {
  const fail = (problems: RosterCsvProblem[]): never => {
    throw new RosterCsvError(problems, source);
  };
  if (text.length > MAX_ROSTER_CHARS) {
    const n = text.length.toLocaleString('en');
    fail([problem(1, undefined, undefined, {
      en: `the file has ${n} characters; a roster file is at most ${MAX_ROSTER_CHARS.toLocaleString('en')} (${MAX_ROWS} members take a few KB)`,
      id: `berkas ini berisi ${n} karakter; berkas daftar anggota paling banyak ${MAX_ROSTER_CHARS.toLocaleString('id')} karakter (${MAX_ROWS} anggota hanya beberapa KB)`,
    })]);
  }
  let body = text.replace(/^\uFEFF/, '');
  let skipped = 0;
  // Excel writes "sep=;" as a first line to name the delimiter.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    body = body.slice(sep[0].length);
    skipped = 1;
  }
  const delimiter = sep ? sep[1] : detectDelimiter(body);
  const parsed = records(body, delimiter);
  if (parsed.unclosed !== undefined) {
    fail([problem(parsed.unclosed + skipped, undefined, undefined, {
      en: 'a quoted field opened on this line is never closed (a " is missing)',
      id: 'tanda kutip yang dibuka di baris ini tidak pernah ditutup (kurang satu ")',
    })]);
  }
  const all = parsed.rows
    .map((r) => ({ line: r.line + skipped, cells: r.cells }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (all.length === 0) {
    const en = 'the file is empty: it needs a header row (role and scores) and one row per member';
    fail([{ row: 1, message: en, text: { en, id: 'Berkasnya kosong: perlu baris judul (peran dan skor) dan satu baris per anggota' } }]);
  }
  const [header, ...rows] = all;
  const warningTexts: RosterCsvText[] = [];
  const warn = (en: string, id: string) => warningTexts.push({ en, id: upper(id) });
  const problems: RosterCsvProblem[] = [];
  const at = (row: number, column: string | undefined, value: string | undefined, en: string, id: string) =>
    problems.push(problem(row, column, value, { en, id }));

  // Columns: which field each header names.
  const column = new Map<Field, number>();
  const unknown: string[] = [];
  header.cells.forEach((h, c) => {
    if (h === '') {
      if (rows.some((r) => (r.cells[c] ?? '') !== '')) warn(`column ${c + 1} has no header; its values are ignored`, `kolom ${c + 1} tidak punya judul; isinya diabaikan`);
      return;
    }
    const field = HEADER_FIELD.get(key(h));
    if (!field) unknown.push(h);
    else if (column.has(field)) {
      const first = show(header.cells[column.get(field)!]);
      at(header.line, h, undefined, `column ${first} already gives ${field}; give each field once`, `kolom ${first} sudah berisi ${ID_WORD[field]}; setiap isian cukup satu kolom`);
    } else column.set(field, c);
  });
  if (unknown.length) {
    const known = Object.values(ROSTER_CSV_COLUMNS).flat().join(', ');
    warn(`columns not recognised, ignored: ${unknown.map(show).join(', ')} (recognised: ${known})`, `kolom tidak dikenal, diabaikan: ${unknown.map(show).join(', ')} (yang dikenal: ${known})`);
  }
  if (!column.has('role')) {
    const names = ROSTER_CSV_COLUMNS.role.join(', ');
    at(header.line, undefined, undefined, `no role column; name it one of ${names}`, `tidak ada kolom peran; beri judul salah satu dari: ${names}`);
  }
  const scores = SCORES.filter((f) => column.has(f));
  if (scores.length === 0) {
    at(header.line, undefined, undefined,
      `no score column; give at least one of ${SCORES.map((f) => `${f} (${ROSTER_CSV_COLUMNS[f].filter((n) => n !== f).join(', ')})`).join(', ')}`,
      `tidak ada kolom skor; beri paling sedikit satu dari: ${SCORES.map((f) => `${ID_WORD[f]} (${ROSTER_CSV_COLUMNS[f].filter((n) => n !== ID_WORD[f]).join(', ')})`).join(', ')}`);
  }
  if (problems.length) fail(problems);
  const missing = SCORES.filter((f) => f !== 'trust' && !column.has(f)) as Exclude<ScoreField, 'trust'>[];
  if (missing.length) {
    warn(`no column for ${missing.join(', ')}: every member takes the default (${missing.map((f) => `${f} ${DEFAULTS[f]}`).join(', ')})`,
      `tidak ada kolom ${missing.map((f) => ID_WORD[f]).join(', ')}: semua anggota memakai nilai bawaan (${missing.map((f) => `${ID_WORD[f]} ${idNum(DEFAULTS[f])}`).join('; ')})`);
  }
  if (!column.has('trust')) {
    warn('no trust column: initial trust comes from group.priorAcquaintance alone',
      'tidak ada kolom kepercayaan: kepercayaan awal hanya ditentukan oleh seberapa kenal anggota sebelum membentuk kelompok (group.priorAcquaintance)');
  }
  const nameCol = column.get('name') ?? column.get('id');
  if (nameCol === undefined) warn('no name or id column: members are known by their number', 'tidak ada kolom nama atau nomor: anggota dikenali dari nomor urutnya');

  if (rows.length < MIN_ROWS) {
    at(header.line, undefined, undefined,
      `the file lists ${rows.length} member${rows.length === 1 ? '' : 's'}; a roster needs ${MIN_ROWS} to ${MAX_ROWS} (one row each)`,
      `berkas ini berisi ${rows.length} anggota; daftar anggota perlu ${MIN_ROWS} sampai ${MAX_ROWS} anggota (satu baris per anggota)`);
  }
  if (rows.length > MAX_ROWS) {
    at(rows[MAX_ROWS].line, undefined, undefined,
      `member ${MAX_ROWS + 1} of ${rows.length}; a roster has at most ${MAX_ROWS} members (group.size's range)`,
      `anggota ke-${MAX_ROWS + 1} dari ${rows.length}; daftar anggota paling banyak ${MAX_ROWS} anggota (batas jumlah anggota kelompok)`);
  }
  if (header.cells.length > 0) {
    for (const r of rows) {
      const extra = r.cells.slice(header.cells.length).filter((c) => c !== '');
      if (extra.length) {
        warn(`row ${r.line} has ${extra.length} value${extra.length === 1 ? '' : 's'} beyond the header's columns, ignored: ${extra.map(show).join(', ')}`,
          `baris ${r.line} berisi ${extra.length} nilai di luar kolom yang berjudul, diabaikan: ${extra.map(show).join(', ')}`);
      }
    }
  }

  // Rows, cell by cell.
  const heading = (f: Field) => header.cells[column.get(f)!];
  const officers = new Map<RoleName, number>();
  const names = new Map<string, number>();
  const entries: Record<string, unknown>[] = rows.map((r) => {
    const cell = (f: Field) => r.cells[column.get(f)!] ?? '';
    const e: Record<string, unknown> = {};
    if (nameCol !== undefined) {
      const name = r.cells[nameCol] ?? '';
      const col = header.cells[nameCol];
      if (name.length > MAX_NAME) at(r.line, col, name, `a name of ${name.length} characters; allowed: at most ${MAX_NAME}`, `nama sepanjang ${name.length} karakter; boleh: paling panjang ${MAX_NAME}`);
      else if (name !== '') {
        e.name = name;
        const first = names.get(name.toLowerCase());
        if (first !== undefined) warn(`rows ${first} and ${r.line} have the same name ${show(name)}`, `baris ${first} dan ${r.line} memakai nama yang sama, ${show(name)}`);
        else names.set(name.toLowerCase(), r.line);
      }
    }
    const roleText = cell('role');
    const role = ROLE_WORDS.get(roleText.toLowerCase());
    if (!role) {
      at(r.line, heading('role'), roleText,
        `got ${show(roleText)}; allowed: ketua (chair, leader), sekretaris (secretary), bendahara (treasurer), anggota (member) or empty for anggota`,
        `isinya ${show(roleText)}; boleh: ketua, sekretaris, bendahara, anggota, atau kosong untuk anggota (juga dalam bahasa Inggris: chair, leader, secretary, treasurer, member)`);
    }
    else {
      e.role = role;
      if (role !== 'anggota') {
        const first = officers.get(role);
        if (first !== undefined) {
          at(r.line, heading('role'), roleText,
            `a second ${role} (the first is on row ${first}); a roster has at most one ketua, one sekretaris and one bendahara`,
            `${role} kedua (${show(roleText)}; yang pertama di baris ${first}); daftar anggota paling banyak punya satu ketua, satu sekretaris dan satu bendahara`);
        }
        else officers.set(role, r.line);
      }
    }
    for (const f of scores) {
      const text = cell(f);
      const s = /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
      if (!(s >= 1 && s <= 5)) {
        const found = text === '' ? 'an empty cell' : `got ${show(text)}`;
        const hint = s >= 0 && s < 1 ? ' (scores on 0–1 are not accepted: give the survey answer)' : '';
        const foundId = text === '' ? 'selnya kosong' : `isinya ${show(text)}`;
        const hintId = s >= 0 && s < 1 ? ' (skor 0–1 tidak diterima: isikan jawaban survei)' : '';
        at(r.line, heading(f), text,
          `${found}; allowed: 1–5, a survey score (decimals such as 3,5 or 3.5 allowed)${hint}`,
          `${foundId}; boleh: 1–5, skor survei (desimal seperti 3,5 atau 3.5 boleh)${hintId}`);
      } else e[f] = (s - 1) / 4;
    }
    if (column.has('disposition')) {
      const text = cell('disposition');
      const d = DISPOSITION_WORDS.get(key(text));
      if (d) e.disposition = d;
      else if (text !== '') {
        at(r.line, heading('disposition'), text,
          `got ${show(text)}; allowed: ${DISPOSITIONS.join(', ')} (bersyarat, penumpang gelap, tanpa syarat) or empty for conditional`,
          `isinya ${show(text)}; boleh: bersyarat, penumpang gelap, tanpa syarat, atau kosong untuk bersyarat (juga dalam bahasa Inggris: ${DISPOSITIONS.join(', ')})`);
      }
    }
    if (column.has('hiddenAgenda')) {
      const text = cell('hiddenAgenda').toLowerCase();
      if (YES.has(text)) e.hiddenAgenda = true;
      else if (NO.has(text)) e.hiddenAgenda = false;
      else {
        const given = show(cell('hiddenAgenda'));
        at(r.line, heading('hiddenAgenda'), cell('hiddenAgenda'), `got ${given}; allowed: ya/tidak, yes/no, 1/0, or empty for no`, `isinya ${given}; boleh: ya/tidak, yes/no, 1/0, atau kosong untuk tidak`);
      }
    }
    return e;
  });
  if (problems.length) fail(problems.sort((a, b) => a.row - b.row));

  // Last, the scenario schema itself: whatever it refuses is named by row and column too.
  try {
    const roster = parseScenario({ members: { roster: entries } }).members.roster!;
    return { roster, warnings: warningTexts.map((w) => w.en), warningTexts };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return fail(
      e.problems.map((p) => {
        const m = /^members\.roster\[(\d+)\]\.?(\w*)/.exec(p.path);
        const row = m ? rows[Number(m[1])].line : header.line;
        const field = m?.[2] as Field | undefined;
        const col = field && column.has(field) ? heading(field) : undefined;
        const what = p.value === '' ? 'isian ini' : `nilai ${show(p.value)}`;
        return problem(row, col || undefined, p.value, {
          en: p.message,
          id: `skenario tidak menerima ${what} (pesan aslinya dalam bahasa Inggris: ${p.message})`,
        });
      }),
    );
  }
}

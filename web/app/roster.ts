/**
 * A roster file chosen in the page, read into the scenario's member roster (src/io/roster-csv.ts
 * does the reading and names every bad row). Files from Excel on Windows may not be UTF-8: they
 * are read as Windows-1252 then, so names with accents survive.
 */
import { decodeRosterBytes, parseRosterCsv, RosterCsvError, type RosterEntry } from '../../src/browser.ts';
import { DICTS, formats, type Lang } from './i18n.ts';

const MAX_BYTES = 1024 * 1024;

export type RosterRead = { ok: true; roster: RosterEntry[]; warnings: string[] } | { ok: false; problems: string[] };

/** Decode a file's bytes: UTF-8 if they are, else Windows-1252 (as the command line's --roster). */
export const decodeText = decodeRosterBytes;

/** Read and check a roster from its text: every warning and problem in the page's language. */
export function rosterFromText(text: string, lang: Lang): RosterRead {
  try {
    const { roster, warningTexts } = parseRosterCsv(text);
    return { ok: true, roster, warnings: warningTexts.map((w) => w[lang]) };
  } catch (e) {
    if (!(e instanceof RosterCsvError)) return { ok: false, problems: [String((e as Error)?.message ?? e)] };
    return { ok: false, problems: e.problems.map((p) => p.text[lang]) };
  }
}

/** A roster file as read: its text (null when it is too big to be a roster) and its size. */
export interface RosterFile {
  name: string;
  size: number;
  text: string | null;
}

export async function loadRosterFile(file: File | Blob, name = file instanceof File ? file.name : 'roster.csv'): Promise<RosterFile> {
  return { name, size: file.size, text: file.size > MAX_BYTES ? null : decodeText(new Uint8Array(await file.arrayBuffer())) };
}

/** Check a roster file, in the page's language (kept as text, so a language switch re-words it). */
export function checkRosterFile(f: RosterFile, lang: Lang): RosterRead {
  if (f.text === null) return { ok: false, problems: [DICTS[lang].roster.tooBig(formats(lang).num(f.size / MAX_BYTES, 1))] };
  return rosterFromText(f.text, lang);
}

export async function readRoster(file: Blob, lang: Lang): Promise<RosterRead> {
  return checkRosterFile(await loadRosterFile(file), lang);
}

/**
 * One week's story for every group on show, narrated once per run, week and language: the story
 * and the pulse of the members concerned share the lines.
 */
import type { Trace } from '../../src/browser.ts';
import type { Lang } from '../app/i18n.ts';
import { narrateFrame, type Line } from './narrate.ts';

export interface WeekLines {
  f: number;
  lines: { line: Line; panel: number }[];
}

const told = new WeakMap<Trace, Map<string, Line[]>>();

function linesOf(t: Trace, f: number, lang: Lang): Line[] {
  let byWeek = told.get(t);
  if (!byWeek) told.set(t, (byWeek = new Map()));
  const key = `${lang}${f}`;
  let lines = byWeek.get(key);
  if (!lines) byWeek.set(key, (lines = narrateFrame(t, f, lang)));
  return lines;
}

export function weekLines(traces: Trace[], f: number, lang: Lang): WeekLines {
  return { f, lines: traces.flatMap((t, panel) => linesOf(t, f, lang).map((line) => ({ line, panel }))) };
}

/** The members a week's events concern in one group: those of the trainer's events and of the bad news. */
export function pulsed(week: WeekLines, panel: number): number[] {
  return [...new Set(week.lines.filter(({ line, panel: p }) => p === panel && (line.injected || line.tone === 'bad')).flatMap(({ line }) => line.members))];
}

/**
 * The page's link: the settings (settings.ts toQuery/fromQuery) and, once "How sure is this?" has
 * run, the comparison it ran — A's settings in `a` (a query string of its own), and `worlds`,
 * `worlds-from`, `worlds-reps` as the command line's flags, and `worlds-outcome` (the outcome
 * asked about, left out when it is the default, survival, so older links read as before) — so
 * that opening the link runs A, pins it, runs B and runs the same worlds, giving the same numbers. Every part is checked by zod
 * and a problem names the parameter, what it held and what is allowed.
 */
import { z } from 'zod';
import { checkHowSure, HOW_SURE_OUTCOME, type HowSureForm, type HowSureOutcome, type HowSureRun } from './how-sure.ts';
import { DICTS, type Lang } from './i18n.ts';
import { fromQuery, toQuery, type FieldProblem, type Settings } from './settings.ts';

/** The link's parameters beyond the settings. */
export const LINK_KEYS = ['a', 'worlds', 'worlds-from', 'worlds-reps', 'worlds-outcome'] as const;

/** A comparison in a link: A's settings, and the worlds to run it across (or none). */
export interface CompareLink {
  a: Settings;
  howSure: HowSureForm | null;
}

/** At most what a roster of 30 members and every setting changed take, with room to spare. */
const MAX_A = 20_000;

function linkSchema(lang: Lang) {
  const D = DICTS[lang].howSure;
  return z.object({
    a: z.string().max(MAX_A, { error: () => D.linkTooLong(MAX_A) }).nullable(),
    worlds: z.string().nullable(),
    'worlds-from': z.string().nullable(),
    'worlds-reps': z.string().nullable(),
    'worlds-outcome': z.string().nullable(),
  });
}

/** The settings, the comparison and every problem of a link's query string. */
export function readLink(search: string, lang: Lang): { settings: Settings; problems: FieldProblem[]; link: CompareLink | null } {
  const { settings, problems } = fromQuery(search, lang);
  const q = new URLSearchParams(search);
  const D = DICTS[settings.lang].howSure;
  const raw = Object.fromEntries(LINK_KEYS.map((k) => [k, q.get(k)]));
  const parsed = linkSchema(settings.lang).safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push({ key: String(i.path[0]), value: String(raw[String(i.path[0])] ?? '').slice(0, 24), message: i.message });
    return { settings, problems, link: null };
  }
  const p = parsed.data;
  const worldsKeys = (['worlds', 'worlds-from', 'worlds-reps', 'worlds-outcome'] as const).filter((k) => p[k] !== null);
  const worldsGiven = worldsKeys.length > 0;
  // A problem of the worlds as a whole is put on the first of their parts the link has.
  const first = worldsKeys[0];
  if (p.a === null) {
    if (worldsGiven) problems.push({ key: first, value: p[first]!, message: D.worldsWithoutA });
    return { settings, problems, link: null };
  }
  const a = fromQuery(p.a, settings.lang);
  if (a.problems.length) {
    problems.push(...a.problems.map((x) => ({ key: `a: ${x.key}`, value: x.value, message: x.message })));
    return { settings, problems, link: null };
  }
  const aSettings = { ...a.settings, lang: settings.lang };
  if (!worldsGiven) return { settings, problems, link: { a: aSettings, howSure: null } };
  if (p.worlds === null || p['worlds-from'] === null || p['worlds-reps'] === null) {
    problems.push({ key: first, value: p[first]!, message: D.worldsIncomplete });
    return { settings, problems, link: { a: aSettings, howSure: null } };
  }
  // Numbers in a link are written the code's way, whatever the page's language.
  // The outcome is checked by the form's schema with the rest (zod's enum names what is allowed).
  const fields = { source: p['worlds-from'] as HowSureForm['source'], worlds: p.worlds, reps: p['worlds-reps'], outcome: (p['worlds-outcome'] ?? HOW_SURE_OUTCOME) as HowSureOutcome };
  const form = checkHowSure(fields, 'en');
  if ('problems' in form) {
    const again = checkHowSure(fields, settings.lang);
    const words = 'problems' in again ? again : form;
    const param = { source: 'worlds-from', worlds: 'worlds', reps: 'worlds-reps', outcome: 'worlds-outcome' } as const;
    words.problems.forEach((message, i) => {
      const key = param[words.fields[i]] ?? 'worlds';
      problems.push({ key, value: p[key] ?? '', message });
    });
    return { settings, problems, link: { a: aSettings, howSure: null } };
  }
  return { settings, problems, link: { a: aSettings, howSure: form.form } };
}

/**
 * The page's query: its settings and, when the worlds shown are of the comparison on show (A is
 * the one pinned, B the settings), that comparison.
 */
export function pageQuery(state: { settings: Settings; pinnedSettings: Settings | null; howSure: Pick<HowSureRun, 'a' | 'b' | 'form' | 'state'> | null }, same: (x: Settings, y: Settings) => boolean): string {
  const q = toQuery(state.settings);
  const h = state.howSure;
  if (!h || h.state !== 'complete' || !state.pinnedSettings || !same(h.a, state.pinnedSettings) || !same(h.b, state.settings)) return q;
  const extra = new URLSearchParams();
  extra.set('a', toQuery({ ...h.a, lang: 'en' }).replace(/^\?/, ''));
  extra.set('worlds', String(h.form.worlds));
  extra.set('worlds-from', h.form.source);
  extra.set('worlds-reps', String(h.form.reps));
  if (h.form.outcome !== HOW_SURE_OUTCOME) extra.set('worlds-outcome', h.form.outcome);
  return `${q || '?'}${q ? '&' : ''}${extra.toString()}`;
}

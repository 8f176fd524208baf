/**
 * What the planner has chosen — a preset from scenarios/, the parameters changed on top of it, a
 * loaded roster, the seed, the replications and the language — and its round trip through the
 * page's URL. The scenario simulated is always `preset + changes (+ roster)`, the same thing
 * `kube-sim ensemble <preset> --seed S --reps N --set PATH=VALUE…` runs, so a shared link and the
 * command line give the same numbers, bit for bit.
 *
 * Every value that comes in (a control, a URL) is checked here against the schema's metadata, and
 * a problem names the field, the value and what is allowed, in the page's language.
 */
import { z } from 'zod';
import {
  parseScenario,
  ScenarioError,
  settableParameters,
  withOverrides,
  type Override,
  type ParameterInfo,
  type RosterEntry,
  type Scenario,
} from '../../src/browser.ts';
import { DICTS, formats, LANGS, type Lang } from './i18n.ts';

/** The scenario files of scenarios/, bundled: `default`, `cempaka`, `tulip`, the packages… */
const files = import.meta.glob<{ default: unknown }>('../../scenarios/*.json', { eager: true });

export interface Preset {
  id: string;
  file: string;
  scenario: Scenario;
}

/** Presets in the picker's order: the default, the two case groups, then the rest by name. */
export const PRESETS: Preset[] = Object.entries(files)
  .map(([path, mod]) => {
    const id = path.replace(/^.*\/([\w-]+)\.json$/, '$1');
    return { id, file: `scenarios/${id}.json`, scenario: parseScenario(mod.default, `scenarios/${id}.json`) };
  })
  .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));

function rank(id: string): number {
  return ['default', 'cempaka', 'tulip'].indexOf(id) + 1 || 4;
}

export const PRESET_IDS = PRESETS.map((p) => p.id);

export function preset(id: string): Preset {
  const p = PRESETS.find((d) => d.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

/** Limits of what the browser runs (the command line has none of these). */
export const LIMITS = {
  reps: { min: 1, max: 20_000, default: 500 },
  /** Runs in one browser sweep (values × runs per value). */
  sweepRuns: 40_000,
} as const;

export const SEED_MAX = 4294967295;

/** The planner's choices: all plain data, serialisable to a URL and to local storage. */
export interface Settings {
  preset: string;
  /** Parameters changed on top of the preset, by dotted path. */
  set: Override;
  roster: RosterEntry[] | null;
  /** Where the roster came from (a file name), for the page. */
  rosterFile: string | null;
  seed: number;
  reps: number;
  lang: Lang;
}

export function defaultSettings(lang: Lang = 'en'): Settings {
  const p = preset('default');
  return { preset: p.id, set: {}, roster: null, rosterFile: null, seed: p.scenario.seed, reps: LIMITS.reps.default, lang };
}

/** The scenario the settings describe (throws a ScenarioError if they do not fit together). */
export function scenarioOf(s: Settings): Scenario {
  let sc = preset(s.preset).scenario;
  // As the CLI's --roster: the members go in before the changes, and the roster sets the size.
  if (s.roster) {
    const { size: _size, ...group } = sc.group;
    sc = parseScenario({ ...sc, group, members: { ...sc.members, roster: s.roster } }, 'roster');
  }
  if (Object.keys(s.set).length) sc = withOverrides(sc, s.set, 'settings');
  return { ...sc, seed: s.seed };
}

/** A problem with one input: which field, what it held, what is wrong (in the page's language). */
export interface FieldProblem {
  key: string;
  value: string;
  message: string;
}

/**
 * Read a number typed in either language's style: "0,5" and "25.000.000" in Indonesian,
 * "0.5" and "25,000,000" in English. Returns NaN for anything else.
 */
export function parseNumberText(text: string, lang: Lang): number {
  let t = text.trim().replace(/\s|Rp/gi, '').replace(/^−/, '-');
  if (!t) return Number.NaN;
  const [group, decimal] = lang === 'id' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  if (grouped.test(t)) t = t.split(group).join('');
  // In Indonesian a lone "0.5" (an English keyboard habit) still reads as a decimal point.
  t = t.replace(decimal, '.');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * "20.000" typed on an English page or "20,000" on an Indonesian one: twenty thousand written
 * the other language's way, or twenty? Where either reading is allowed (a whole number, a sum of
 * rupiah), it is asked again rather than read as twenty without a word; where neither reading is
 * in the range, the range is what needs saying.
 */
function ambiguous(raw: string, lang: Lang, lo: number, hi: number): FieldProblem | null {
  const t = raw.trim();
  const other = lang === 'id' ? ',' : '.';
  if (!new RegExp(`^\\d{1,3}(\\${other}\\d{3})+$`).test(t)) return null;
  const plain = t.split(other).join('');
  const big = Number(plain);
  const f = formats(lang);
  const fits = (x: number) => x >= lo && x <= hi;
  const d = DICTS[lang].field;
  // "1.000.000" can only be a million: asked, to be sure, but without a second reading.
  if (t.split(other).length > 2) return fits(big) ? { key: '', value: raw, message: d.thousands(raw, f.int(big), plain) } : null;
  const small = Number(t.replace(other, '.'));
  if (!fits(big) && !fits(small)) return null;
  return { key: '', value: raw, message: d.ambiguous(raw, f.int(big), f.short(small), plain) };
}

const isRupiah = (info: ParameterInfo) => info.unit === 'Rp' || info.unit === 'Rp/month';

/**
 * A parameter's value as its field shows it, and as messages quote it: "25.000.000" or "0,5" in
 * Indonesian; a sum with cents keeps them (never shown rounded).
 */
export function valueText(info: ParameterInfo, v: unknown, lang: Lang): string {
  if (typeof v !== 'number') return String(v ?? '');
  if (isRupiah(info)) return Number.isInteger(v) ? formats(lang).int(v) : formats(lang).num(v, 2);
  return lang === 'id' ? String(v).replace('.', ',') : String(v);
}

/**
 * Check one parameter's value, as typed or as found in a URL, against the schema's unit, range
 * and options. Returns the value to set, or the problem.
 */
export function checkParameter(path: string, raw: string, lang: Lang): { value: number | string | boolean } | { problem: FieldProblem } {
  const d = DICTS[lang];
  const info = settableParameters().get(path);
  const bad = (message: string) => ({ problem: { key: path, value: raw, message } });
  // A key that is empty or not a plain word ("?=1", "?a b=1") is quoted, so the message names it.
  if (!info || path === 'seed' || path === 'members.roster') return bad(d.url.unknown(/^[\w.$-]+$/.test(path) ? path : JSON.stringify(path)));
  if (info.options) {
    return info.options.includes(raw) ? { value: raw } : bad(d.field.oneOf(raw, info.options.map((o) => d.options[o] ?? o).join(', ')));
  }
  if (info.unit === 'yes/no') {
    return raw === 'true' || raw === 'false' ? { value: raw === 'true' } : bad(d.field.oneOf(raw, 'true, false'));
  }
  const lo = info.min ?? -Infinity;
  const hi = info.max ?? Infinity;
  // Whole numbers and sums of rupiah are where thousands marks get typed.
  const unsure = info.int || isRupiah(info) ? ambiguous(raw, lang, lo, hi) : null;
  if (unsure) return bad(unsure.message);
  const v = parseNumberText(raw, lang);
  const show = (x: number) => valueText(info, x, lang);
  if (!Number.isFinite(v)) return bad(d.field.notNumber(raw, show(lo), show(hi)));
  if (v < lo || v > hi) return bad(d.field.outOfRange(show(v), show(lo), show(hi)));
  if (info.int && !Number.isInteger(v)) return bad(d.field.notWhole(show(v)));
  return { value: v };
}

/** The run's whole-number settings and their allowed ranges. */
export const RUN_SETTINGS = {
  seed: [0, SEED_MAX],
  reps: [LIMITS.reps.min, LIMITS.reps.max],
} as const satisfies Record<string, readonly [number, number]>;
export type RunSetting = keyof typeof RUN_SETTINGS;

/** The seed or the replications, checked against their range. */
export function checkRunSetting(key: RunSetting, raw: string, lang: Lang): { value: number } | { problem: FieldProblem } {
  const [lo, hi] = RUN_SETTINGS[key];
  return checkWhole(key, raw, lo, hi, lang);
}

/** A whole-number setting (the run's, the sweep form's) checked the same way. */
export function checkWhole(key: string, raw: string, lo: number, hi: number, lang: Lang): { value: number } | { problem: FieldProblem } {
  const d = DICTS[lang];
  const f = formats(lang);
  const unsure = ambiguous(raw, lang, lo, hi);
  if (unsure) return { problem: { ...unsure, key } };
  const v = parseNumberText(raw, lang);
  if (!Number.isFinite(v)) return { problem: { key, value: raw, message: d.field.notNumber(raw, f.int(lo), f.int(hi)) } };
  if (v < lo || v > hi) return { problem: { key, value: raw, message: d.field.outOfRange(f.int(v), f.int(lo), f.int(hi)) } };
  if (!Number.isInteger(v)) return { problem: { key, value: raw, message: d.field.notWhole(raw) } };
  return { value: v };
}

/**
 * The problems of settings that pass field by field but not together (the shares of
 * dispositions, the profit shares, the smallest group), each put on the field a planner would
 * change, in the page's language.
 */
export function combinedProblems(e: ScenarioError, lang: Lang, size: number): FieldProblem[] {
  const d = DICTS[lang];
  return e.problems.map((p) => {
    if (p.path.startsWith('members.dispositions')) return { key: 'members.dispositions.freeRider', value: p.value, message: d.field.dispositions };
    if (p.path.startsWith('finance')) return { key: 'finance.reinvestShare', value: p.value, message: d.field.finance };
    if (p.path === 'group.minMembers') return { key: 'group.minMembers', value: p.value, message: d.field.minMembers(size) };
    return { key: p.path, value: p.value, message: d.field.other(p.message) };
  });
}

// ---------------------------------------------------------------- the URL

// The comparison's parameters (link.ts LINK_KEYS) are read there, not as settings.
const RESERVED = ['preset', 'seed', 'reps', 'lang', 'roster', 'a', 'worlds', 'worlds-from', 'worlds-reps', 'worlds-outcome'] as const;

const RosterParam = z.string().max(20_000).regex(/^[A-Za-z0-9_-]*$/);

/** Settings as a query string: only what differs from the defaults, in a stable order. */
export function toQuery(s: Settings): string {
  const q = new URLSearchParams();
  const p = preset(s.preset);
  if (s.preset !== 'default') q.set('preset', s.preset);
  if (s.seed !== p.scenario.seed) q.set('seed', String(s.seed));
  if (s.reps !== LIMITS.reps.default) q.set('reps', String(s.reps));
  if (s.lang !== 'en') q.set('lang', s.lang);
  for (const path of Object.keys(s.set).sort()) q.set(path, String(s.set[path]));
  if (s.roster) q.set('roster', base64url(JSON.stringify(s.roster)));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * Settings from a query string. Whatever is wrong is left out and reported (a tampered or
 * truncated link still opens, on what could be read); nothing here throws.
 */
export function fromQuery(search: string, fallbackLang: Lang = 'en'): { settings: Settings; problems: FieldProblem[] } {
  const q = new URLSearchParams(search);
  const problems: FieldProblem[] = [];
  const langRaw = q.get('lang');
  const lang: Lang = (LANGS as readonly string[]).includes(langRaw ?? '') ? (langRaw as Lang) : fallbackLang;
  const d = DICTS[lang];
  if (langRaw !== null && langRaw !== lang) problems.push({ key: 'lang', value: langRaw, message: `${d.lang.label}: en, id` });
  // A key given twice: the first is read, the others are named (a link edited by hand).
  const seen = new Set<string>();
  for (const [key, value] of q) {
    if (seen.has(key)) problems.push({ key, value, message: d.url.repeated(key) });
    seen.add(key);
  }
  const s = defaultSettings(lang);

  const presetRaw = q.get('preset');
  if (presetRaw !== null) {
    if (PRESET_IDS.includes(presetRaw)) s.preset = presetRaw;
    else problems.push({ key: 'preset', value: presetRaw, message: `${d.preset.label}: ${PRESET_IDS.join(', ')}` });
  }
  s.seed = preset(s.preset).scenario.seed;
  const seedRaw = q.get('seed');
  if (seedRaw !== null) {
    const r = checkRunSetting('seed', seedRaw, lang);
    if ('value' in r) s.seed = r.value;
    else problems.push({ ...r.problem, message: `${d.run.seed}: ${r.problem.message}` });
  }
  const repsRaw = q.get('reps');
  if (repsRaw !== null) {
    const r = checkRunSetting('reps', repsRaw, lang);
    if ('value' in r) s.reps = r.value;
    else problems.push({ ...r.problem, message: `${d.run.reps}: ${r.problem.message}` });
  }

  const read: [string, string, number | string | boolean][] = [];
  const once = new Set<string>();
  for (const [key, raw] of q) {
    if ((RESERVED as readonly string[]).includes(key) || once.has(key)) continue;
    once.add(key);
    // Values in a URL are written the code's way ("0.5"), whatever the page's language.
    const r = checkParameter(key, raw, 'en');
    if ('problem' in r) {
      const again = checkParameter(key, raw, lang);
      problems.push('problem' in again ? again.problem : r.problem);
    } else read.push([key, raw, r.value]);
  }
  // Values that only fit together (three shares changed to still add up to 1) are kept together;
  // when they do not fit, each is kept if it fits with the ones read before it.
  const all = { ...s, set: Object.fromEntries(read.map(([key, , v]) => [key, v])) };
  if (fits(all)) s.set = all.set;
  else {
    for (const [key, raw, value] of read) {
      const trial = { ...s, set: { ...s.set, [key]: value } };
      try {
        scenarioOf(trial);
        s.set = trial.set;
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        problems.push(...combinedProblems(e, lang, scenarioOf(s).group.size).map((p) => ({ ...p, key, value: raw })));
      }
    }
  }

  const rosterRaw = q.get('roster');
  if (rosterRaw !== null) {
    try {
      const text = unbase64url(RosterParam.parse(rosterRaw));
      const roster = parseScenario({ members: { roster: JSON.parse(text) } }, 'roster').members.roster!;
      scenarioOf({ ...s, roster });
      s.roster = roster;
      s.rosterFile = 'link';
    } catch (e) {
      // The schema's own words (English) only follow the page's, for whoever wrote the link.
      const why = e instanceof ScenarioError ? `${d.url.badRoster}: ${e.problems.map((p) => p.message).join('; ')}` : d.url.badRoster;
      problems.push({ key: 'roster', value: `${rosterRaw.slice(0, 24)}…`, message: why });
    }
  }
  return { settings: s, problems };
}

function fits(s: Settings): boolean {
  try {
    scenarioOf(s);
    return true;
  } catch (e) {
    if (e instanceof ScenarioError) return false;
    throw e;
  }
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The command line that gives the same numbers (when the settings hold no roster). */
export function cliCommand(s: Settings): string {
  const parts = ['npx kube-sim ensemble', s.preset, `--seed ${s.seed}`, `--reps ${s.reps}`];
  for (const path of Object.keys(s.set).sort()) parts.push(`--set ${path}=${s.set[path]}`);
  // The roster file by the name it was loaded from (a roster that came in a link has none).
  if (s.roster) parts.push(`--roster ${shellWord(s.rosterFile && s.rosterFile !== 'link' ? s.rosterFile : 'roster.csv')}`);
  return parts.join(' ');
}

/** A word for a shell command line: quoted when it holds anything but safe characters. */
function shellWord(w: string): string {
  return /^[\w./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}


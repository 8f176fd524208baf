/**
 * The planners' page's sentences made from its state: what a result is of, what differs between
 * A and B, a preset's description with the schema's labels, the fields' problems in the page's
 * language. Pure: tested without a page.
 */
import { parameterTable, settableParameters } from '../../src/browser.ts';
import { DICTS, formats, type Lang } from './i18n.ts';
import { sectionOf, SECTION_ORDER } from './params.ts';
import type { EnsembleRun } from './session.ts';
import { checkParameter, checkRunSetting, preset, RUN_SETTINGS, toQuery, valueText, type FieldProblem, type RunSetting, type Settings } from './settings.ts';
import type { PageState, Problem } from './store.ts';

/** A result's name: "KUBE Tulip (failed) + 1 setting changed + roster of 10 from group.csv". */
export function presetLabelOf(s: Settings, lang: Lang): string {
  const D = DICTS[lang];
  const n = Object.keys(s.set).length;
  const roster = s.roster ? ` + ${D.roster.members(s.roster.length, s.rosterFile && s.rosterFile !== 'link' ? s.rosterFile : '')}` : '';
  return `${D.preset.names[s.preset] ?? s.preset}${n ? ` + ${D.preset.changed(n)}` : ''}${roster}`;
}

/** The same scenario, seed and replications (the language aside). */
export function sameSettings(a: Settings, b: Settings): boolean {
  return toQuery({ ...a, lang: 'en' }) === toQuery({ ...b, lang: 'en' });
}

/** What the results line says of a run: its name, how many runs, whether it stopped early. */
export function resultsLine(run: EnsembleRun, lang: Lang): string {
  const D = DICTS[lang];
  const f = formats(lang);
  const { settings: s, done, state } = run;
  const label = presetLabelOf(s, lang);
  if (state === 'failed') return D.results.ofFailed(label, f.int(done), f.int(s.reps), s.seed);
  if (state === 'cancelled') return D.results.ofCancelled(label, f.int(done), f.int(s.reps), s.seed);
  if (state === 'running') return D.results.ofRunning(label, f.int(done), f.int(s.reps), s.seed);
  return D.results.of(label, f.int(done), s.seed);
}

/** What an exported result chart shows: the results line, the changes by name, and A if pinned. */
export function resultsCaption(state: Pick<PageState, 'current' | 'pinned' | 'settings'>): string {
  const run = state.current;
  if (!run) return 'kube-sim';
  const lang = state.settings.lang;
  const changes = Object.keys(run.settings.set).sort().map((p) => `${p}=${run.settings.set[p]}`).join(', ');
  const parts = ['kube-sim', resultsLine(run, lang)];
  if (changes) parts.push(changes);
  if (state.pinned && state.pinned !== run) parts.push(`${DICTS[lang].compare.a}: ${presetLabelOf(state.pinned.settings, lang)}`);
  return parts.join(' · ');
}

/** The words of a problem in the page's language. */
function problemText(p: Problem, lang: Lang): string {
  if (p.combined) return p.combined(lang);
  const r = p.key in RUN_SETTINGS ? checkRunSetting(p.key as RunSetting, p.value, lang) : checkParameter(p.key, p.value, lang);
  return 'problem' in r ? r.problem.message : '';
}

/** Every field problem, worded in the page's language (what the fields show). */
export function wordedProblems(problems: PageState['problems'], lang: Lang): Map<string, FieldProblem> {
  return new Map([...problems].map(([k, p]) => [k, { key: k, value: p.value, message: problemText(p, lang) }]));
}

/** The parameters' fields in the page's order (sections in order, then the schema's order). */
export function fieldOrder(): string[] {
  const rank = (path: string) => SECTION_ORDER.indexOf(sectionOf(path)!);
  return parameterTable().filter((p) => sectionOf(p.path)).map((p, i) => ({ p: p.path, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
}

/** One line of "what differs": the setting's label and its value in A and in B. */
export interface SettingDiff {
  key: string;
  label: string;
  a: string;
  b: string;
}

/**
 * What differs between the settings of A and B, named as the controls name it (the schema's
 * labels) with both values: the preset, each parameter, the roster, the seed, the replications.
 */
export function settingsDiff(a: Settings, b: Settings, lang: Lang): SettingDiff[] {
  const D = DICTS[lang];
  const f = formats(lang);
  const out: SettingDiff[] = [];
  const name = (id: string) => D.preset.names[id] ?? id;
  if (a.preset !== b.preset) out.push({ key: 'preset', label: D.compare.startFrom, a: name(a.preset), b: name(b.preset) });
  const table = settableParameters();
  const paths = [...new Set([...Object.keys(a.set), ...Object.keys(b.set)])];
  const order = fieldOrder();
  paths.sort((x, y) => order.indexOf(x) - order.indexOf(y));
  for (const path of paths) {
    const info = table.get(path);
    if (!info) continue;
    const at = (s: Settings) => (path in s.set ? s.set[path] : valueOfPreset(s.preset, path));
    const [va, vb] = [at(a), at(b)];
    if (va === vb) continue;
    const show = (v: unknown) => (typeof v === 'string' ? D.options[v] ?? v : typeof v === 'boolean' ? String(v) : valueText(info, v, lang));
    const unit = D.units[info.unit] ?? '';
    const withUnit = (v: unknown) => `${show(v)}${unit && info.unit !== '0–1' && typeof v === 'number' && !/Rp/.test(info.unit) ? ` ${unit}` : ''}`;
    out.push({ key: path, label: info.text[lang], a: withUnit(va), b: withUnit(vb) });
  }
  const roster = (s: Settings) => (s.roster ? D.roster.members(s.roster.length, s.rosterFile && s.rosterFile !== 'link' ? s.rosterFile : '') : D.compare.generated);
  if (JSON.stringify(a.roster) !== JSON.stringify(b.roster)) out.push({ key: 'roster', label: D.compare.roster, a: roster(a), b: roster(b) });
  if (a.seed !== b.seed) out.push({ key: 'seed', label: D.run.seed, a: String(a.seed), b: String(b.seed) });
  if (a.reps !== b.reps) out.push({ key: 'reps', label: D.run.reps, a: f.int(a.reps), b: f.int(b.reps) });
  return out;
}

function valueOfPreset(id: string, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], preset(id).scenario);
}

/**
 * A preset's description with the parameters it quotes by their code names ("goalClarity 0.2")
 * named as the controls name them ("Clarity of the group goals agreed at formation: 0.2").
 */
export function presetDescription(text: string, lang: Lang): string {
  const leaves = new Map<string, string[]>();
  for (const p of parameterTable()) {
    const leaf = p.path.split('.').pop()!;
    leaves.set(leaf, [...(leaves.get(leaf) ?? []), p.text[lang]]);
  }
  // Only names that belong to one parameter, and only where a value follows them.
  return text.replace(/\b([a-z][A-Za-z]+)(\s+)(?=−?-?\d)/g, (whole, leaf: string) => {
    const labels = leaves.get(leaf);
    if (!labels || labels.length !== 1) return whole;
    const label = labels[0];
    // "Clarity of…" reads as a name mid-sentence in lower case; "IKS…" keeps its capitals.
    const named = /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
    return `${named}: `;
  });
}

/**
 * The planner's changes to the page's settings. A value is parsed once, here where it enters
 * (checkParameter / checkRunSetting); the scenario is built once per change (scenarioOf, which
 * also says whether the values fit together) and kept in the store for every view and run.
 */
import { ScenarioError, type RosterEntry } from '../../src/browser.ts';
import { DICTS, type Lang } from './i18n.ts';
import { sectionOf, setByRoster, valueAt, type SectionKey } from './params.ts';
import { checkRosterFile, type RosterFile } from './roster.ts';
import { checkParameter, checkRunSetting, combinedProblems, preset, RUN_SETTINGS, scenarioOf as buildScenario, type RunSetting, type Settings } from './settings.ts';
import type { PageState, Problem, Store } from './store.ts';

/** How a scenario is built from settings (a test hands in a counting one). */
export type Build = typeof buildScenario;
let build: Build = buildScenario;
export function useBuild(b: Build): void {
  build = b;
}

const isRunSetting = (key: string): key is RunSetting => key in RUN_SETTINGS;

function withProblems(store: Store, edit: (m: Map<string, Problem>) => void): Map<string, Problem> {
  const m = new Map(store.state.problems);
  edit(m);
  return m;
}

/** The group size settings would have (they may not fit together yet). */
function sizeOf(next: Settings): number {
  return next.roster?.length ?? (next.set['group.size'] as number | undefined) ?? preset(next.preset).scenario.group.size;
}

/**
 * Take new parameter settings: build their scenario; if the values do not fit together, hold the
 * change just made in its field with what is needed, else keep them (and their scenario).
 */
export function update(store: Store, next: Settings, changed?: { path: string; raw: string }): void {
  let scenario;
  try {
    scenario = build(next);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const words = (lang: Lang) => {
      // Making the group smaller than its minimum is said from the size's side.
      if (changed?.path === 'group.size' && e.problems.some((p) => p.path === 'group.minMembers')) {
        const min = (next.set['group.minMembers'] as number | undefined) ?? preset(next.preset).scenario.group.minMembers;
        return DICTS[lang].field.sizeBelowMin(min);
      }
      return combinedProblems(e, lang, sizeOf(next)).map((p) => p.message).join(' ');
    };
    // Shares that must add up are changed one at a time: keep the change, say what is needed
    // next to the field just changed, and apply everything once the values fit together.
    const problems = withProblems(store, (m) => {
      if (changed) m.set(changed.path, { key: changed.path, value: changed.raw, combined: words });
      else for (const p of combinedProblems(e, next.lang, sizeOf(next))) m.set(p.key, { key: p.key, value: p.value, combined: words });
    });
    store.update({ problems, pendingSet: changed ? next.set : store.state.pendingSet });
    return;
  }
  // Problems about the combination are gone now; a value wrong on its own stays until fixed.
  const problems = withProblems(store, (m) => {
    for (const [k, p] of m) if (p.combined) m.delete(k);
  });
  store.update({ settings: next, scenario, problems, pendingSet: null });
}

/** A parameter's field changed: its text is parsed here, once. */
export function setParameter(store: Store, path: string, raw: string): void {
  const { settings, pendingSet } = store.state;
  const r = checkParameter(path, raw.trim(), settings.lang);
  if ('problem' in r) {
    store.update({ problems: withProblems(store, (m) => m.set(path, { key: path, value: raw })) });
    return;
  }
  store.update({ problems: withProblems(store, (m) => m.delete(path)) });
  const set = { ...(pendingSet ?? settings.set) };
  if (valueAt(preset(settings.preset).scenario, path) === r.value) delete set[path];
  else set[path] = r.value;
  update(store, { ...settings, set }, { path, raw });
}

/** The seed and the replications never make settings unfit: they are kept as they come. */
export function setRunSetting(store: Store, key: RunSetting, raw: string): void {
  const { settings, scenario } = store.state;
  const r = checkRunSetting(key, raw, settings.lang);
  if ('problem' in r) {
    store.update({ problems: withProblems(store, (m) => m.set(key, { key, value: raw })) });
    return;
  }
  const problems = withProblems(store, (m) => m.delete(key));
  // The seed is the scenario's only part that changes here: no need to build it again.
  store.update({ problems, settings: { ...settings, [key]: r.value }, scenario: key === 'seed' ? { ...scenario, seed: r.value } : scenario });
}

export function setLang(store: Store, lang: Lang): void {
  // Problems, statuses and notes are worded when drawn: all of them follow.
  store.update({ settings: { ...store.state.settings, lang } });
  // A value held because it was wrong may read well the new language's way ("1.000"): take it.
  for (const p of [...store.state.problems.values()]) {
    if (p.combined) continue;
    if (isRunSetting(p.key)) {
      if ('value' in checkRunSetting(p.key, p.value, lang)) setRunSetting(store, p.key, p.value);
    } else if ('value' in checkParameter(p.key, p.value, lang)) setParameter(store, p.key, p.value);
  }
}

/** Start from another preset. The seed stays: pin A, pick another package, run B — same luck. */
export function choosePreset(store: Store, id: string): void {
  store.update({ problems: new Map(), pendingSet: null });
  update(store, { ...store.state.settings, preset: id, set: {} });
}

/** Back to the preset as it is: no changes, no roster. */
export function resetChanges(store: Store): void {
  store.update({ problems: new Map(), pendingSet: null, rosterNote: null, rosterConflict: null });
  update(store, { ...store.state.settings, set: {}, roster: null, rosterFile: null });
}

export function clearRoster(store: Store): void {
  store.update({ rosterNote: null, rosterConflict: null });
  update(store, { ...store.state.settings, roster: null, rosterFile: null });
}

/** A roster file read: taken when it reads well and fits, else its note says why not. */
export function takeRoster(store: Store, note: RosterFile): void {
  const { settings } = store.state;
  const r = checkRosterFile(note, settings.lang);
  if (!r.ok) return store.update({ rosterNote: note, rosterConflict: null });
  // The roster decides the size and the members' traits: changes made to those go (their
  // controls are locked while a roster is loaded), or a changed size would drop the roster.
  const set = Object.fromEntries(Object.entries(settings.set).filter(([path]) => !setByRoster(path)));
  const next: Settings = { ...settings, set, roster: r.roster as RosterEntry[], rosterFile: note.name };
  try {
    build(next);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // E.g. more "fewest active members" than the roster has: said in the roster's own note.
    const conflict = (lang: Lang) => combinedProblems(e, lang, next.roster!.length).map((p) => p.message).join(' ');
    return store.update({ rosterNote: note, rosterConflict: conflict });
  }
  store.update({ rosterNote: note, rosterConflict: null });
  update(store, next);
}

export function toggleSection(store: Store, key: SectionKey, open: boolean): void {
  const s = new Set(store.state.open);
  if (open) s.add(key);
  else s.delete(key);
  store.update({ open: s });
}

/**
 * A run asked for while fields are wrong: say so, and send the planner to the first field to fix
 * (in `order`, the fields' order on the page), its section opened. Returns whether it is refused.
 */
export function refuseWhileWrong(store: Store, order: readonly string[]): boolean {
  const { problems, focus } = store.state;
  if (!problems.size) return false;
  const all = [...Object.keys(RUN_SETTINGS), ...order];
  const first = [...problems.keys()].sort((a, b) => all.indexOf(a) - all.indexOf(b))[0];
  const section = sectionOf(first);
  store.update({
    status: (D) => D.run.fixFirst,
    open: section ? new Set([...store.state.open, section]) : store.state.open,
    focus: { key: first, n: (focus?.n ?? 0) + 1 },
  });
  return true;
}

export type { PageState };

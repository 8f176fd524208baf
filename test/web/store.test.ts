/**
 * The page's store and its update functions, without a page: a setting is parsed where it enters
 * and the scenario is built once per change (never by the views or the runs), the store always
 * holds the scenario of its settings, and views hear which fields changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { choosePreset, setLang, setParameter, setRunSetting, useBuild } from '../../web/app/actions.ts';
import { scenarioOf, toQuery, type Settings } from '../../web/app/settings.ts';
import { initialState } from '../../web/app/start.ts';
import { createStore, type Key } from '../../web/app/store.ts';

function page(search = '') {
  const { dropStored: _, ...state } = initialState({ search, stored: '', browserLang: 'en' });
  const store = createStore(state);
  const builds: Settings[] = [];
  useBuild((s) => {
    builds.push(s);
    return scenarioOf(s);
  });
  const heard: Set<Key>[] = [];
  store.subscribe((_s, changed) => heard.push(new Set(changed)));
  return { store, builds, heard };
}

afterEach(() => useBuild(scenarioOf));

describe('the page’s store', () => {
  it('starts from its link: settings, their scenario, a bad value held in its field with its section open', () => {
    const { store } = page('?preset=tulip&intervention.mentoring.visitsPerMonth=2&group.size=abc');
    const s = store.state;
    expect(s.settings.preset).toBe('tulip');
    expect(s.scenario).toEqual(scenarioOf(s.settings));
    expect(s.problems.get('group.size')?.value).toBe('abc');
    expect(s.open.has('group')).toBe(true);
    expect(s.urlNotice).toBe(true);
  });

  it('builds the scenario once per change of a parameter, from the value parsed where it entered', () => {
    const { store, builds, heard } = page();
    setParameter(store, 'intervention.mentoring.visitsPerMonth', '4');
    expect(builds).toHaveLength(1);
    expect(builds[0].set).toEqual({ 'intervention.mentoring.visitsPerMonth': 4 });
    expect(store.state.scenario.intervention.mentoring.visitsPerMonth).toBe(4);
    expect(store.state.scenario).toEqual(scenarioOf(store.state.settings));
    expect(heard.some((c) => c.has('scenario') && c.has('settings'))).toBe(true);
  });

  it('builds nothing for a value that does not parse, and keeps what was typed', () => {
    const { store, builds } = page();
    const before = store.state.scenario;
    setParameter(store, 'intervention.mentoring.visitsPerMonth', 'lots');
    expect(builds).toHaveLength(0);
    expect(store.state.scenario).toBe(before);
    expect(store.state.problems.get('intervention.mentoring.visitsPerMonth')?.value).toBe('lots');
  });

  it('changes the seed and the replications without building the scenario again', () => {
    const { store, builds } = page();
    setRunSetting(store, 'seed', '42');
    setRunSetting(store, 'reps', '1000');
    expect(builds).toHaveLength(0);
    expect(store.state.scenario).toEqual(scenarioOf(store.state.settings));
    expect(store.state.scenario.seed).toBe(42);
    expect(store.state.settings.reps).toBe(1000);
  });

  it('holds shares that do not add up yet next to the field changed, and takes them once they do', () => {
    const { store } = page();
    const before = store.state.settings;
    setParameter(store, 'members.dispositions.freeRider', '0.5');
    expect(store.state.settings).toBe(before);
    expect(store.state.problems.get('members.dispositions.freeRider')?.combined?.('en')).toMatch(/add up to 1/);
    const d = scenarioOf(before).members.dispositions;
    setParameter(store, 'members.dispositions.conditional', String(Math.round((1 - 0.5 - d.unconditional) * 1000) / 1000));
    expect(store.state.problems.size).toBe(0);
    expect(store.state.scenario.members.dispositions.freeRider).toBe(0.5);
  });

  it('a preset starts afresh with the seed kept; a language switch takes a held value that reads well in it', () => {
    const { store } = page('?seed=9');
    setParameter(store, 'intervention.grant.amount', '30.000.000');
    expect(store.state.problems.has('intervention.grant.amount')).toBe(true);
    setLang(store, 'id');
    expect(store.state.problems.has('intervention.grant.amount')).toBe(false);
    expect(store.state.settings.set['intervention.grant.amount']).toBe(30_000_000);
    choosePreset(store, 'cempaka');
    expect(toQuery(store.state.settings)).toBe('?preset=cempaka&seed=9&lang=id');
  });
});

/**
 * Trainer mode's store, actions and runs (web/trainer/store.ts, actions.ts, runs.ts) in Node, with
 * the worker's API called in-process (the same createWorkerApi the browser's Worker exposes): the
 * address is read once; the scenarios on show are built once per change and not on other
 * updates; side by side shows the group with and without mentoring; an injected misuse is kept,
 * steps a paused page into its week and shows the run computed with it; an event no group can
 * take is forgotten with a notice; a failed Worker is reported and Try again starts a fresh one.
 */
import { describe, expect, it } from 'vitest';
import { createWorkerApi, trace, type BrowserWorker } from '../../src/browser.ts';
import { canInject, createActions } from '../../web/trainer/actions.ts';
import { createRuns } from '../../web/trainer/runs.ts';
import { createStore, setLang, type Change } from '../../web/trainer/store.ts';
import { seedsActiveAt } from '../trainer-seeds.ts';

/** A worker in-process; `broken` makes it fail as a Worker whose script did not load. */
function inProcess(broken = false): BrowserWorker {
  const api = createWorkerApi();
  const dead = broken ? Promise.reject(new Error('worker crashed: test')) : new Promise<never>(() => {});
  dead.catch(() => {});
  return { api: api as unknown as BrowserWorker['api'], dead, terminate: () => {} };
}

function page(search: string, worker: () => BrowserWorker = () => inProcess()) {
  const store = createStore(search, 'en');
  const changes: Set<Change>[] = [];
  store.listen((what) => changes.push(what));
  const runs = createRuns(store, worker);
  const actions = createActions(store, runs, () => 77);
  return { store, runs, actions, changes };
}

const settled = () => new Promise((ok) => setTimeout(ok, 0));

describe('trainer mode’s store', () => {
  it('reads the address once: settings, side by side, speed, week, events; events past the horizon are named and left out', () => {
    const { store } = page('?preset=tulip&seed=5&compare=1&speed=4&week=9&events=8:misuse,900:quarrel');
    expect(store.state.settings.preset).toBe('tulip');
    expect(store.state.settings.seed).toBe(5);
    expect(store.state.compare).toBe(true);
    expect(store.player.speed).toBe(4);
    expect(store.state.openWeek).toBe(9);
    expect(store.state.injections).toEqual([{ week: 8, kind: 'misuse' }]);
    expect(store.state.problems.map((p) => p.key)).toEqual(['events']);
  });

  it('builds the scenarios on show once per change of settings or side by side, not on other updates', () => {
    const { store, actions } = page('?seed=2');
    const first = store.state.shown;
    expect(first).toHaveLength(1);
    setLang(store, 'id');
    actions.toggleProjector();
    actions.setSpeed(4);
    expect(store.state.shown).toBe(first);
    actions.setCompare(true);
    const two = store.state.shown!;
    expect(two.map((s) => s.title)).toEqual(['withMentoring', 'withoutMentoring']);
    expect(two[0].scenario.intervention.mentoring.visitsPerMonth).toBeGreaterThan(0);
    expect(two[1].scenario.intervention.mentoring.visitsPerMonth).toBe(0);
    actions.restart(true);
    expect(store.state.settings.seed).toBe(77);
    expect(store.state.shown).not.toBe(two);
  });

  it('loads the run the Node engine computes, and an injected misuse shows the run computed with it, one week on', async () => {
    // A seed whose group is still running in week 9 (some default groups divide their grant at
    // their first meeting and end there).
    const first = page('').store.state.shown![0].scenario;
    const [seed] = seedsActiveAt(first, 9, 1, 11);
    expect(seed).toBeDefined();
    const { store, runs, actions } = page(`?seed=${seed}`);
    await runs.load();
    const sc = store.state.shown![0].scenario;
    expect(store.state.traces[0].indicators).toEqual(trace(sc, { seed }).indicators);
    for (let k = 0; k < 8; k++) actions.stepBy(1);
    expect(store.player.frame).toBe(8);
    expect(canInject(store)).toBe(true);
    actions.inject('misuse');
    await settled();
    await settled();
    expect(store.state.injections).toEqual([{ week: 8, kind: 'misuse' }]);
    expect(store.player.frame).toBe(9);
    expect(store.state.traces[0].indicators).toEqual(trace(sc, { seed, injections: [{ week: 8, kind: 'misuse' }] }).indicators);
    expect(store.state.notice).toBeNull();
  });

  it('at the end of the run no event can be made to happen: asking changes nothing', async () => {
    const { store, runs, actions } = page('?seed=3');
    await runs.load();
    actions.seek('end');
    expect(canInject(store)).toBe(false);
    const before = store.state.traces;
    actions.inject('quarrel');
    await settled();
    expect(store.state.injections).toEqual([]);
    expect(store.state.traces).toBe(before);
  });

  it('a Worker that fails is reported; Try again starts a fresh one and loads the run', async () => {
    let starts = 0;
    const { store, runs, actions } = page('?seed=4', () => inProcess(++starts === 1));
    await runs.load();
    expect(store.state.failure).toMatch(/worker crashed/);
    expect(store.state.traces).toEqual([]);
    actions.retry();
    await settled();
    await settled();
    expect(starts).toBe(2);
    expect(store.state.failure).toBeNull();
    expect(store.state.traces).toHaveLength(1);
  });

  it('says what changed: a language switch changes the words, not the runs', () => {
    const { store, changes } = page('');
    setLang(store, 'id');
    expect([...changes.at(-1)!]).toEqual(['words']);
  });
});


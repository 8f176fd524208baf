/**
 * The invariant checker (src/model/check.ts): it catches each kind of broken state (so it is not
 * vacuous), it leaves runs bit-identical, and 10,000 random valid scenarios drawn from the
 * schema's ranges run with it on, from short runs to the maximum horizon, breaking nothing.
 */
import { describe, expect, it } from 'vitest';
import { createChecker, createRun, eventList, fingerprintRun, InvariantError, parseScenario, simulate, type Scenario } from '../../src/index.ts';
import type { GroupState } from '../../src/model/state.ts';
import { goingAt } from '../trainer-seeds.ts';
import { randomScenario, scenarioRng } from './random-scenario.ts';

/** A run stepped `weeks` weeks with the checker one step behind: the next week is stepped, not yet checked. */
function runUntil(sc: Scenario, replication: number, until: (st: GroupState) => boolean, maxWeeks = sc.horizonWeeks - 1) {
  const run = createRun(sc, { replication });
  const checker = createChecker(sc);
  checker.check(run.state);
  for (let w = 0; w < maxWeeks && !until(run.state); w++) {
    run.step();
    checker.check(run.state);
  }
  run.step();
  return { st: run.state, checker };
}

/** The error the checker throws on `st`, or null. */
function broken(checker: { check(st: GroupState): void }, st: GroupState): InvariantError | null {
  try {
    checker.check(st);
    return null;
  } catch (e) {
    if (e instanceof InvariantError) return e;
    throw e;
  }
}

// Fragile but not stillborn: with a majority of uncommitted members the group divides its grant in
// its first week (the split vote is counted every week), before anyone could leave.
const fragile = parseScenario({ group: { hiddenAgendaShare: 0.2, roleClarity: 0.1, goalClarity: 0.1 }, members: { integrity: { mean: 0.3 }, commitment: { mean: 0.5 } }, finance: { bookkeeping: 0 }, horizonWeeks: 520 });
const plain = parseScenario({ group: { size: 12 }, horizonWeeks: 104 });

/**
 * The first replication of `plain` whose group is still going (not dissolved) after week 21: the
 * money and counter checks need a group at work, and which replications are depends on the
 * calibrated worlds (some groups divide their grant at the founding meeting).
 */
function live(): number {
  for (let rep = 0; rep < 100; rep++) if (goingAt(plain, 22, { replication: rep })) return rep;
  throw new Error('no replication of `plain` in 100 is still going after week 21');
}
const LIVE = live();

/** A replication of `fragile` in which a member leaves while the group goes on for a while. */
function withExit(): number {
  for (let rep = 0; rep < 1000; rep++) {
    const r = simulate(fragile, { replication: rep });
    const exit = eventList(r.events).find((e) => e.type === 'exit');
    if (exit && (r.outcome.statusWeek ?? fragile.horizonWeeks) > exit.week + 5) return rep;
  }
  throw new Error('no replication of `fragile` in 1,000 has a member leave a group that goes on');
}

describe('the checker catches each kind of broken state', () => {
  const cases: [string, (st: GroupState) => void, RegExp, Partial<InvariantError>][] = [
    ['NaN in a trait', (st) => { st.skill[3] = Number.NaN; }, /^week 20: skill\[3\] = NaN: outside \[0, 1\]/, { quantity: 'skill', index: 3 }],
    ['Infinity in a member amount', (st) => { st.incomeAvg[1] = Infinity; }, /incomeAvg\[1\] = Infinity/, { quantity: 'incomeAvg', index: 1 }],
    ['trust above 1', (st) => { st.trust[1 * st.n + 2] = 1.2; }, /trust\[1→2\] = 1\.2: outside/, { quantity: 'trust', value: 1.2 }],
    ['negative trust', (st) => { st.trust[5 * st.n + 0] = -0.01; }, /trust\[5→0\] = -0\.01/, { quantity: 'trust' }],
    ['the trust diagonal moved', (st) => { st.trust[4 * st.n + 4] = 0.9; }, /trust\[4→4\] = 0\.9: the diagonal/, { quantity: 'trust' }],
    ['a group index above 1', (st) => { st.conflict = 1.5; }, /conflict = 1\.5: outside \[0, 1\]/, { quantity: 'conflict', index: null }],
    ['coordination below 0', (st) => { st.coordination = -0.1; }, /coordination = -0\.1/, { quantity: 'coordination' }],
    ['capital leaks', (st) => { st.capital += 1000; }, /money identity = (1000(\.0{6}\d*)?|999\.9{6}\d*): Δcapital/, { quantity: 'money identity' }],
    ['a flow not booked', (st) => { st.revenue += 5e5; }, /money identity/, { quantity: 'money identity' }],
    ['the IKS fund leaks', (st) => { st.iksFund += 10; }, /IKS identity = 10/, { quantity: 'IKS identity' }],
    ['negative capital', (st) => { st.capital = -1; }, /capital = -1: not a finite number ≥ 0/, { quantity: 'capital' }],
    ['nActive miscounted', (st) => { st.nActive++; }, /nActive = \d+: \d+ members are active/, { quantity: 'nActive' }],
    ['a counter goes back', (st) => { st.mentorVisits--; }, /mentorVisits = \d+: decreased/, { quantity: 'mentorVisits' }],
    ['the clock skips', (st) => { st.week++; }, /week = 22: the week after 20/, { quantity: 'week' }],
    ['an officer who holds two offices', (st) => { st.secretary = st.chair; }, /chair = \d+: holds two offices/, { quantity: 'chair' }],
    ['the secretary also treasurer', (st) => { st.treasurer = st.secretary; }, /secretary = \d+: holds two offices/, { quantity: 'secretary' }],
    ['a stray office', (st) => { const i = [...Array(st.n).keys()].find((k) => k !== st.chair && k !== st.secretary && k !== st.treasurer)!; st.role[i] = 0; }, /role\[\d+\] = 0: an office that no officer field names/, { quantity: 'role' }],
    ['a non-integer status', (st) => { st.status = 0.5; }, /status = 0\.5: not a whole number/, { quantity: 'status' }],
    ['a fractional week count', (st) => { st.weeksSinceMeeting += 0.5; }, /weeksSinceMeeting/, { quantity: 'weeksSinceMeeting' }],
  ];
  it.each(cases)('%s', (_name, corrupt, message, fields) => {
    const { st, checker } = runUntil(plain, LIVE, (s) => s.week === 20);
    expect(st.week).toBe(21);
    corrupt(st);
    const e = broken(checker, st);
    expect(e, 'no InvariantError').not.toBeNull();
    expect(e!.message).toMatch(message);
    expect(e!.week).toBe(20);
    expect(e).toMatchObject(fields);
  });

  it('the same untouched states pass', () => {
    const { st, checker } = runUntil(plain, LIVE, (s) => s.week === 20);
    expect(broken(checker, st)).toBeNull();
  });

  it('a member who left comes back: caught even when every count is put right', () => {
    const rep = withExit();
    const { st, checker } = runUntil(fragile, rep, (s) => s.exitWeek.some((w) => w >= 0 && w < s.week - 1));
    const j = st.exitWeek.findIndex((w) => w >= 0 && w < st.week - 2);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(broken(checker, st)).toBeNull();
    // The next week the member is quietly reinstated, the books squared.
    const next = runUntil(fragile, rep, (s) => s.week === st.week);
    next.st.active[j] = 1;
    next.st.exitWeek[j] = -1;
    next.st.nActive++;
    next.st.exits--;
    expect(broken(next.checker, next.st)?.message).toMatch(new RegExp(`active\\[${j}\\] = 1: left in week \\d+ and came back`));
  });

  it('a member who left is made officer, or keeps working: caught', () => {
    const rep = withExit();
    const corruptions: [(st: GroupState, i: number) => void, RegExp][] = [
      [(st, i) => { st.chair = i; }, /chair = \d+: the officer has left/],
      [(st, i) => { st.effort[i] = 0.5; }, /effort\[\d+\] = 0\.5: a member who left still works/],
    ];
    for (const [corrupt, message] of corruptions) {
      const { st, checker } = runUntil(fragile, rep, (s) => s.exits > 0);
      corrupt(st, st.exitWeek.findIndex((w) => w >= 0));
      expect(broken(checker, st)?.message).toMatch(message);
    }
  });

  it('a dissolved group that comes back, or keeps money: caught', () => {
    let rep = 0;
    while (simulate(fragile, { replication: rep }).outcome.status !== 'dissolved') if (++rep > 1000) throw new Error('no dissolved replication of `fragile` in 1,000');
    const revived = runUntil(fragile, rep, (s) => s.status === 2 && s.week > 0);
    revived.st.status = 0;
    revived.st.cause = -1;
    expect(broken(revived.checker, revived.st)?.message).toMatch(/status = 0: a dissolved group came back/);
    const rich = runUntil(fragile, rep, (s) => s.status === 2 && s.week > 0);
    rich.st.capital = 100;
    expect(broken(rich.checker, rich.st)?.message).toMatch(/capital = 100: left in a dissolved group/);
  });

  it('the initial state is checked too', () => {
    const st = createRun(plain, { replication: 1 }).state;
    st.trust[2 * st.n + 2] = 0;
    expect(broken(createChecker(plain), st)?.message).toMatch(/^initial state: trust\[2→2\] = 0: the diagonal must stay 1/);
  });

  it('`check: true` wires the checker into every step', () => {
    const run = createRun(plain, { replication: 1, check: true });
    run.step();
    run.state.need[2] = Number.NaN;
    expect(() => run.step()).toThrow(/^week 1: need\[2\] = NaN/);
  });
});

describe('checking changes nothing', () => {
  it('runs with the checker on are bit-identical to runs without it', () => {
    for (const [sc, rep] of [[plain, 0], [fragile, 5], [parseScenario({ business: { type: 'savingsLoan' }, horizonWeeks: 300 }), 2]] as const) {
      expect(fingerprintRun(simulate(sc, { replication: rep, check: true }))).toBe(fingerprintRun(simulate(sc, { replication: rep })));
    }
  });
});

/**
 * Simulate `count` random valid scenarios with horizons in `horizon`, the checker on. With
 * `toHorizon`, a dissolved group is stepped on to the horizon (its weeks are checked too).
 * Returns the failures, each with the input that reproduces it.
 */
function sweep(seed: string, count: number, horizon: [number, number], toHorizon = false) {
  const r = scenarioRng(seed);
  const failures: string[] = [];
  let weeks = 0;
  for (let k = 0; k < count; k++) {
    const { input, scenario } = randomScenario(r, horizon);
    const replication = Math.floor(r() * 1000);
    try {
      if (toHorizon) {
        const run = createRun(scenario, { replication, check: true });
        while (run.step()) weeks++;
      } else {
        weeks += simulate(scenario, { replication, check: true }).work.weeks;
      }
    } catch (e) {
      if (!(e instanceof InvariantError)) throw e;
      failures.push(`${seed} #${k} replication ${replication}: ${e.message}\n  scenario: ${JSON.stringify(input)}`);
      if (failures.length >= 3) break;
    }
  }
  return { failures, weeks };
}

// 10,000 scenarios in all: most up to two years (where most groups end or settle), a tenth up to
// ten years, a hundred up to the schema's 30 years, those stepped to the horizon even once dissolved.
describe('10,000 random valid scenarios break no invariant', () => {
  for (const part of [1, 2, 3]) {
    it(`3,000 scenarios up to 104 weeks (part ${part} of 3)`, () => {
      const { failures, weeks } = sweep(`short-${part}`, 3000, [4, 104]);
      expect(failures).toEqual([]);
      expect(weeks).toBeGreaterThan(3000 * 20);
    });
  }
  it('900 scenarios of 105 to 520 weeks', () => {
    const { failures, weeks } = sweep('medium', 900, [105, 520]);
    expect(failures).toEqual([]);
    expect(weeks).toBeGreaterThan(900 * 60);
  });
  it('100 scenarios of 521 to 1,560 weeks, every week to the horizon', () => {
    const { failures, weeks } = sweep('long', 100, [521, 1560], true);
    expect(failures).toEqual([]);
    expect(weeks).toBeGreaterThan(100 * 521);
  });
});

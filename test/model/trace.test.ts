/**
 * Trainer mode's traced runs and injected events (src/model/trace.ts, inject.ts): a trace without
 * injections is simulate()'s run, the same inputs give the same bits, each injection does what
 * docs/MODEL.md §7.14 says, and injections keep the market's luck (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import { createDrivers, createRun, DRIVER_KEYS, eventList, inject, ELEMENT_KEYS, elementsOf, INDICATOR_KEYS, parseScenario, simulate, trace, type Injection, type Trace } from '../../src/index.ts';

const K = INDICATOR_KEYS.length;
const at = (t: Trace, f: number, key: string) => t.indicators[f * K + INDICATOR_KEYS.indexOf(key)];
const weeksOf = (t: Trace, type: string) => t.events.filter((e) => e.type === type).map((e) => e.week);
/** Last frame the group was alive at (frame of dissolution, or the last). */
const lastAlive = (t: Trace) => {
  const d = t.events.find((e) => e.type === 'dissolution');
  return d ? d.week + 1 : t.frames - 1;
};

const sc = parseScenario({ horizonWeeks: 104 });

describe('trace', () => {
  it('without injections, frames 1…H are simulate()’s series until dissolution, and the events are the same', () => {
    for (let r = 0; r < 8; r++) {
      const t = trace(sc, { replication: r });
      const s = simulate(sc, { replication: r });
      expect(t.frames).toBe(sc.horizonWeeks + 1);
      const end = lastAlive(t);
      for (let f = 1; f <= end; f++) {
        for (const key of INDICATOR_KEYS) expect(at(t, f, key)).toBe(s.series[key][f - 1]);
      }
      expect(t.events).toEqual(eventList(s.events));
      expect(t.outcome).toEqual(s.outcome);
    }
  });

  it('the same scenario, seed and injections give bit-identical traces', () => {
    const injections: Injection[] = [{ week: 10, kind: 'misuse' }, { week: 20, kind: 'quarrel' }, { week: 30, kind: 'marketShock' }];
    const a = trace(sc, { seed: 7, injections });
    const b = trace(sc, { seed: 7, injections });
    expect(Buffer.from(a.trust.buffer).equals(Buffer.from(b.trust.buffer))).toBe(true);
    expect(Buffer.from(a.indicators.buffer).equals(Buffer.from(b.indicators.buffer))).toBe(true);
    expect(a.events).toEqual(b.events);
    const c = trace(sc, { seed: 8, injections });
    expect(Buffer.from(a.indicators.buffer).equals(Buffer.from(c.indicators.buffer))).toBe(false);
  });

  it('frame 0 is the founding group: everyone active, no income, officers in place', () => {
    const t = trace(sc, { seed: 3 });
    for (let i = 0; i < t.n; i++) {
      expect(t.active[i]).toBe(1);
      expect(t.income[i]).toBe(0);
    }
    const roles = Array.from(t.role.subarray(0, t.n));
    // One chair (0), one secretary (1), one treasurer (2); the rest members (3).
    for (const office of [0, 1, 2]) expect(roles.filter((r) => r === office), `role ${office}`).toHaveLength(1);
    expect(roles.filter((r) => r === 3)).toHaveLength(t.n - 3);
  });

  it('the drivers give back the nine elements exactly (elementsOf is the one definition)', () => {
    const t = trace(sc, { seed: 5, injections: [{ week: 12, kind: 'misuse' }] });
    const D = DRIVER_KEYS.length;
    const d = createDrivers();
    const out = new Float64Array(9);
    for (let f = 0; f <= lastAlive(t); f++) {
      DRIVER_KEYS.forEach((k, j) => (d[k] = t.drivers[f * D + j]));
      elementsOf(d, out);
      ELEMENT_KEYS.forEach((k, e) => expect(out[e]).toBe(at(t, f, k)));
    }
  });

  it('refuses an injection of an unknown kind or outside the horizon, naming it', () => {
    expect(() => trace(sc, { injections: [{ week: 104, kind: 'visit' }] })).toThrow(/injections\[0\]\.week: got 104; allowed: a whole number from 0 to 103/);
    expect(() => trace(sc, { injections: [{ week: 3, kind: 'flood' as never }] })).toThrow(/injections\[0\]\.kind: got "flood"; allowed: visit, marketShock/);
  });
});

describe('injected events', () => {
  /** Runs alive at week w (frame w + 1) both with and without the injection. */
  function pairs(inj: Injection, reps = 40) {
    const out: { base: Trace; hit: Trace }[] = [];
    for (let r = 0; r < reps; r++) {
      const base = trace(sc, { replication: r });
      const hit = trace(sc, { replication: r, injections: [inj] });
      if (hit.applied.length === 1) out.push({ base, hit });
    }
    return out;
  }

  it('misuse by an officer: money leaves the capital (or money an officer already holds is found), the group finds out, trust in the culprit collapses and mean trust falls', () => {
    const w = 20;
    const ps = pairs({ week: w, kind: 'misuse' });
    expect(ps.length).toBeGreaterThan(20);
    let tookMoney = 0;
    let heldAlready = 0;
    for (const { base, hit } of ps) {
      const ev = hit.events.filter((e) => e.week === w && (e.type === 'misuse' || e.type === 'misuseDetected'));
      expect(ev.map((e) => e.type)).toContain('misuseDetected');
      const culprit = ev.find((e) => e.type === 'misuseDetected')!.member;
      const f = w + 1;
      expect(hit.trustIn[f * hit.n + culprit]).toBeLessThan(base.trustIn[f * base.n + culprit]);
      expect(at(hit, f, 'meanTrust')).toBeLessThan(at(base, f, 'meanTrust'));
      expect(at(hit, f, 'conflict')).toBeGreaterThan(at(base, f, 'conflict'));
      // The culprit loses office.
      expect(hit.role[f * hit.n + culprit]).toBe(3);
      // The money identity holds in the injected week: the misuse flow is what the capital lost.
      const taken = (t: Trace) => t.events.filter((e) => e.week === w && e.type === 'misuse').reduce((s, e) => s + e.amount, 0);
      expect(at(hit, f, 'misuse') - at(base, f, 'misuse')).toBeCloseTo(taken(hit) - taken(base), 6);
      // An officer already holding hidden money is found out instead of taking more.
      const pending = base.events.filter((e) => e.week < w && (e.type === 'misuse' || e.type === 'misuseDetected')).at(-1);
      if (pending?.type === 'misuse') {
        heldAlready++;
        expect(culprit).toBe(pending.member);
        expect(taken(hit)).toBe(taken(base));
      } else {
        tookMoney++;
        expect(taken(hit) - taken(base)).toBeGreaterThan(0);
        expect(at(hit, f, 'capital')).toBeLessThan(at(base, f, 'capital'));
      }
    }
    expect(tookMoney).toBeGreaterThan(heldAlready);
  });

  it('a market shock costs capital in that week and leaves the market stream aligned: natural shocks fall in the same weeks', () => {
    const w = 8;
    const ps = pairs({ week: w, kind: 'marketShock' }, 30);
    let natural = 0;
    for (const { base, hit } of ps) {
      expect(weeksOf(hit, 'trainerShock')).toEqual([w]);
      expect(at(hit, w + 1, 'capital')).toBeLessThan(at(base, w + 1, 'capital'));
      const end = Math.min(lastAlive(base), lastAlive(hit)) - 1;
      const shocks = (t: Trace) => weeksOf(t, 'marketShock').filter((x) => x <= end);
      expect(shocks(hit)).toEqual(shocks(base));
      natural += shocks(base).length;
    }
    expect(natural).toBeGreaterThan(5);
  });

  it('an injected market shock is a cost like a natural one: capital and the profit to share both lose it', () => {
    let checked = 0;
    for (let r = 0; r < 10; r++) {
      const run = createRun(sc, { replication: r });
      for (let k = 0; k < 20; k++) run.step();
      const { capital, retainedProfit, costs } = run.state;
      if (!inject(run, 'marketShock')) continue;
      const loss = eventList(run.state.events).at(-1)!;
      expect(loss.type).toBe('trainerShock');
      expect(loss.amount).toBeGreaterThan(0);
      expect(run.state.capital).toBeCloseTo(capital - loss.amount, 6);
      expect(run.state.costs).toBeCloseTo(costs + loss.amount, 6);
      expect(run.state.retainedProfit).toBeCloseTo(retainedProfit - loss.amount, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('a quarrel halves the two members’ trust in each other and raises conflict', () => {
    const w = 15;
    // 30 runs: about a fifth of the groups have ended by week 15 (most divide their grant at the
    // founding meeting), and an injection applies only to a group still going.
    const ps = pairs({ week: w, kind: 'quarrel' }, 30);
    expect(ps.length).toBeGreaterThan(15);
    for (const { base, hit } of ps) {
      const q = hit.events.find((e) => e.type === 'quarrel')!;
      expect(q.week).toBe(w);
      const n = hit.n;
      const f = w + 1;
      const ab = (t: Trace) => t.trust[f * n * n + q.member * n + q.other];
      const ba = (t: Trace) => t.trust[f * n * n + q.other * n + q.member];
      expect(ab(hit)).toBeCloseTo(ab(base) / 2, 6);
      expect(ba(hit)).toBeCloseTo(ba(base) / 2, 6);
      expect(at(hit, f, 'conflict')).toBeGreaterThan(at(base, f, 'conflict'));
    }
  });

  it('a member leaving is out from that week on, for good; a named member is the one who leaves', () => {
    const w = 30;
    const ps = pairs({ week: w, kind: 'leave', member: 4 }, 20);
    expect(ps.length).toBeGreaterThan(10);
    for (const { hit } of ps) {
      const n = hit.n;
      expect(hit.events.some((e) => e.type === 'exit' && e.week === w && e.member === 4)).toBe(true);
      for (let f = w + 1; f < hit.frames; f++) expect(hit.active[f * n + 4]).toBe(0);
    }
  });

  it('an extra facilitator visit counts as a visit and raises goal clarity', () => {
    const w = 60; // after the default year of mentoring
    const ps = pairs({ week: w, kind: 'visit' }, 20);
    expect(ps.length).toBeGreaterThan(10);
    for (const { base, hit } of ps) {
      expect(hit.outcome.mentorVisits).toBe(base.outcome.mentorVisits + 1);
      expect(weeksOf(hit, 'mentorVisit')).toContain(w);
      const D = DRIVER_KEYS.length;
      const g = DRIVER_KEYS.indexOf('goalClarity');
      expect(hit.drivers[(w + 1) * D + g]).toBeGreaterThan(base.drivers[(w + 1) * D + g]);
    }
  });

  it('an injection after the group dissolved is not applied', () => {
    const fragile = parseScenario({ horizonWeeks: 156, intervention: { grant: { amount: 0 } }, group: { size: 5 } });
    let checked = 0;
    for (let r = 0; r < 40 && checked < 3; r++) {
      const base = trace(fragile, { replication: r });
      const d = base.events.find((e) => e.type === 'dissolution');
      if (!d || d.week > 150) continue;
      const hit = trace(fragile, { replication: r, injections: [{ week: d.week + 2, kind: 'misuse' }] });
      expect(hit.applied).toEqual([]);
      expect(Buffer.from(hit.indicators.buffer).equals(Buffer.from(base.indicators.buffer))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every kind of injection keeps the model’s invariants (debug mode checks every week)', () => {
    const kinds = ['visit', 'marketShock', 'quarrel', 'misuse', 'leave'] as const;
    let applied = 0;
    for (let r = 0; r < 20; r++) {
      const injections: Injection[] = kinds.flatMap((kind, k) => [{ week: 5 + k, kind }, { week: 40 + 3 * k, kind }]);
      const t = trace(sc, { replication: r, injections, check: true });
      applied += t.applied.length;
    }
    expect(applied).toBeGreaterThan(100);
  });

  it('direction over many seeds: an injected misuse leaves the group less cohesive three months later', () => {
    let lower = 0;
    let total = 0;
    const w = 26;
    for (const { base, hit } of pairs({ week: w, kind: 'misuse' }, 60)) {
      const f = w + 14;
      if (f > Math.min(lastAlive(base), lastAlive(hit))) continue;
      total++;
      if (at(hit, f, 'cohesion') < at(base, f, 'cohesion')) lower++;
    }
    expect(total).toBeGreaterThan(30);
    expect(lower / total).toBeGreaterThan(0.8);
  });
});

/**
 * Invariants that must hold in every week of every run: the money identity, indices in range,
 * no NaN, exited members stay exited, a dissolved group stays dissolved.
 */
import { describe, expect, it } from 'vitest';
import { BUSINESS_TYPES, ELEMENT_KEYS, eventList, INDICATOR_KEYS, parseScenario, simulate, type RunResult } from '../../src/index.ts';

const scenarios: Record<string, object> = {
  default: {},
  ...Object.fromEntries(BUSINESS_TYPES.map((t) => [t, { business: { type: t } }])),
  tranches: { intervention: { grant: { tranches: 3, trancheIntervalWeeks: 13 } }, horizonWeeks: 104 },
  byContribution: { finance: { payoutRule: 'byContribution', reinvestShare: 0.5, iksShare: 0.2 } },
  fragile: { group: { hiddenAgendaShare: 0.6, roleClarity: 0.1, goalClarity: 0.1 }, members: { integrity: { mean: 0.3 } }, finance: { bookkeeping: 0 } },
  strong: { group: { meetingIntervalWeeks: 1 }, intervention: { mentoring: { visitsPerMonth: 4, months: 36, organisingShare: 0.8, quality: 1 } } },
  bigLong: { group: { size: 30 }, horizonWeeks: 520, business: { volatilityScale: 3 } },
  noGrant: { intervention: { grant: { amount: 0 } } },
};

function check(name: string, r: RunResult, grant: number) {
  const s = r.series;
  const tol = 1e-6 * Math.max(1, grant);
  for (let t = 0; t < r.weeks; t++) {
    const before = t === 0 ? 0 : s.capital[t - 1];
    const dCapital = s.capital[t] - before;
    const inflow = s.grantIn[t] + s.revenue[t];
    const outflow = s.costs[t] + s.payouts[t] + s.withdrawals[t] + s.iksIn[t] + s.misuse[t] + dCapital;
    if (Math.abs(inflow - outflow) > tol) throw new Error(`${name} rep ${r.replication} week ${t}: grant + revenue = ${inflow}, costs + payouts + withdrawals + IKS + misuse + Δcapital = ${outflow}`);
    const iksBefore = t === 0 ? 0 : s.iksFund[t - 1];
    if (Math.abs(s.iksFund[t] - iksBefore - (s.iksIn[t] - s.iksOut[t])) > tol) throw new Error(`${name} week ${t}: IKS fund does not add up`);
    for (const k of INDICATOR_KEYS) if (!Number.isFinite(s[k][t])) throw new Error(`${name} week ${t}: ${k} is ${s[k][t]}`);
    for (const k of ELEMENT_KEYS) if (s[k][t] < 0 || s[k][t] > 1) throw new Error(`${name} week ${t}: ${k} = ${s[k][t]} outside [0, 1]`);
    for (const k of ['meanTrust', 'commitment', 'skill', 'attendance', 'conflict']) {
      if (s[k][t] < 0 || s[k][t] > 1) throw new Error(`${name} week ${t}: ${k} = ${s[k][t]} outside [0, 1]`);
    }
    for (const k of ['capital', 'iksFund', 'revenue', 'costs', 'payouts', 'withdrawals', 'iksIn', 'iksOut', 'misuse', 'grantIn']) {
      if (s[k][t] < 0) throw new Error(`${name} week ${t}: ${k} negative (${s[k][t]})`);
    }
    if (t > 0 && s.status[t - 1] === 2 && s.status[t] !== 2) throw new Error(`${name} week ${t}: a dissolved group came back`);
    if (t > 0 && s.status[t] !== 2 && s.activeMembers[t] > s.activeMembers[t - 1]) throw new Error(`${name} week ${t}: members came back`);
    if (t > 0 && s.incomePerMember[t] < s.incomePerMember[t - 1] - 1e-9) throw new Error(`${name} week ${t}: cumulative income fell`);
  }
}

describe('invariants in every week', () => {
  it.each(Object.keys(scenarios))('%s: money identity, ranges, no NaN over 40 replications', (name) => {
    const sc = parseScenario(scenarios[name]);
    for (let rep = 0; rep < 40; rep++) {
      const r = simulate(sc, { replication: rep });
      check(name, r, sc.intervention.grant.amount);
      // Exited members stay exited; the members table agrees with the exit events.
      const exits = eventList(r.events).filter((e) => e.type === 'exit');
      expect(exits.length).toBe(r.outcome.exits);
      for (const e of exits) {
        expect(r.members[e.member].active).toBe(false);
        expect(r.members[e.member].exitWeek).toBe(e.week);
      }
      expect(new Set(exits.map((e) => e.member)).size).toBe(exits.length);
      // All of the grant is accounted for by the horizon's end, unless the group ended first.
      const grantIn = r.series.grantIn.reduce((a, b) => a + b, 0);
      expect(grantIn).toBeCloseTo(r.outcome.grantReceived, 3);
      if (r.outcome.status !== 'dissolved') expect(grantIn).toBeCloseTo(sc.intervention.grant.amount, 3);
    }
  });

  it('the identity check would catch a leak (it is not vacuous)', () => {
    const sc = parseScenario({});
    const r = simulate(sc, { replication: 1 });
    r.series.capital[50] += 1000;
    expect(() => check('tampered', r, sc.intervention.grant.amount)).toThrow(/week 50/);
  });

  it('a dissolved group records its cause, week and the dissolution event', () => {
    const sc = parseScenario(scenarios.fragile);
    let seen = 0;
    for (let rep = 0; rep < 60; rep++) {
      const r = simulate(sc, { replication: rep });
      if (r.outcome.status !== 'dissolved') continue;
      seen++;
      expect(r.outcome.cause).not.toBeNull();
      const end = eventList(r.events).filter((e) => e.type === 'dissolution');
      expect(end).toHaveLength(1);
      expect(end[0].week).toBe(r.outcome.statusWeek);
      expect(end[0].cause).toBe(r.outcome.cause);
      expect(r.outcome.activeMembers).toBe(0);
      expect(r.outcome.membersAtEnd).toBe(r.series.activeMembers[r.outcome.statusWeek!]);
      expect(r.series.status[r.outcome.statusWeek!]).toBe(2);
      // On dissolution the capital left is divided among the members: the books close at zero.
      expect(r.series.capital[r.outcome.statusWeek!]).toBe(0);
      const before = r.outcome.statusWeek! > 0 ? r.series.capital[r.outcome.statusWeek! - 1] : 0;
      if (before > 0 && r.outcome.cause !== 'capitalGone') expect(r.series.withdrawals[r.outcome.statusWeek!]).toBeGreaterThan(0);
    }
    expect(seen).toBeGreaterThan(10);
  });
});

/**
 * Directions of effect over many seeds, paired by replication (common random numbers). Each
 * check asks for a difference several standard errors wide, not a particular number.
 */
import { describe, expect, it } from 'vitest';
import { createRun, createSummary, parseScenario, simulate, summarize, type RunResult } from '../../src/index.ts';
import { PairedRates } from '../../src/experiment/stats.ts';
import { STATUS, type GroupState } from '../../src/model/state.ts';

const REPS = 300;

/** Paired differences b − a of a per-run measure, with mean and standard error. */
function paired(a: object, b: object, measure: (r: RunResult) => number, reps = REPS) {
  const sa = parseScenario(a);
  const sb = parseScenario(b);
  const d: number[] = [];
  let meanA = 0;
  let meanB = 0;
  for (let r = 0; r < reps; r++) {
    const x = measure(simulate(sa, { replication: r }));
    const y = measure(simulate(sb, { replication: r }));
    meanA += x / reps;
    meanB += y / reps;
    d.push(y - x);
  }
  const mean = d.reduce((s, v) => s + v, 0) / reps;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (reps - 1));
  return { meanA, meanB, diff: mean, se: sd / Math.sqrt(reps) };
}

const survived = (r: RunResult) => (r.outcome.status === 'active' ? 1 : 0);
const meanOf = (key: string) => (r: RunResult) => {
  const s = r.series[key];
  const end = r.outcome.status === 'dissolved' ? r.outcome.statusWeek! + 1 : r.weeks;
  let sum = 0;
  for (let t = 0; t < end; t++) sum += s[t];
  return end > 0 ? sum / end : 0;
};

describe('directions of effect', () => {
  it('more organising in the mentoring raises survival', () => {
    const base = { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 2, months: 24 } } };
    const r = paired(
      { ...base, intervention: { mentoring: { ...base.intervention.mentoring, organisingShare: 0.1 } } },
      { ...base, intervention: { mentoring: { ...base.intervention.mentoring, organisingShare: 0.9 } } },
      survived,
    );
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('more mentoring visits raise survival', () => {
    // A few points of survival (EVIDENCE.md §2), so more pairs than the default to see it.
    const r = paired(
      { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 0 } } },
      { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 2 } } },
      survived,
      1500,
    );
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('weekly meetings leave more trust than monthly meetings', () => {
    const r = paired({ group: { meetingIntervalWeeks: 4 } }, { group: { meetingIntervalWeeks: 1 } }, meanOf('meanTrust'));
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('a group of free riders fails more often than a group of conditional cooperators', () => {
    const r = paired(
      { members: { dispositions: { conditional: 0.8, freeRider: 0.1, unconditional: 0.1 } } },
      { members: { dispositions: { conditional: 0.1, freeRider: 0.8, unconditional: 0.1 } } },
      survived,
    );
    expect(-r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('hidden agendas lead to more capital splits', () => {
    const splits = (r: RunResult) => (r.outcome.cause === 'capitalSplit' ? 1 : 0);
    const r = paired({ group: { hiddenAgendaShare: 0 } }, { group: { hiddenAgendaShare: 0.6 } }, splits);
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('weak oversight (no bookkeeping, dishonest officers) brings more misuse', () => {
    const misuse = (r: RunResult) => r.series.misuse.reduce((a, b) => a + (b > 0 ? 1 : 0), 0);
    const r = paired(
      { finance: { bookkeeping: 0.9 }, members: { integrity: { mean: 0.8 } } },
      { finance: { bookkeeping: 0 }, members: { integrity: { mean: 0.3 } } },
      misuse,
    );
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  // Model v2's behavioural channels (docs/MODEL.md §7; docs/EVIDENCE.md).
  const committed = (r: RunResult) => r.outcome.misuseCommitted;
  const noMentoring = { intervention: { mentoring: { visitsPerMonth: 0 } } };

  it('a bigger grant brings more misuse per year of the group\'s life (temptation grows with the money per member)', () => {
    // The mechanism, at a temptation elasticity inside its prior (the calibrated one is a
    // world's, not the mechanism's): misuse committed per year the group existed, as a ratio of
    // totals (a group that split its grant early commits no more misuse, so a count per group
    // would mix the two routes).
    const at = (amount: number) => parseScenario({ ...noMentoring, constants: { temptation: 0.8 }, intervention: { ...noMentoring.intervention, grant: { amount } } });
    const [sa, sb] = [at(25_000_000), at(75_000_000)];
    const rates = new PairedRates();
    // Weeks before the status turned dissolved, as the targets count them (src/experiment/targets.ts).
    const years = (r: RunResult) => (r.outcome.status === 'dissolved' ? r.outcome.statusWeek! : r.weeks) / 52;
    for (let rep = 0; rep < 600; rep++) {
      const x = simulate(sa, { replication: rep });
      const y = simulate(sb, { replication: rep });
      rates.add(committed(x), years(x), committed(y), years(y));
    }
    const e = rates.changePct();
    const se = (e.ci[1] - e.mean) / 1.96;
    expect(e.mean, JSON.stringify(e)).toBeGreaterThan(3 * se);
  });

  it('weekly meetings cut misuse committed, not only misuse found', () => {
    const r = paired({ group: { meetingIntervalWeeks: 4 } }, { group: { meetingIntervalWeeks: 1 } }, committed);
    expect(-r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('misuse found never exceeds misuse committed', () => {
    for (let rep = 0; rep < 200; rep++) {
      const o = simulate(parseScenario({ finance: { bookkeeping: 0.9 } }), { replication: rep }).outcome;
      expect(o.misuseDetected).toBeLessThanOrEqual(o.misuseCommitted);
    }
  });

  it('weekly meetings cost members attendance: each weekly meeting is less attended than a monthly one', () => {
    // At a meeting cost inside its prior (the calibrated one is a world's, not the mechanism's).
    const cost = { constants: { meetingCost: 0.3 } };
    const r = paired({ ...cost, group: { meetingIntervalWeeks: 4 } }, { ...cost, group: { meetingIntervalWeeks: 1 } }, meanOf('attendance'));
    expect(-r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('homogeneity no longer changes the officers: the founding chair is the same member with the same ability', () => {
    for (let rep = 0; rep < 100; rep++) {
      const ra = createRun(parseScenario({ group: { homogeneity: 0.1 } }), { replication: rep });
      const rb = createRun(parseScenario({ group: { homogeneity: 0.9 } }), { replication: rep });
      expect(ra.state.chair).toBeGreaterThanOrEqual(0);
      for (const office of ['chair', 'secretary', 'treasurer'] as const) expect(rb.state[office], office).toBe(ra.state[office]);
      expect(Array.from(rb.state.leadership)).toEqual(Array.from(ra.state.leadership));
      expect(Array.from(rb.state.integrity)).toEqual(Array.from(ra.state.integrity));
    }
  });

  it('socially similar members build more trust', () => {
    const r = paired({ group: { homogeneity: 0.2 } }, { group: { homogeneity: 0.8 } }, meanOf('meanTrust'));
    expect(r.diff, JSON.stringify(r)).toBeGreaterThan(3 * r.se);
  });

  it('members of a larger group (same grant per family) loaf: they put in less effort in the first year', () => {
    // The two groups are stepped together and compared only in weeks when both are still active:
    // a small group that divides its grant early stops working for that reason, not for the
    // size of the group, and would otherwise count as the less busy one.
    const large = parseScenario({ group: { size: 30 }, intervention: { grant: { amount: 75_000_000 } } });
    const small = parseScenario({ group: { size: 10 } });
    // The model's own mean effort over the active members (as the indicators report it).
    const summary = createSummary();
    const meanEffort = (st: GroupState) => summarize(st, 0, summary).meanEffort;
    const d: number[] = [];
    for (let rep = 0; rep < 4 * REPS; rep++) {
      const a = createRun(large, { replication: rep });
      const b = createRun(small, { replication: rep });
      let sum = 0;
      let weeks = 0;
      for (let w = 0; w < 52; w++) {
        a.step();
        b.step();
        if (a.state.status !== STATUS.active || b.state.status !== STATUS.active) continue;
        sum += meanEffort(a.state) - meanEffort(b.state);
        weeks++;
      }
      if (weeks > 0) d.push(sum / weeks);
    }
    expect(d.length).toBeGreaterThan(2 * REPS);
    const mean = d.reduce((x, y) => x + y, 0) / d.length;
    const se = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / (d.length - 1) / d.length);
    expect(-mean, `${mean} ± ${se}`).toBeGreaterThan(3 * se);
  });
});

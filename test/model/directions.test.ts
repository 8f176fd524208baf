/**
 * Directions of effect over many seeds, paired by replication (common random numbers). Each
 * check asks for a difference several standard errors wide, not a particular number.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type RunResult } from '../../src/index.ts';

const REPS = 300;

/** Paired differences b − a of a per-run measure, with mean and standard error. */
function paired(a: object, b: object, measure: (r: RunResult) => number) {
  const sa = parseScenario(a);
  const sb = parseScenario(b);
  const d: number[] = [];
  let meanA = 0;
  let meanB = 0;
  for (let r = 0; r < REPS; r++) {
    const x = measure(simulate(sa, { replication: r }));
    const y = measure(simulate(sb, { replication: r }));
    meanA += x / REPS;
    meanB += y / REPS;
    d.push(y - x);
  }
  const mean = d.reduce((s, v) => s + v, 0) / REPS;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (REPS - 1));
  return { meanA, meanB, diff: mean, se: sd / Math.sqrt(REPS) };
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
    const r = paired(
      { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 0 } } },
      { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 2 } } },
      survived,
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
});

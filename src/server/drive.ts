/**
 * The one door between the workshop and the model: a week of a session is run by `runWeek`,
 * whether live (session.ts) or again from the log (replay.ts), so both go exactly the same way.
 *
 * The seated players' answers are the members' decisions for the week: `externalOf` turns them
 * into the model's external-decisions slot (src/model/external.ts), which the processes read
 * where the model would decide for the member itself. A member without an answer this week is
 * played by the model. The trainer's injected events (trainer mode's, src/model/inject.ts) are
 * applied at the end of their week, as in trainer mode. A session is its scenario, seed, answers
 * and injections: `kube-sim replay` runs them again to the same bits.
 */
import { ABSTAIN, createExternalDecisions, inject, INDICATORS, type ExternalDecisions, type InjectionKind, type Run } from '../model/index.ts';
import type { Answers } from './protocol.ts';
import { fingerprintState } from './state-print.ts';

/** One player's effective answer for a week (the last one sent before the week closed). */
export interface Decision {
  member: number;
  answers: Answers;
}

/** An event the trainer injects at the end of the week being run. */
export interface WeekInjection {
  kind: InjectionKind;
  /** The member concerned, or undefined: the model's rule picks one (docs/MODEL.md §7.14). */
  member?: number;
}

/** What the log keeps of each week run: enough to check a replay bit for bit. */
export interface WeekRecord {
  /** 0-based week. */
  week: number;
  /** Fingerprint of the whole group state at the end of the week (state-print.ts). */
  fingerprint: string;
  /** Every indicator at the end of the week, in INDICATORS order (null for a non-finite value). */
  indicators: (number | null)[];
  /** Members whose player answered; every other member was played by the model. */
  answered: number[];
  /** The injections that took effect this week, in order (one that could not apply is left out). */
  injected: WeekInjection[];
}

/** The week's answers as the model's external decisions, or null when nobody answered (the model plays all). */
export function externalOf(n: number, decisions: readonly Decision[]): ExternalDecisions | null {
  if (!decisions.length) return null;
  const x = createExternalDecisions(n);
  for (const { member: i, answers: a } of decisions) {
    if (i < 0 || i >= n) continue;
    x.attend[i] = a.attend ? 1 : 0;
    x.effort[i] = a.effort;
    x.iksPayment[i] = a.iksPayment;
    x.vote[i] = a.vote ?? ABSTAIN;
    x.report[i] = a.reportMissing ? 1 : 0;
    x.take[i] = a.takeMoney ? 1 : 0;
  }
  return x;
}

/** Run one week with the players' decisions and the trainer's injections. Returns null once the horizon is reached. */
export function runWeek(run: Run, decisions: readonly Decision[], injections: readonly WeekInjection[] = []): WeekRecord | null {
  const week = run.state.week;
  const injected: WeekInjection[] = [];
  run.ctx.external = externalOf(run.state.n, decisions);
  let stepped: boolean;
  try {
    stepped = run.step(() => {
      for (const inj of injections) if (inject(run, inj.kind, inj.member)) injected.push(inj);
    });
  } finally {
    run.ctx.external = null;
  }
  if (!stepped) return null;
  const values = run.measure(new Float64Array(INDICATORS.length));
  return {
    week,
    fingerprint: fingerprintState(run.state),
    indicators: Array.from(values, (v) => (Number.isFinite(v) ? v : null)),
    answered: decisions.map((d) => d.member).sort((a, b) => a - b),
    injected,
  };
}

/**
 * The one door between the workshop and the model: a week of a session is run by `runWeek`,
 * whether live (session.ts) or again from the log (replay.ts), so both go exactly the same way.
 *
 * Stage one of issue #19: the players' answers are handed in and logged, but NOT applied to the
 * model yet. Every member, seated or not, is still played by the model's own processes; wiring
 * the answers in waits for the model v2 mechanisms. Until then a workshop's run is the plain run
 * of its scenario and seed (`kube-sim run` gives the same numbers), which test/server/replay.test.ts
 * checks.
 */
import { INDICATORS, type Run } from '../model/index.ts';
import type { Answers } from './protocol.ts';
import { fingerprintState } from './state-print.ts';

/** One player's effective answer for a week (the last one sent before the week closed). */
export interface Decision {
  member: number;
  answers: Answers;
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
}

/**
 * Run one week. `decisions` are recorded in the returned record (who answered) and otherwise
 * unused by the model in this stage (see above). Returns null once the horizon is reached.
 */
export function runWeek(run: Run, decisions: readonly Decision[]): WeekRecord | null {
  const week = run.state.week;
  if (!run.step()) return null;
  const values = run.measure(new Float64Array(INDICATORS.length));
  return {
    week,
    fingerprint: fingerprintState(run.state),
    indicators: Array.from(values, (v) => (Number.isFinite(v) ? v : null)),
    answered: decisions.map((d) => d.member).sort((a, b) => a - b),
  };
}

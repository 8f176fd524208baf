/**
 * Replaying a session log: the scenario and seed run again week by week through the same
 * `runWeek` as the live session, each week checked bit for bit against the log (the state's
 * fingerprint and every indicator). The answers and injections are applied exactly as they were
 * live (drive.ts). The server resumes from a log this way, and
 * `kube-sim replay` reports what it finds.
 */
import { createRun, INDICATOR_KEYS, type Run, type Scenario } from '../model/index.ts';
import { runWeek, type Decision, type WeekInjection } from './drive.ts';
import type { Answers } from './protocol.ts';
import type { SessionDoc } from './session-file.ts';

/** Each seat's last answer to `week`, in member order: what the week was run with. */
export function decisionsOf(doc: SessionDoc, week: number): Decision[] {
  const last = new Map<number, Answers>();
  for (const x of doc.decisions) if (x.week === week) last.set(x.member, x.answers);
  return [...last].sort((a, b) => a[0] - b[0]).map(([member, answers]) => ({ member, answers }));
}

/** The trainer's injections for the end of `week`, in the order they came. */
export function injectionsOf(doc: SessionDoc, week: number): WeekInjection[] {
  return doc.injections.filter((x) => x.week === week).map((x) => (x.member === null ? { kind: x.kind } : { kind: x.kind, member: x.member }));
}

/** The first place a replay differs from the log. */
export interface Mismatch {
  week: number;
  what: string;
  logged: string;
  replayed: string;
}

export interface Replay {
  run: Run;
  /** Weeks replayed and found equal to the log. */
  weeks: number;
  mismatch: Mismatch | null;
}

/**
 * Re-run the logged weeks. `beforeWeek` and `afterWeek` see the run around each one (the live
 * session keeps what its screens show). Stops at the first week that differs.
 */
export function replayWeeks(doc: SessionDoc, sc: Scenario, hooks: { beforeWeek?: (run: Run) => void; afterWeek?: (run: Run) => void } = {}): Replay {
  const run = createRun(sc, { seed: doc.seed, replication: doc.replication });
  let weeks = 0;
  for (const rec of doc.weeks) {
    hooks.beforeWeek?.(run);
    const again = runWeek(run, decisionsOf(doc, rec.week), injectionsOf(doc, rec.week));
    const differ = (what: string, logged: unknown, replayed: unknown): Replay => ({
      run, weeks, mismatch: { week: rec.week, what, logged: JSON.stringify(logged), replayed: JSON.stringify(replayed) },
    });
    if (!again) return differ('week', rec.week, 'past the horizon');
    if (again.week !== rec.week) return differ('week', rec.week, again.week);
    if (JSON.stringify(again.injected) !== JSON.stringify(rec.injected)) return differ('injected', rec.injected, again.injected);
    if (again.fingerprint !== rec.fingerprint) return differ('fingerprint', rec.fingerprint, again.fingerprint);
    if (again.indicators.length !== rec.indicators.length) return differ('indicators', rec.indicators.length, again.indicators.length);
    for (let k = 0; k < again.indicators.length; k++) {
      if (!Object.is(again.indicators[k], rec.indicators[k])) return differ(INDICATOR_KEYS[k], rec.indicators[k], again.indicators[k]);
    }
    hooks.afterWeek?.(run);
    weeks++;
  }
  return { run, weeks, mismatch: null };
}

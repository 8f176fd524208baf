/**
 * A traced run: every week's full state of one group, for trainer mode to animate. Frame 0 is
 * the group as founded; frame t the group at the end of week t. The numbers are typed arrays
 * (frame-major) so a worker can transfer a whole trace at once. Injected events (inject.ts) are
 * applied at the end of their week, so the same scenario, seed and injections give the same bits.
 */
import { eventList, type KubeEvent } from './events.ts';
import { createDrivers, createSummary, DRIVER_KEYS, driversOf, INDICATORS, measure, summarize } from './indicators.ts';
import { inject, INJECTION_KINDS, type Injection } from './inject.ts';
import { WEEKS_PER_MONTH } from './context.ts';
import type { ExternalDecisions } from './external.ts';
import { DISPOSITIONS, type Scenario } from './scenario.ts';
import { createRun, outcomeOf, type Outcome, type SimulateOptions } from './simulate.ts';
import type { GroupState } from './state.ts';

export interface TraceOptions extends SimulateOptions {
  /** Events injected by the trainer, applied at the end of their week. */
  injections?: readonly Injection[];
  /** Decisions supplied from outside, by week (external.ts): a workshop's played run. Null or missing: the model decides. */
  external?: readonly (ExternalDecisions | null)[];
}

export interface Trace {
  seed: number;
  replication: number;
  /** Members on the roster. */
  n: number;
  /** Frames: horizon + 1 (frame 0 is the founding state). */
  frames: number;
  /** Per member, fixed for the run. */
  names: (string | null)[];
  disposition: (typeof DISPOSITIONS)[number][];
  hiddenAgenda: boolean[];
  integrity: number[];
  need: number[];
  leadership: number[];
  /** frames × n, frame-major: membership, office (ROLES index) and attendance at this week's meeting. */
  active: Uint8Array;
  role: Uint8Array;
  attended: Uint8Array;
  /** frames × n: traits that change, 0–1. */
  skill: Float32Array;
  commitment: Float32Array;
  effort: Float32Array;
  /** Mean trust the others hold in each member, 0–1. */
  trustIn: Float32Array;
  /** frames × n: cumulative income from the group, Rp. */
  income: Float64Array;
  /** frames × n × n: trust[f][i][j] is how much i trusts j, 0–1. */
  trust: Float32Array;
  /** frames × INDICATORS.length: every indicator at each frame, in INDICATORS order. */
  indicators: Float64Array;
  /** frames × DRIVER_KEYS.length: what the nine elements are made of (indicators.ts Drivers). */
  drivers: Float64Array;
  /** Every event, natural and injected, with its 0-based week (shown at frame week + 1). */
  events: KubeEvent[];
  /** The injections that took effect (one that could not apply, e.g. after dissolution, is left out). */
  applied: Injection[];
  outcome: Outcome;
}

/** Allowed injections: known kind, whole week within the horizon. Throws a RangeError naming the bad one. */
export function checkInjections(injections: readonly Injection[], horizon: number): void {
  injections.forEach((inj, k) => {
    if (!INJECTION_KINDS.includes(inj.kind)) {
      throw new RangeError(`injections[${k}].kind: got ${JSON.stringify(inj.kind)}; allowed: ${INJECTION_KINDS.join(', ')}`);
    }
    if (!Number.isInteger(inj.week) || inj.week < 0 || inj.week >= horizon) {
      throw new RangeError(`injections[${k}].week: got ${inj.week}; allowed: a whole number from 0 to ${horizon - 1}`);
    }
    if (inj.member !== undefined && (!Number.isInteger(inj.member) || inj.member < 0)) {
      throw new RangeError(`injections[${k}].member: got ${inj.member}; allowed: a member index from 0`);
    }
  });
}

export function trace(sc: Scenario, opts: TraceOptions = {}): Trace {
  const H = sc.horizonWeeks;
  const injections = [...(opts.injections ?? [])];
  checkInjections(injections, H);
  // Stable by week: several injections in one week apply in the order given.
  const byWeek = injections.map((inj, k) => ({ inj, k })).sort((a, b) => a.inj.week - b.inj.week || a.k - b.k);
  const run = createRun(sc, opts);
  const st = run.state;
  const n = st.n;
  const F = H + 1;
  const K = INDICATORS.length;
  const D = DRIVER_KEYS.length;
  const out: Trace = {
    seed: run.seed,
    replication: run.replication,
    n,
    frames: F,
    names: Array.from({ length: n }, (_, i) => sc.members.roster?.[i]?.name ?? null),
    disposition: Array.from(st.disposition, (d) => DISPOSITIONS[d]),
    hiddenAgenda: Array.from(st.hiddenAgenda, (h) => h === 1),
    integrity: Array.from(st.integrity),
    need: Array.from(st.need),
    leadership: Array.from(st.leadership),
    active: new Uint8Array(F * n),
    role: new Uint8Array(F * n),
    attended: new Uint8Array(F * n),
    skill: new Float32Array(F * n),
    commitment: new Float32Array(F * n),
    effort: new Float32Array(F * n),
    trustIn: new Float32Array(F * n),
    income: new Float64Array(F * n),
    trust: new Float32Array(F * n * n),
    indicators: new Float64Array(F * K),
    drivers: new Float64Array(F * D),
    events: [],
    applied: [],
    outcome: outcomeOf(st, sc),
  };
  const summary = createSummary();
  const drivers = createDrivers();
  const aspirationPerWeek = run.ctx.hoped / WEEKS_PER_MONTH;
  const row = new Float64Array(K);
  const keep = (f: number) => {
    copyMembers(st, out, f);
    // One summary of the members serves the indicators and the drivers.
    const s = summarize(st, aspirationPerWeek, summary);
    measure(st, s, row, 0, 1);
    out.indicators.set(row, f * K);
    driversOf(st, s, drivers);
    for (let d = 0; d < D; d++) out.drivers[f * D + d] = drivers[DRIVER_KEYS[d]];
  };
  keep(0);
  let next = 0;
  for (let f = 1; f < F; f++) {
    const week = f - 1;
    run.ctx.external = opts.external?.[week] ?? null;
    // Injections belong to the week just run: applied before its invariant check (debug mode).
    run.step(() => {
      while (next < byWeek.length && byWeek[next].inj.week === week) {
        const { inj } = byWeek[next++];
        if (inject(run, inj.kind, inj.member)) out.applied.push(inj);
      }
    });
    run.ctx.external = null;
    keep(f);
  }
  out.events = eventList(st.events);
  out.outcome = outcomeOf(st, sc);
  return out;
}

function copyMembers(st: GroupState, out: Trace, f: number): void {
  const n = st.n;
  const at = f * n;
  out.active.set(st.active, at);
  out.role.set(st.role, at);
  out.attended.set(st.attended, at);
  out.skill.set(st.skill, at);
  out.commitment.set(st.commitment, at);
  out.effort.set(st.effort, at);
  out.trustIn.set(st.trustIn, at);
  out.income.set(st.income, at);
  out.trust.set(st.trust, at * n);
}

/** The typed arrays of a trace, to transfer from a worker. */
export function traceBuffers(t: Trace): ArrayBuffer[] {
  return [t.active, t.role, t.attended, t.skill, t.commitment, t.effort, t.trustIn, t.income, t.trust, t.indicators, t.drivers].map(
    (a) => a.buffer as ArrayBuffer,
  );
}


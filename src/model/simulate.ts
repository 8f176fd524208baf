/**
 * Run one replication of a scenario: `simulate` for a whole run, `createRun` to drive the weeks
 * from outside (tests, trainer mode). The engine owns the clock; nothing here reads time or
 * global randomness.
 */
import { createContext, WEEKS_PER_MONTH, type RunContext } from './context.ts';
import { DISSOLUTION_CAUSES, trimEventLog, type DissolutionCause, type EventLog } from './events.ts';
import { createSummary, INDICATORS, STATUS_NAMES, summarize, type StatusName, type Summary } from './indicators.ts';
import { initialize } from './initialize.ts';
import { refreshTrustMeans } from './processes/trust.ts';
import { createStreams } from './random.ts';
import { DISPOSITIONS, ROLES, type Scenario } from './scenario.ts';
import { STATUS, type GroupState } from './state.ts';
import { step } from './week.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Replication number: each gets independent luck from the same seed. Default 0. */
  replication?: number;
}

/** How a run ended. */
export interface Outcome {
  status: StatusName;
  /** Week the current status began (dissolution or stagnation), or null if active throughout. */
  statusWeek: number | null;
  cause: DissolutionCause | null;
  activeMembers: number;
  capital: number;
  iksFund: number;
  /** Income from the group per founding member per month over the horizon, Rp. */
  incomePerMemberMonthly: number;
  /** Exits per founding member. */
  exitsPerMember: number;
  exits: number;
  misuseEvents: number;
  leaderChanges: number;
  mentorVisits: number;
  grantReceived: number;
  /** Grant + facilitator visits + training, Rp. */
  interventionCost: number;
}

/** One member at the end of a run. */
export interface MemberRecord {
  role: (typeof ROLES)[number];
  disposition: (typeof DISPOSITIONS)[number];
  hiddenAgenda: boolean;
  active: boolean;
  exitWeek: number | null;
  skill: number;
  commitment: number;
  integrity: number;
  need: number;
  leadership: number;
  income: number;
}

export interface RunResult {
  seed: number;
  replication: number;
  weeks: number;
  /** One Float64Array per indicator, one value per week (end of week). */
  series: Record<string, Float64Array>;
  events: EventLog;
  outcome: Outcome;
  members: MemberRecord[];
}

/** A run driven week by week from outside. */
export interface Run {
  state: GroupState;
  ctx: RunContext;
  seed: number;
  replication: number;
  /** Advance one week; false once the horizon is reached. A dissolved group only ages. */
  step(): boolean;
  /** The indicators of the current state, in INDICATORS order. */
  measure(out?: Float64Array): Float64Array;
  /** Write the current indicators into column t of one array per indicator. */
  record(columns: Float64Array[], t: number): void;
}

export function createRun(sc: Scenario, opts: SimulateOptions = {}): Run {
  const seed = opts.seed ?? sc.seed;
  const replication = opts.replication ?? 0;
  const ctx = createContext(sc, createStreams(seed, replication));
  const st = initialize(ctx);
  refreshTrustMeans(st);
  const summary: Summary = createSummary();
  const aspirationPerWeek = sc.members.incomeAspiration / WEEKS_PER_MONTH;
  return {
    state: st,
    ctx,
    seed,
    replication,
    step() {
      if (st.week >= sc.horizonWeeks) return false;
      if (st.status === STATUS.dissolved) st.week++;
      else step(st, ctx);
      return true;
    },
    measure(out = new Float64Array(INDICATORS.length)) {
      summarize(st, aspirationPerWeek, summary);
      for (let k = 0; k < INDICATORS.length; k++) out[k] = INDICATORS[k].measure(st, summary);
      return out;
    },
    record(columns, t) {
      summarize(st, aspirationPerWeek, summary);
      for (let k = 0; k < INDICATORS.length; k++) columns[k][t] = INDICATORS[k].measure(st, summary);
    },
  };
}

/** Simulate one replication: the weekly indicator series, the events and the outcome. */
export function simulate(sc: Scenario, opts: SimulateOptions = {}): RunResult {
  const run = createRun(sc, opts);
  const st = run.state;
  const H = sc.horizonWeeks;
  const K = INDICATORS.length;
  const columns: Float64Array[] = [];
  for (let k = 0; k < K; k++) columns.push(new Float64Array(H));
  let t = 0;
  for (; t < H && st.status !== STATUS.dissolved; t++) {
    run.step();
    run.record(columns, t);
  }
  // A dissolved group has no group life left: only cumulative quantities carry on.
  for (let k = 0; k < K; k++) {
    if (!INDICATORS[k].keepsAfterEnd) continue;
    columns[k].fill(t > 0 ? columns[k][t - 1] : 0, t);
  }
  const series: Record<string, Float64Array> = {};
  for (let k = 0; k < K; k++) series[INDICATORS[k].key] = columns[k];
  return {
    seed: run.seed,
    replication: run.replication,
    weeks: H,
    series,
    events: trimEventLog(st.events),
    outcome: outcomeOf(st, sc),
    members: membersOf(st),
  };
}

export function outcomeOf(st: GroupState, sc: Scenario): Outcome {
  let income = 0;
  for (let i = 0; i < st.n; i++) income += st.income[i];
  const months = sc.horizonWeeks / WEEKS_PER_MONTH;
  const iv = sc.intervention;
  return {
    status: STATUS_NAMES[st.status],
    statusWeek: st.status === STATUS.active ? null : st.statusWeek,
    cause: st.cause >= 0 ? DISSOLUTION_CAUSES[st.cause] : null,
    activeMembers: st.nActive,
    capital: st.capital,
    iksFund: st.iksFund,
    incomePerMemberMonthly: income / st.n / months,
    exitsPerMember: st.exits / st.n,
    exits: st.exits,
    misuseEvents: st.misuseDetected,
    leaderChanges: st.leaderChanges,
    mentorVisits: st.mentorVisits,
    grantReceived: st.grantTotal,
    interventionCost: st.grantTotal + st.mentorVisits * iv.costs.perVisit + iv.trainingDays * iv.costs.perTrainingDayPerMember * st.n,
  };
}

function membersOf(st: GroupState): MemberRecord[] {
  const out: MemberRecord[] = [];
  for (let i = 0; i < st.n; i++) {
    out.push({
      role: ROLES[st.role[i]],
      disposition: DISPOSITIONS[st.disposition[i]],
      hiddenAgenda: st.hiddenAgenda[i] === 1,
      active: st.active[i] === 1,
      exitWeek: st.exitWeek[i] >= 0 ? st.exitWeek[i] : null,
      skill: st.skill[i],
      commitment: st.commitment[i],
      integrity: st.integrity[i],
      need: st.need[i],
      leadership: st.leadership[i],
      income: st.income[i],
    });
  }
  return out;
}

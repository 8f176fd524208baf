/**
 * Run one replication of a scenario: `simulate` for a whole run, `createRun` to drive the weeks
 * from outside (tests, trainer mode). The engine owns the clock; nothing here reads time or
 * global randomness.
 */
import { createContext, WEEKS_PER_MONTH, type RunContext } from './context.ts';
import { DISSOLUTION_CAUSES, trimEventLog, type DissolutionCause, type EventLog } from './events.ts';
import { createSummary, INDICATORS, measure, STATUS_NAMES, summarize, type StatusName, type Summary } from './indicators.ts';
import { createChecker } from './check.ts';
import { initialize } from './initialize.ts';
import { refreshTrustMeans } from './processes/trust.ts';
import { createStreams } from './random.ts';
import { DISPOSITIONS, ROLES, type Scenario } from './scenario.ts';
import { STATUS, totalIncome, type GroupState } from './state.ts';
import { step } from './week.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Replication number: each gets independent luck from the same seed. Default 0. */
  replication?: number;
  /**
   * Debug mode: check the model's invariants on the state after initialisation and after every
   * week (src/model/check.ts); a broken one throws an InvariantError. Off by default.
   */
  check?: boolean;
}

/** How a run ended. */
export interface Outcome {
  status: StatusName;
  /** Week the current status began (dissolution or stagnation), or null if active throughout. */
  statusWeek: number | null;
  cause: DissolutionCause | null;
  /** Members still in the group at the horizon; 0 once it has dissolved (see membersAtEnd). */
  activeMembers: number;
  /** Members still in the group when the run ended, or when the group dissolved. */
  membersAtEnd: number;
  capital: number;
  iksFund: number;
  /** Income from the group per founding member per month over the horizon, Rp. */
  incomePerMemberMonthly: number;
  /**
   * The business's profit (sales less operating costs and losses) per founding member per month
   * over the horizon, Rp: what business trials measure, whether or not the group paid it out.
   */
  profitPerMemberMonthly: number;
  /** Exits per founding member. */
  exitsPerMember: number;
  exits: number;
  /** Times an officer took money, found or not. */
  misuseCommitted: number;
  /** Times misuse was found (better oversight finds more of what was taken). */
  misuseDetected: number;
  leaderChanges: number;
  mentorVisits: number;
  grantReceived: number;
  /** Grant + facilitator visits + training, Rp. */
  interventionCost: number;
}

/** One member at the end of a run. */
export interface MemberRecord {
  /** Index of the member (0-based), as used in events. */
  index: number;
  /** Name from the roster, or null. */
  name: string | null;
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
  /**
   * One Float64Array per indicator, one value per week (end of week). All are views of one
   * buffer (`series.capital.buffer`), so a worker can transfer a run's series in one piece.
   */
  series: Record<string, Float64Array>;
  events: EventLog;
  outcome: Outcome;
  members: MemberRecord[];
  /** Work the engine did: weeks simulated (a dissolved group stops), member-weeks, trust pair revisions. */
  work: { weeks: number; memberWeeks: number; pairUpdates: number };
}

/** A run driven week by week from outside. */
export interface Run {
  state: GroupState;
  ctx: RunContext;
  seed: number;
  replication: number;
  /**
   * Advance one week; false once the horizon is reached. A dissolved group only ages. `endOfWeek`
   * runs after the week's processes and before the invariant check (trainer mode's injections).
   */
  step(endOfWeek?: () => void): boolean;
  /** The indicators of the current state, in INDICATORS order. */
  measure(out?: Float64Array): Float64Array;
  /** Write the current indicators into week t of a block of K columns of length H (K × H). */
  record(block: Float64Array, t: number, H: number): void;
}

/** Thrown for options that are not whole numbers in range. */
function checkOption(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name}: got ${value}; allowed: a whole number from 0 to ${max}`);
  }
  return value;
}

export function createRun(sc: Scenario, opts: SimulateOptions = {}): Run {
  const seed = checkOption('seed', opts.seed ?? sc.seed, 4294967295);
  const replication = checkOption('replication', opts.replication ?? 0, 4294967295);
  const ctx = createContext(sc, createStreams(seed, replication));
  const st = initialize(ctx);
  refreshTrustMeans(st);
  const summary: Summary = createSummary();
  const aspirationPerWeek = ctx.hoped / WEEKS_PER_MONTH;
  const checker = opts.check ? createChecker(sc) : null;
  checker?.check(st);
  return {
    state: st,
    ctx,
    seed,
    replication,
    step(endOfWeek) {
      if (st.week >= sc.horizonWeeks) return false;
      if (st.status === STATUS.dissolved) st.week++;
      else step(st, ctx);
      endOfWeek?.();
      if (checker) checker.check(st);
      return true;
    },
    measure(out = new Float64Array(INDICATORS.length)) {
      measure(st, summarize(st, aspirationPerWeek, summary), out, 0, 1);
      return out;
    },
    record(block, t, H) {
      measure(st, summarize(st, aspirationPerWeek, summary), block, t, H);
    },
  };
}

/** Simulate one replication: the weekly indicator series, the events and the outcome. */
export function simulate(sc: Scenario, opts: SimulateOptions = {}): RunResult {
  const run = createRun(sc, opts);
  const st = run.state;
  const H = sc.horizonWeeks;
  const K = INDICATORS.length;
  const block = new Float64Array(K * H);
  let t = 0;
  for (; t < H && st.status !== STATUS.dissolved; t++) {
    run.step();
    run.record(block, t, H);
  }
  const series: Record<string, Float64Array> = {};
  for (let k = 0; k < K; k++) {
    const column = block.subarray(k * H, (k + 1) * H);
    // A dissolved group has no group life left: only cumulative quantities carry on.
    if (INDICATORS[k].keepsAfterEnd && t > 0) column.fill(column[t - 1], t);
    series[INDICATORS[k].key] = column;
  }
  return {
    seed: run.seed,
    replication: run.replication,
    weeks: H,
    series,
    events: trimEventLog(st.events),
    outcome: outcomeOf(st, sc),
    members: membersOf(st, sc),
    work: { weeks: t, memberWeeks: st.memberWeeks, pairUpdates: st.pairUpdates },
  };
}

export function outcomeOf(st: GroupState, sc: Scenario): Outcome {
  const income = totalIncome(st);
  const months = sc.horizonWeeks / WEEKS_PER_MONTH;
  const iv = sc.intervention;
  return {
    status: STATUS_NAMES[st.status],
    statusWeek: st.status === STATUS.active ? null : st.statusWeek,
    cause: st.cause >= 0 ? DISSOLUTION_CAUSES[st.cause] : null,
    activeMembers: st.status === STATUS.dissolved ? 0 : st.nActive,
    membersAtEnd: st.nActive,
    capital: st.capital,
    iksFund: st.iksFund,
    incomePerMemberMonthly: income / st.n / months,
    profitPerMemberMonthly: st.profitTotal / st.n / months,
    exitsPerMember: st.exits / st.n,
    exits: st.exits,
    misuseCommitted: st.misuseCommitted,
    misuseDetected: st.misuseDetected,
    leaderChanges: st.leaderChanges,
    mentorVisits: st.mentorVisits,
    grantReceived: st.grantTotal,
    interventionCost: st.grantTotal + st.mentorVisits * iv.costs.perVisit + iv.trainingDays * iv.costs.perTrainingDayPerMember * st.n,
  };
}

function membersOf(st: GroupState, sc: Scenario): MemberRecord[] {
  const out: MemberRecord[] = [];
  for (let i = 0; i < st.n; i++) {
    out.push({
      index: i,
      name: sc.members.roster?.[i]?.name ?? null,
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

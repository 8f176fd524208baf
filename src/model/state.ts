/**
 * The state of one group: members as struct-of-arrays (one typed array per trait), a flat N×N
 * directed trust matrix (`trust[i * n + j]` is how much i trusts j), and group fields. Plain data.
 */
import { createEventLog, type EventLog } from './events.ts';

export const ROLE = { ketua: 0, sekretaris: 1, bendahara: 2, anggota: 3 } as const;
export const DISPOSITION = { conditional: 0, freeRider: 1, unconditional: 2 } as const;
export const STATUS = { active: 0, stagnant: 1, dissolved: 2 } as const;

export interface GroupState {
  /** Members on the roster (active or not). */
  n: number;
  // --- members (length n) ---
  skill: Float64Array;
  commitment: Float64Array;
  integrity: Float64Array;
  need: Float64Array;
  leadership: Float64Array;
  /** This week's effort, 0–1. */
  effort: Float64Array;
  /** Moving average of effort (what conditional cooperators match; known to all), 0–1. */
  contribution: Float64Array;
  /** Satisfaction with income: max(share of aspiration met by average income, optimism), 0–1. */
  satisfaction: Float64Array;
  /** Income received this week, Rp. */
  paidThisWeek: Float64Array;
  /** Moving average of weekly income, Rp/week. */
  incomeAvg: Float64Array;
  /** Cumulative income received from the group (payouts and IKS aid), Rp. */
  income: Float64Array;
  /** Chair's accumulated overload, 0–1. */
  burnout: Float64Array;
  /** Mean trust others hold in this member (refreshed by the trust process). */
  trustIn: Float64Array;
  /** Mean trust this member holds in the others. */
  trustOut: Float64Array;
  /** Sum of this member's effort since trust was last revised. */
  effortSeen: Float64Array;
  role: Uint8Array;
  disposition: Uint8Array;
  hiddenAgenda: Uint8Array;
  active: Uint8Array;
  attended: Uint8Array;
  exitWeek: Int32Array;
  /** Scratch: active members in some order (the trust process sorts them by effort). */
  order: Int32Array;
  /** Directed trust, n×n, in [0, 1]. */
  trust: Float64Array;
  // --- group ---
  week: number;
  nActive: number;
  capital: number;
  iksFund: number;
  /** Grant not yet paid out. */
  pendingGrant: number;
  /** Share of the capital turned into the business (livestock, stock, tools); the rest is cash. */
  settled: number;
  /** Net profit since the last distribution (may be negative). */
  retainedProfit: number;
  /** Value added in the current business cycle, not yet sold. */
  accrued: number;
  /** Log market price factor (AR(1)). */
  logMarket: number;
  marketAccess: number;
  goalClarity: number;
  roleClarity: number;
  bookkeeping: number;
  norms: number;
  conflict: number;
  coordination: number;
  /** Expectation carried by the grant itself, decays while no income comes, 0–1. */
  optimism: number;
  /** Share of meeting occasions (scheduled, or a facilitator visit) when a meeting was held (moving average). */
  meetingRate: number;
  /** Share of active members at meetings (moving average). */
  attendanceRate: number;
  meetingHeld: number;
  weeksSinceMeeting: number;
  lowActivityWeeks: number;
  stagnantWeeks: number;
  noCapitalWeeks: number;
  /** Weeks since trust was last revised. */
  trustWeeks: number;
  /** Mean of the active members' trust in the others (as of the last revision). */
  meanTrust: number;
  /** Mediation waiting for the next trust revision, 0–1. */
  mediation: number;
  /** Mean contribution of the active members, as of this week's work. */
  meanContribution: number;
  /** Whether anyone was paid last week (1) or not (0). */
  paidLastWeek: number;
  mentorAcc: number;
  visitsThisWeek: number;
  /** Strength of the facilitator's most recent audit, decaying weekly, 0–1. */
  audit: number;
  /** Member who last received IKS aid, or -1. */
  lastAid: number;
  /** Week of the last yearly election. */
  lastElection: number;
  chair: number;
  secretary: number;
  treasurer: number;
  /** Member holding undetected misused money, or -1. */
  misuser: number;
  misuseAmount: number;
  status: number;
  statusWeek: number;
  cause: number;
  // --- this week's money flows, Rp ---
  grantIn: number;
  revenue: number;
  costs: number;
  payouts: number;
  withdrawals: number;
  iksIn: number;
  iksOut: number;
  /** Paid into the IKS fund by members from their own pocket this week (only supplied decisions pay: external.ts). */
  iksPaid: number;
  misuse: number;
  // --- counters ---
  grantTotal: number;
  /** The business's profit so far: sales less operating costs and losses, summed over the weeks, Rp. */
  profitTotal: number;
  mentorVisits: number;
  exits: number;
  /** Misuse committed (found or not) and misuse found. */
  misuseCommitted: number;
  misuseDetected: number;
  leaderChanges: number;
  /** Work done, for benchmarks: active member-weeks simulated and trust pair revisions. */
  memberWeeks: number;
  pairUpdates: number;
  events: EventLog;
}

/** The active member with the highest score (the first on a tie), skipping two indices; -1 if none. */
export function bestMember(st: GroupState, score: (i: number) => number, skipA: number, skipB: number): number {
  let arg = -1;
  let top = -Infinity;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i] || i === skipA || i === skipB) continue;
    const s = score(i);
    if (s > top) {
      top = s;
      arg = i;
    }
  }
  return arg;
}

/** Everything the members have received from the group so far (payouts and IKS aid), Rp. */
export function totalIncome(st: GroupState): number {
  let s = 0;
  for (let i = 0; i < st.n; i++) s += st.income[i];
  return s;
}

/** Allocate the state of a group of n members (all zero; initialise fills it). */
export function allocateState(n: number): GroupState {
  // One buffer per element type, carved into per-trait views: a handful of allocations per run.
  const floats = new Float64Array(15 * n + n * n);
  const bytes = new Uint8Array(5 * n);
  const ints = new Int32Array(2 * n);
  let fo = 0;
  let bo = 0;
  const f = () => floats.subarray(fo, (fo += n));
  const u = () => bytes.subarray(bo, (bo += n));
  return {
    n,
    skill: f(), commitment: f(), integrity: f(), need: f(), leadership: f(), effort: f(),
    contribution: f(), satisfaction: f(), paidThisWeek: f(), incomeAvg: f(), income: f(),
    burnout: f(), trustIn: f(), trustOut: f(), effortSeen: f(),
    role: u(), disposition: u(), hiddenAgenda: u(), active: u(), attended: u(),
    exitWeek: ints.subarray(0, n).fill(-1),
    order: ints.subarray(n),
    trust: floats.subarray(15 * n),
    week: 0, nActive: 0, capital: 0, iksFund: 0, pendingGrant: 0, settled: 0, retainedProfit: 0, accrued: 0,
    logMarket: 0, marketAccess: 0, goalClarity: 0, roleClarity: 0, bookkeeping: 0, norms: 0,
    conflict: 0, coordination: 0, optimism: 0, meetingRate: 0, attendanceRate: 0, meetingHeld: 0,
    weeksSinceMeeting: 0, lowActivityWeeks: 0, stagnantWeeks: 0, noCapitalWeeks: 0, trustWeeks: 0, meanTrust: 0, mediation: 0, meanContribution: 0, paidLastWeek: 0, mentorAcc: 0,
    visitsThisWeek: 0, audit: 0, lastAid: -1, lastElection: 0, chair: -1, secretary: -1, treasurer: -1, misuser: -1,
    misuseAmount: 0, status: 0, statusWeek: -1, cause: -1,
    grantIn: 0, revenue: 0, costs: 0, payouts: 0, withdrawals: 0, iksIn: 0, iksOut: 0, iksPaid: 0, misuse: 0,
    grantTotal: 0, profitTotal: 0, mentorVisits: 0, exits: 0, misuseCommitted: 0, misuseDetected: 0, leaderChanges: 0, memberWeeks: 0, pairUpdates: 0,
    events: createEventLog(),
  };
}

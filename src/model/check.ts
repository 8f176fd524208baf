/**
 * Invariant checker (debug mode and tests): after every week, verifies on the state itself what
 * the model promises (docs/MODEL.md §8.4): the money identity, every 0–1 quantity in [0, 1], no
 * NaN or Infinity, exits final, officers active, dissolution final, counters that only grow. It
 * costs about one trust revision per week, so runs call it only when asked (`check: true`).
 */
import type { Scenario } from './scenario.ts';
import { ROLE, STATUS, type GroupState } from './state.ts';

/** A broken invariant: the week, the quantity, the member or pair, and the value found. */
export class InvariantError extends Error {
  override name = 'InvariantError';
  constructor(
    /** The week just simulated (0-based, as in events and series), or -1 for the initial state. */
    readonly week: number,
    /** The quantity, e.g. `trust`, `capital`, `money identity`. */
    readonly quantity: string,
    /** The member index, the pair [i, j], or null for a group quantity. */
    readonly index: number | readonly [number, number] | null,
    readonly value: number,
    what: string,
  ) {
    const at = index === null ? '' : typeof index === 'number' ? `[${index}]` : `[${index[0]}→${index[1]}]`;
    super(`${week < 0 ? 'initial state' : `week ${week}`}: ${quantity}${at} = ${value}: ${what}`);
  }
}

/** Member quantities on the 0–1 scale. */
const MEMBER_UNIT = ['skill', 'commitment', 'integrity', 'need', 'leadership', 'effort', 'contribution', 'satisfaction', 'burnout', 'trustIn', 'trustOut'] as const;
/** Member quantities that are never negative (Rp, or effort·weeks). */
const MEMBER_NONNEG = ['paidThisWeek', 'incomeAvg', 'income', 'effortSeen'] as const;
/** Counters that never decrease. */
const COUNTERS = ['grantTotal', 'mentorVisits', 'exits', 'misuseCommitted', 'misuseDetected', 'leaderChanges', 'memberWeeks', 'pairUpdates'] as const;

const OFFICERS = [['chair', ROLE.ketua], ['secretary', ROLE.sekretaris], ['treasurer', ROLE.bendahara]] as const;
const ANGGOTA: number = ROLE.anggota;
const { active: ACTIVE, stagnant: STAGNANT, dissolved: DISSOLVED } = STATUS;

/** Relative tolerance of the money identities (rounding of sums of a few dozen terms). */
const REL = 1e-9;

/** What the checker remembers of last week. */
interface Previous {
  week: number;
  status: number;
  capital: number;
  iksFund: number;
  income: number;
  active: Uint8Array;
  exitWeek: Int32Array;
  counters: number[];
}

/** A checker for the runs of one scenario: `check(st)` after initialisation and after every week. */
export interface Checker {
  /** Throws an InvariantError if the state breaks an invariant; otherwise remembers it for next week. */
  check(st: GroupState): void;
}

/** A checker for one run of `sc` (it remembers the previous week, so one checker per run). */
export function createChecker(sc: Scenario): Checker {
  let prev: Previous | null = null;
  return {
    check(st) {
      checkWeek(st, sc, prev);
      prev = remember(st, prev);
    },
  };
}

function remember(st: GroupState, into: Previous | null): Previous {
  const p = into ?? { week: 0, status: 0, capital: 0, iksFund: 0, income: 0, active: new Uint8Array(st.n), exitWeek: new Int32Array(st.n), counters: [] };
  p.week = st.week;
  p.status = st.status;
  p.capital = st.capital;
  p.iksFund = st.iksFund;
  p.income = sum(st.income);
  p.active.set(st.active);
  p.exitWeek.set(st.exitWeek);
  for (let k = 0; k < COUNTERS.length; k++) p.counters[k] = st[COUNTERS[k]];
  return p;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function checkWeek(st: GroupState, sc: Scenario, prev: Previous | null): void {
  // The week just simulated: the one that began where the last check left off.
  const week = prev ? prev.week : -1;
  const n = st.n;

  // --- ranges, and no NaN or Infinity anywhere (comparisons written so that NaN fails) ---
  for (const q of MEMBER_UNIT) {
    const a = st[q];
    for (let i = 0; i < n; i++) if (!(a[i] >= 0 && a[i] <= 1)) fail(week, q, i, a[i], OUT_OF_UNIT);
  }
  for (const q of MEMBER_NONNEG) {
    const a = st[q];
    for (let i = 0; i < n; i++) if (!(a[i] >= 0 && a[i] < Infinity)) fail(week, q, i, a[i], NOT_NONNEG);
  }
  const t = st.trust;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const x = t[row + j];
      if (!(x >= 0 && x <= 1) || (i === j && x !== 1)) fail(week, 'trust', [i, j], x, i === j ? 'the diagonal must stay 1' : 'outside [0, 1]');
    }
  }
  groupScalars(st, week);
  for (let i = 0; i < n; i++) {
    if (st.role[i] > ANGGOTA) fail(week, 'role', i, st.role[i], 'not a role');
    if (st.disposition[i] > 2) fail(week, 'disposition', i, st.disposition[i], 'not a disposition');
    if (st.hiddenAgenda[i] > 1) fail(week, 'hiddenAgenda', i, st.hiddenAgenda[i], 'not 0 or 1');
    if (st.active[i] > 1) fail(week, 'active', i, st.active[i], 'not 0 or 1');
    if (st.attended[i] > 1) fail(week, 'attended', i, st.attended[i], 'not 0 or 1');
  }

  // --- members and exits ---
  let active = 0;
  for (let i = 0; i < n; i++) {
    if (st.active[i]) {
      active++;
      if (st.exitWeek[i] !== -1) fail(week, 'exitWeek', i, st.exitWeek[i], 'an active member has an exit week');
    } else {
      // A member who left in week w has exitWeek w; the current week is st.week (not yet run).
      if (!(st.exitWeek[i] >= 0 && st.exitWeek[i] <= Math.max(week, 0))) fail(week, 'exitWeek', i, st.exitWeek[i], `a member who left needs an exit week in 0…${Math.max(week, 0)}`);
      if (st.effort[i] !== 0) fail(week, 'effort', i, st.effort[i], 'a member who left still works');
      if (st.attended[i] !== 0) fail(week, 'attended', i, st.attended[i], 'a member who left attended a meeting');
    }
    if (prev && !prev.active[i] && st.active[i]) fail(week, 'active', i, st.active[i], `left in week ${prev.exitWeek[i]} and came back`);
    if (prev && !prev.active[i] && st.exitWeek[i] !== prev.exitWeek[i]) fail(week, 'exitWeek', i, st.exitWeek[i], `changed after the member left (was ${prev.exitWeek[i]})`);
  }
  if (st.nActive !== active) fail(week, 'nActive', null, st.nActive, `${active} members are active`);
  if (st.exits !== n - active) fail(week, 'exits', null, st.exits, `${n - active} members have left`);

  // --- officers: distinct active members (or -1), each holding the matching role ---
  // Two offices first: one member can hold only one role, so the role check would report it as a mismatch.
  if (st.chair >= 0 && (st.chair === st.secretary || st.chair === st.treasurer)) fail(week, 'chair', null, st.chair, 'holds two offices');
  if (st.secretary >= 0 && st.secretary === st.treasurer) fail(week, 'secretary', null, st.secretary, 'holds two offices');
  for (const [q, role] of OFFICERS) {
    const i = st[q];
    if (i === -1) continue;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) fail(week, q, null, i, `not a member index (0…${n - 1}) or -1`);
    if (!st.active[i]) fail(week, q, null, i, 'the officer has left the group');
    if (st.role[i] !== role) fail(week, 'role', i, st.role[i], `the ${q} holds role ${role}`);
  }
  for (let i = 0; i < n; i++) {
    if (st.role[i] !== ANGGOTA && st.chair !== i && st.secretary !== i && st.treasurer !== i) fail(week, 'role', i, st.role[i], 'an office that no officer field names');
  }
  if (st.misuser !== -1 && !(Number.isInteger(st.misuser) && st.misuser >= 0 && st.misuser < n && st.active[st.misuser])) fail(week, 'misuser', null, st.misuser, 'not an active member or -1');
  if (st.misuser === -1 && st.misuseAmount !== 0) fail(week, 'misuseAmount', null, st.misuseAmount, 'misused money with nobody holding it');
  if (!(st.lastAid === -1 || (Number.isInteger(st.lastAid) && st.lastAid >= 0 && st.lastAid < n))) fail(week, 'lastAid', null, st.lastAid, 'not a member index or -1');

  // --- status ---
  if (st.status !== ACTIVE && st.status !== STAGNANT && st.status !== DISSOLVED) fail(week, 'status', null, st.status, 'not 0, 1 or 2');
  if ((st.status === DISSOLVED) !== (st.cause >= 0)) fail(week, 'cause', null, st.cause, `status ${st.status} with this cause`);
  if (st.status === DISSOLVED && (st.capital !== 0 || st.iksFund !== 0)) fail(week, st.capital !== 0 ? 'capital' : 'iksFund', null, st.capital || st.iksFund, 'left in a dissolved group');

  // --- the grant: paid plus pending is the whole grant ---
  const grant = sc.intervention.grant.amount;
  if (Math.abs(st.grantTotal + st.pendingGrant - grant) > REL * grant + 1e-6) fail(week, 'grantTotal', null, st.grantTotal, `paid + pending (${st.pendingGrant}) ≠ the grant ${grant}`);

  if (!prev) {
    if (st.week !== 0) fail(week, 'week', null, st.week, 'the initial state is week 0');
    return;
  }

  // --- the clock, the end, the counters ---
  if (st.week !== prev.week + 1) fail(week, 'week', null, st.week, `the week after ${prev.week}`);
  if (prev.status === DISSOLVED && st.status !== DISSOLVED) fail(week, 'status', null, st.status, 'a dissolved group came back');
  for (let k = 0; k < COUNTERS.length; k++) {
    if (st[COUNTERS[k]] < prev.counters[k]) fail(week, COUNTERS[k], null, st[COUNTERS[k]], `decreased from ${prev.counters[k]}`);
  }

  // --- money ---
  if (prev.status === DISSOLVED) {
    // A dissolved group's weeks do not run: nothing moves (its flows are the last week's).
    if (st.capital !== prev.capital || st.iksFund !== prev.iksFund) fail(week, 'capital', null, st.capital, 'money moved in a dissolved group');
    return;
  }
  const dCapital = st.capital - prev.capital;
  const net = st.grantIn + st.revenue - st.costs - st.payouts - st.withdrawals - st.iksIn - st.misuse;
  const scale = prev.capital + st.capital + st.grantIn + st.revenue + st.costs + st.payouts + st.withdrawals + st.iksIn + st.misuse;
  if (Math.abs(dCapital - net) > REL * scale + 1e-6) {
    fail(week, 'money identity', null, dCapital - net, `Δcapital ${dCapital} ≠ grant + revenue − costs − payouts − withdrawals − IKS in − misuse = ${net}`);
  }
  const dIks = st.iksFund - prev.iksFund;
  const iksNet = st.iksIn + st.iksPaid - st.iksOut;
  if (Math.abs(dIks - iksNet) > REL * (prev.iksFund + st.iksFund + st.iksIn + st.iksPaid + st.iksOut) + 1e-6) {
    fail(week, 'IKS identity', null, dIks - iksNet, `ΔiksFund ${dIks} ≠ iksIn + iksPaid − iksOut = ${iksNet}`);
  }
  // Members' income grows by this week's payouts plus the IKS aid (iksOut also counts a
  // dissolving group's fund, divided as withdrawals, not income).
  const dIncome = sum(st.income) - prev.income;
  const slack = REL * (prev.income + st.payouts + st.iksOut) + 1e-6;
  if (dIncome < st.payouts - slack || dIncome > st.payouts + st.iksOut + slack) {
    fail(week, 'income', null, dIncome, `members' income grew by ${dIncome}; payouts ${st.payouts}, IKS out ${st.iksOut}`);
  }
}

/**
 * The group's scalars, each named (property loads by a variable key on a state this wide are
 * several times slower, and this runs every week).
 */
function groupScalars(st: GroupState, w: number): void {
  // On the 0–1 scale (coordination is a 0–1 mix times the size factor, clamped).
  unit(w, 'marketAccess', st.marketAccess);
  unit(w, 'goalClarity', st.goalClarity);
  unit(w, 'roleClarity', st.roleClarity);
  unit(w, 'bookkeeping', st.bookkeeping);
  unit(w, 'norms', st.norms);
  unit(w, 'conflict', st.conflict);
  unit(w, 'coordination', st.coordination);
  unit(w, 'optimism', st.optimism);
  unit(w, 'meetingRate', st.meetingRate);
  unit(w, 'attendanceRate', st.attendanceRate);
  unit(w, 'meanTrust', st.meanTrust);
  unit(w, 'mediation', st.mediation);
  unit(w, 'meanContribution', st.meanContribution);
  unit(w, 'audit', st.audit);
  unit(w, 'settled', st.settled);
  // Money held and this week's flows: never negative.
  nonneg(w, 'capital', st.capital);
  nonneg(w, 'iksFund', st.iksFund);
  nonneg(w, 'pendingGrant', st.pendingGrant);
  nonneg(w, 'accrued', st.accrued);
  nonneg(w, 'misuseAmount', st.misuseAmount);
  nonneg(w, 'mentorAcc', st.mentorAcc);
  nonneg(w, 'grantIn', st.grantIn);
  nonneg(w, 'revenue', st.revenue);
  nonneg(w, 'costs', st.costs);
  nonneg(w, 'payouts', st.payouts);
  nonneg(w, 'withdrawals', st.withdrawals);
  nonneg(w, 'iksIn', st.iksIn);
  nonneg(w, 'iksOut', st.iksOut);
  nonneg(w, 'iksPaid', st.iksPaid);
  nonneg(w, 'misuse', st.misuse);
  nonneg(w, 'grantTotal', st.grantTotal);
  // Any finite value.
  if (!Number.isFinite(st.retainedProfit)) fail(w, 'retainedProfit', null, st.retainedProfit, 'not finite');
  if (!Number.isFinite(st.logMarket)) fail(w, 'logMarket', null, st.logMarket, 'not finite');
  // Whole numbers ≥ 0 (weeks, counts, flags) or ≥ −1 (a week or cause not yet set).
  count(w, 'week', st.week, 0);
  count(w, 'nActive', st.nActive, 0);
  count(w, 'meetingHeld', st.meetingHeld, 0);
  count(w, 'paidLastWeek', st.paidLastWeek, 0);
  count(w, 'weeksSinceMeeting', st.weeksSinceMeeting, 0);
  count(w, 'lowActivityWeeks', st.lowActivityWeeks, 0);
  count(w, 'stagnantWeeks', st.stagnantWeeks, 0);
  count(w, 'noCapitalWeeks', st.noCapitalWeeks, 0);
  count(w, 'trustWeeks', st.trustWeeks, 0);
  count(w, 'visitsThisWeek', st.visitsThisWeek, 0);
  count(w, 'lastElection', st.lastElection, 0);
  count(w, 'mentorVisits', st.mentorVisits, 0);
  count(w, 'exits', st.exits, 0);
  count(w, 'misuseDetected', st.misuseDetected, 0);
  count(w, 'misuseCommitted', st.misuseCommitted, st.misuseDetected);
  count(w, 'leaderChanges', st.leaderChanges, 0);
  count(w, 'memberWeeks', st.memberWeeks, 0);
  count(w, 'pairUpdates', st.pairUpdates, 0);
  count(w, 'status', st.status, 0);
  count(w, 'statusWeek', st.statusWeek, -1);
  count(w, 'cause', st.cause, -1);
}

function unit(w: number, q: string, v: number): void {
  if (!(v >= 0 && v <= 1)) fail(w, q, null, v, OUT_OF_UNIT);
}

function nonneg(w: number, q: string, v: number): void {
  if (!(v >= 0 && v < Infinity)) fail(w, q, null, v, NOT_NONNEG);
}

function count(w: number, q: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) fail(w, q, null, v, `not a whole number ≥ ${min}`);
}

const OUT_OF_UNIT = 'outside [0, 1]';
const NOT_NONNEG = 'not a finite number ≥ 0';

function fail(week: number, quantity: string, index: number | readonly [number, number] | null, value: number, what: string): never {
  throw new InvariantError(week, quantity, index, value, what);
}

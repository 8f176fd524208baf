/**
 * Trainer mode's injected events: what a trainer can make happen to a group in the middle of a
 * run, to let a workshop watch the group respond. An injection is applied at the end of a week,
 * after the week's processes, and counts in that week's events and money flows. It draws no
 * random numbers, so the streams stay aligned with an uninjected run (common random numbers).
 * docs/MODEL.md §7.14 describes each one.
 */
import { clamp01 } from './context.ts';
import { EV, logEvent } from './events.ts';
import { visit } from './processes/mentoring.ts';
import { detect, takeMoney } from './processes/misuse.ts';
import { capitalAtWork } from './processes/business.ts';
import { leave } from './processes/exit.ts';
import { refreshTrustMeans } from './processes/trust.ts';
import type { Run } from './simulate.ts';
import { STATUS, type GroupState } from './state.ts';

export const INJECTION_KINDS = ['visit', 'marketShock', 'quarrel', 'misuse', 'leave'] as const;
export type InjectionKind = (typeof INJECTION_KINDS)[number];

/** An event injected at the end of week `week` (0-based, as in the event log). */
export interface Injection {
  week: number;
  kind: InjectionKind;
  /** The member concerned (misuse: the officer; quarrel: one side; leave: who leaves); default chosen by the rule in MODEL.md. */
  member?: number;
}

/** Share of the capital an injected misuse takes (the top of the model's own 5–20% range). */
export const INJECTED_MISUSE_SHARE = 0.2;
/** Fall of the log market price in an injected market shock (the natural shock's is 0.2). */
export const INJECTED_PRICE_FALL = 0.4;

/**
 * Apply an injection to a run that has just finished week `st.week − 1`. Returns false (and
 * changes nothing) when it cannot apply: the group has dissolved, or nobody fits.
 */
export function inject(run: Run, kind: InjectionKind, member?: number): boolean {
  const st = run.state;
  if (st.status === STATUS.dissolved || st.nActive === 0 || st.week === 0) return false;
  if (member !== undefined && (!Number.isInteger(member) || member < 0 || member >= st.n || !st.active[member])) return false;
  // The week's processes have moved the clock on; the injection belongs to the week just run.
  st.week--;
  try {
    return apply(st, run, kind, member);
  } finally {
    st.week++;
  }
}

function apply(st: GroupState, run: Run, kind: InjectionKind, member: number | undefined): boolean {
  const sc = run.ctx.sc;
  switch (kind) {
    case 'visit': {
      const m = sc.intervention.mentoring;
      // The visit comes after this week's meeting and misuse check, so it neither calls a meeting
      // nor uncovers hidden misuse this week; its teaching, mediation and audit strength stay.
      visit(st, run.ctx, m.quality, m.organisingShare);
      st.mentorVisits++;
      logEvent(st.events, st.week, EV.mentorVisit);
      return true;
    }
    case 'marketShock': {
      const b = run.ctx.biz;
      // Like a natural shock, it hits only the capital at work (cash not yet settled is safe).
      const loss = capitalAtWork(st, b) * b.shockLoss;
      st.capital -= loss;
      st.costs += loss;
      // A loss like any cost: it comes off the profit the next meeting shares out.
      st.retainedProfit -= loss;
      st.accrued *= 1 - b.shockLoss;
      st.logMarket -= INJECTED_PRICE_FALL;
      logEvent(st.events, st.week, EV.trainerShock, -1, -1, loss);
      return true;
    }
    case 'quarrel': {
      const a = member ?? mostDistrusted(st);
      const b = partner(st, a);
      if (a < 0 || b < 0) return false;
      const n = st.n;
      st.trust[a * n + b] *= 0.5;
      st.trust[b * n + a] *= 0.5;
      st.conflict = clamp01(st.conflict + 0.3);
      refreshTrustMeans(st);
      logEvent(st.events, st.week, EV.quarrel, a, b);
      return true;
    }
    case 'misuse': {
      // Hidden misuse already under way comes to light; otherwise an officer takes money and is found out.
      if (st.misuser >= 0 && member === undefined) {
        detect(st, st.misuser);
        return true;
      }
      const i = member ?? officer(st);
      if (i < 0 || st.capital <= 0) return false;
      if (st.misuser >= 0) detect(st, st.misuser);
      takeMoney(st, i, st.capital * INJECTED_MISUSE_SHARE);
      detect(st, i);
      return true;
    }
    case 'leave': {
      const i = member ?? leastCommitted(st);
      if (i < 0) return false;
      leave(st, i);
      return true;
    }
  }
}

/** The treasurer, else the chair, else the secretary: the first active officer; -1 if none. */
function officer(st: GroupState): number {
  for (const i of [st.treasurer, st.chair, st.secretary]) if (i >= 0 && st.active[i]) return i;
  return -1;
}

/** The active member the others trust least (the first on a tie). */
function mostDistrusted(st: GroupState): number {
  let arg = -1;
  for (let i = 0; i < st.n; i++) if (st.active[i] && (arg < 0 || st.trustIn[i] < st.trustIn[arg])) arg = i;
  return arg;
}

/** The active member whom `a` trusts least: the other side of a quarrel. */
function partner(st: GroupState, a: number): number {
  if (a < 0) return -1;
  let arg = -1;
  const row = a * st.n;
  for (let j = 0; j < st.n; j++) {
    if (j === a || !st.active[j]) continue;
    if (arg < 0 || st.trust[row + j] < st.trust[row + arg]) arg = j;
  }
  return arg;
}

/** The least committed active member who holds no office (any member if all hold one). */
function leastCommitted(st: GroupState): number {
  let arg = -1;
  let any = -1;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    if (any < 0 || st.commitment[i] < st.commitment[any]) any = i;
    if (i === st.chair || i === st.treasurer || i === st.secretary) continue;
    if (arg < 0 || st.commitment[i] < st.commitment[arg]) arg = i;
  }
  return arg >= 0 ? arg : any;
}

/** One week of group life: the fixed order of the processes. */
import type { Process, RunContext } from './context.ts';
import { agenda } from './processes/agenda.ts';
import { business } from './processes/business.ts';
import { commitment } from './processes/commitment.ts';
import { exit } from './processes/exit.ts';
import { fate } from './processes/fate.ts';
import { finance } from './processes/finance.ts';
import { funding } from './processes/funding.ts';
import { leadership } from './processes/leadership.ts';
import { meeting } from './processes/meeting.ts';
import { mentoring } from './processes/mentoring.ts';
import { misuse } from './processes/misuse.ts';
import { trust } from './processes/trust.ts';
import { work } from './processes/work.ts';
import { STATUS, type GroupState } from './state.ts';

/** The schedule, in order; docs/MODEL.md explains each step. */
export const SCHEDULE: readonly Process[] = [
  funding, // the grant (or its next tranche) arrives
  mentoring, // the facilitator visits
  meeting, // the group meets, if the chair organises it
  leadership, // burnout; elections at a meeting
  finance, // profit shared at a meeting; IKS aid
  agenda, // hidden agendas push to split the capital
  work, // members decide their effort
  business, // production, costs, sales, market shocks
  misuse, // officers may take money; misuse may be found
  trust, // members update trust from what they saw
  commitment, // commitment follows income, trust, peace, fairness
  exit, // members below the threshold leave
  fate, // active, stagnant or dissolved
];

/** Advance the group by one week. A dissolved group does not change. */
export function step(st: GroupState, ctx: RunContext): void {
  if (st.status === STATUS.dissolved) return;
  st.grantIn = st.revenue = st.costs = st.payouts = st.withdrawals = 0;
  st.iksIn = st.iksOut = st.iksPaid = st.misuse = 0;
  st.memberWeeks += st.nActive;
  for (const process of SCHEDULE) {
    process(st, ctx);
    if (st.status === STATUS.dissolved) break;
  }
  st.profitTotal += st.revenue - st.costs;
  st.week++;
}

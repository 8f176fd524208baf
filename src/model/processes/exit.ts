/**
 * Exit: a member whose commitment has fallen below a threshold leaves with a weekly chance that
 * grows with need; besides, families leave for outside reasons (migration, illness) at a low
 * rate. Where the group's books and rules are weak, a leaver takes half a share of the capital.
 */
import type { RunContext } from '../context.ts';
import { EV, logEvent } from '../events.ts';
import type { GroupState } from '../state.ts';
import { vacate } from './leadership.ts';
import { refreshTrustMeans } from './trust.ts';

const THRESHOLD = 0.25;

export function exit(st: GroupState, ctx: RunContext): void {
  const rng = ctx.rng.exit;
  const uOutside = rng();
  const uWho = rng();
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i] || st.commitment[i] >= THRESHOLD) continue;
    if (rng() < 0.05 + 0.15 * st.need[i]) leave(st, i);
  }
  if (st.nActive > 0 && uOutside < ctx.k.outsideExit * st.nActive) {
    let k = Math.floor(uWho * st.nActive);
    for (let i = 0; i < st.n; i++) {
      if (!st.active[i]) continue;
      if (k-- === 0) {
        leave(st, i);
        break;
      }
    }
  }
}

/** Member i leaves the group (exported for trainer-mode injection). */
export function leave(st: GroupState, i: number): void {
  let take = 0;
  if (st.bookkeeping < 0.5 && st.capital > 0) {
    take = (0.5 * st.capital) / st.nActive;
    st.capital -= take;
    st.withdrawals += take;
  }
  st.active[i] = 0;
  st.attended[i] = 0;
  st.effort[i] = 0;
  st.exitWeek[i] = st.week;
  st.nActive--;
  st.exits++;
  if (st.misuser === i) {
    st.misuser = -1;
    st.misuseAmount = 0;
  }
  vacate(st, i);
  refreshTrustMeans(st);
  logEvent(st.events, st.week, EV.exit, i, -1, take);
}

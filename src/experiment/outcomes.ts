/**
 * One run reduced to a row of numbers: what ensembles, comparisons and sweeps keep of each run.
 * A row is plain numbers so that a worker can send a whole batch as one transferred Float64Array.
 */
import { DISSOLUTION_CAUSES, ELEMENT_KEYS, INDICATORS, STATUS_NAMES, WEEKS_PER_MONTH, type RunResult } from '../model/index.ts';


/** A per-run outcome column: key, unit and meaning. */
export interface RunField {
  key: string;
  unit: string;
  text: string;
  /** How the CSV writes it: a number, or a name from a list (status, cause). */
  names?: readonly string[];
  /** For comparisons: is more better (+1), less better (−1), or neither (0)? */
  better: 1 | -1 | 0;
  /** The range the quantity cannot leave (intervals are cut to it). */
  range: [number, number];
}

const ANY: [number, number] = [-Infinity, Infinity];
const NON_NEGATIVE: [number, number] = [0, Infinity];
const f = (key: string, unit: string, text: string, better: 1 | -1 | 0, names?: readonly string[], range = ANY): RunField => ({ key, unit, text, better, names, range });
// Counts and money the model keeps at or above zero (test/model/invariants.test.ts checks it).
const count = (key: string, unit: string, text: string, better: 1 | -1 | 0): RunField => f(key, unit, text, better, undefined, NON_NEGATIVE);

/** The columns of a run row, in order. Status, week and cause use −1 for "none". */
export const RUN_FIELDS: readonly RunField[] = [
  f('survived', '0/1', 'Still active at the horizon (1) or not (0: stagnant or dissolved)', 1, undefined, [0, 1]),
  f('status', 'name', 'Status at the horizon', 0, STATUS_NAMES),
  f('statusWeek', 'week', 'Week (counted from 1) in which the final status began (empty if active throughout)', 0),
  f('cause', 'name', 'Why the group dissolved (empty if it did not)', 0, DISSOLUTION_CAUSES),
  count('activeMembersFinal', 'families', 'Active members at the horizon (0 if dissolved)', 1),
  count('membersAtEnd', 'families', 'Members still in the group when the run or the group ended', 1),
  count('capitalFinal', 'Rp', 'Business capital at the horizon', 1),
  count('iksFundFinal', 'Rp', 'IKS fund at the horizon', 1),
  count('memberIncomeMonthly', 'Rp/month', 'Income from the group per founding member per month', 1),
  count('memberIncomeTotal', 'Rp', 'Income paid to all members over the horizon', 1),
  f('businessProfitMonthly', 'Rp/month', 'Business profit (sales less operating costs and losses) per founding member per month, paid out or not', 1),
  count('exitsPerMember', 'exits/member', 'Members who left, per founding member', -1),
  count('misuseCommitted', 'events', 'Misuse of group money committed (found or not)', -1),
  count('misuseDetected', 'events', 'Misuse of group money found', 0),
  count('leaderChanges', 'changes', 'Changes of chair', 0),
  count('mentorVisits', 'visits', 'Facilitator visits made', 0),
  count('grantReceived', 'Rp', 'Grant received', 0),
  count('interventionCost', 'Rp', 'Grant + facilitator visits + training', -1),
  ...ELEMENT_KEYS.map((k) => f(`${k}Mean`, '0–1', `${INDICATORS.find((d) => d.key === k)!.text.en}, averaged over the weeks the group existed`, 1, undefined, [0, 1])),
];

export const RUN_FIELD_KEYS = RUN_FIELDS.map((d) => d.key);
export const FIELD = Object.fromEntries(RUN_FIELDS.map((d, i) => [d.key, i])) as Record<string, number>;
export const F = RUN_FIELDS.length;

const ELEMENT_COLUMNS = ELEMENT_KEYS.map((k) => INDICATORS.findIndex((d) => d.key === k));

/**
 * The weeks a run's group existed: all of them, or up to and including the week it dissolved
 * (series indexes 0 … statusWeek). Element averages "over the weeks the group existed" use it.
 */
export function weeksAlive(r: RunResult): number {
  return r.outcome.status === 'dissolved' ? r.outcome.statusWeek! + 1 : r.weeks;
}

/** Write the row of one run into `out` at `offset` (F numbers). */
export function writeRunRow(r: RunResult, out: Float64Array, offset: number): void {
  const o = r.outcome;
  const n = r.members.length;
  const months = r.weeks / WEEKS_PER_MONTH;
  let j = offset;
  out[j++] = o.status === 'active' ? 1 : 0;
  out[j++] = STATUS_NAMES.indexOf(o.status);
  // Weeks count from 1 in every output (the engine's statusWeek is the 0-based series index).
  out[j++] = o.statusWeek === null ? -1 : o.statusWeek + 1;
  out[j++] = o.cause === null ? -1 : DISSOLUTION_CAUSES.indexOf(o.cause);
  out[j++] = o.activeMembers;
  out[j++] = o.membersAtEnd;
  out[j++] = o.capital;
  out[j++] = o.iksFund;
  out[j++] = o.incomePerMemberMonthly;
  out[j++] = o.incomePerMemberMonthly * n * months;
  out[j++] = o.profitPerMemberMonthly;
  out[j++] = o.exitsPerMember;
  out[j++] = o.misuseCommitted;
  out[j++] = o.misuseDetected;
  out[j++] = o.leaderChanges;
  out[j++] = o.mentorVisits;
  out[j++] = o.grantReceived;
  out[j++] = o.interventionCost;
  // Element means over the weeks the group existed (a dissolved group has no group life after).
  const alive = weeksAlive(r);
  for (const k of ELEMENT_COLUMNS) {
    const s = r.series[INDICATORS[k].key];
    let sum = 0;
    for (let t = 0; t < alive; t++) sum += s[t];
    out[j++] = sum / alive;
  }
}

/** A run row's cell as CSV text: names for status and cause, empty for "none". */
export function fieldText(k: number, v: number): string {
  const names = RUN_FIELDS[k].names;
  if (names) return v >= 0 ? names[v] : '';
  if (k === FIELD.statusWeek && v < 0) return '';
  return String(v);
}

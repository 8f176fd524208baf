/**
 * Indicators: what is measured, declared apart from what happens. Each is a pure function of the
 * state (and a per-week summary computed once from it). The nine elements of group dynamics
 * (Cartwright & Zander, as Indonesian studies score them) are indices in [0, 1] where higher means
 * healthier group life; docs/MODEL.md gives each definition.
 */
import type { ParamText } from './scenario.ts';
import type { GroupState } from './state.ts';

/** Aggregates of the active members, computed once per week. */
export interface Summary {
  meanTrust: number;
  meanCommitment: number;
  meanEffort: number;
  meanSkill: number;
  meanIncomeMet: number;
  hiddenShare: number;
  officers: number;
}

export function createSummary(): Summary {
  return { meanTrust: 0, meanCommitment: 0, meanEffort: 0, meanSkill: 0, meanIncomeMet: 0, hiddenShare: 0, officers: 0 };
}

export function summarize(st: GroupState, aspirationPerWeek: number, out: Summary): Summary {
  let trust = 0;
  let commitment = 0;
  let effort = 0;
  let skill = 0;
  let met = 0;
  let hidden = 0;
  for (let i = 0; i < st.n; i++) {
    if (!st.active[i]) continue;
    trust += st.trustOut[i];
    commitment += st.commitment[i];
    effort += st.effort[i];
    skill += st.skill[i];
    const m = aspirationPerWeek > 0 ? st.incomeAvg[i] / aspirationPerWeek : 1;
    met += m > 1 ? 1 : m;
    hidden += st.hiddenAgenda[i];
  }
  const k = st.nActive > 0 ? 1 / st.nActive : 0;
  out.meanTrust = trust * k;
  out.meanCommitment = commitment * k;
  out.meanEffort = effort * k;
  out.meanSkill = skill * k;
  out.meanIncomeMet = met * k;
  out.hiddenShare = hidden * k;
  out.officers =
    (st.chair >= 0 && st.active[st.chair] ? 1 : 0) +
    (st.treasurer >= 0 && st.active[st.treasurer] ? 1 : 0) +
    (st.secretary >= 0 && st.active[st.secretary] ? 1 : 0);
  return out;
}

/** One measured quantity. */
export interface Indicator {
  key: string;
  unit: string;
  text: ParamText;
  /** One of the nine elements of group dynamics. */
  element: boolean;
  /** Kept after dissolution (cumulative quantities and the status). */
  keepsAfterEnd: boolean;
  measure: (st: GroupState, s: Summary) => number;
}

const chairAcceptance = (st: GroupState) => (st.chair >= 0 && st.active[st.chair] ? st.trustIn[st.chair] : 0);
const pending = (st: GroupState) => (st.misuser >= 0 ? 1 : 0);
const el = (key: string, en: string, id: string, measure: Indicator['measure']): Indicator => ({
  key, unit: '0–1', text: { en, id }, element: true, keepsAfterEnd: false, measure,
});
const ind = (key: string, unit: string, en: string, id: string, measure: Indicator['measure'], keepsAfterEnd = false): Indicator => ({
  key, unit, text: { en, id }, element: false, keepsAfterEnd, measure,
});

/** Every indicator, in output order. The first nine are the elements of group dynamics. */
export const INDICATORS: readonly Indicator[] = [
  el('goals', 'Group goals', 'Tujuan kelompok', (st, s) => st.goalClarity * (0.5 + 0.5 * s.meanCommitment)),
  el('structure', 'Structure', 'Struktur kelompok', (st, s) => 0.5 * st.roleClarity + 0.3 * chairAcceptance(st) + 0.2 * (s.officers / 3)),
  el('taskFunctions', 'Task functions', 'Fungsi tugas', (st, s) => 0.4 * st.coordination + 0.3 * s.meanEffort + 0.3 * st.bookkeeping),
  el('maintenance', 'Maintenance and development', 'Pembinaan dan pengembangan', (st) => 0.6 * st.meetingRate + 0.4 * st.attendanceRate),
  el('cohesion', 'Cohesion', 'Kekompakan', (_st, s) => 0.6 * s.meanTrust + 0.4 * s.meanCommitment),
  el('atmosphere', 'Atmosphere', 'Suasana kelompok', (st, s) => (1 - st.conflict) * (0.5 + 0.5 * s.meanTrust)),
  el('pressure', 'Group pressure (norms)', 'Tekanan kelompok', (st) => st.norms * (0.3 + 0.7 * st.meetingRate)),
  el('effectiveness', 'Effectiveness', 'Keefektifan kelompok', (_st, s) => 0.5 * s.meanIncomeMet + 0.5 * s.meanCommitment),
  el('hiddenAgenda', 'Open aims (no hidden agenda)', 'Tanpa maksud terselubung', (st, s) => {
    const x = 1 - s.hiddenShare * (1.2 - st.goalClarity) - 0.3 * pending(st);
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }),
  ind('meanTrust', '0–1', 'Mean trust among active members', 'Rata-rata saling percaya', (_st, s) => s.meanTrust),
  ind('commitment', '0–1', 'Mean commitment', 'Rata-rata komitmen', (_st, s) => s.meanCommitment),
  ind('skill', '0–1', 'Mean skill', 'Rata-rata keterampilan', (_st, s) => s.meanSkill),
  ind('attendance', '0–1', 'Meeting attendance (moving average)', 'Kehadiran pertemuan', (st) => st.attendanceRate),
  ind('meetingHeld', 'yes/no', 'A meeting was held this week', 'Ada pertemuan minggu ini', (st) => st.meetingHeld),
  ind('conflict', '0–1', 'Conflict', 'Konflik', (st) => st.conflict),
  ind('activeMembers', 'families', 'Active members', 'Anggota aktif', (st) => st.nActive),
  ind('capital', 'Rp', 'Business capital', 'Modal usaha', (st) => st.capital),
  ind('iksFund', 'Rp', 'IKS social-solidarity fund', 'Dana IKS', (st) => st.iksFund),
  ind('incomePerMember', 'Rp', 'Cumulative income per founding member', 'Pendapatan kumulatif per anggota awal', (st) => {
    let s = 0;
    for (let i = 0; i < st.n; i++) s += st.income[i];
    return s / st.n;
  }, true),
  ind('status', '0 active, 1 stagnant, 2 dissolved', 'Group status', 'Status kelompok', (st) => st.status, true),
  // This week's money flows (Rp): the ledger behind the money identity.
  ind('grantIn', 'Rp', 'Grant received this week', 'Bantuan diterima', (st) => st.grantIn),
  ind('revenue', 'Rp', 'Sales revenue this week', 'Penjualan', (st) => st.revenue),
  ind('costs', 'Rp', 'Operating costs and losses this week', 'Biaya dan kerugian', (st) => st.costs),
  ind('payouts', 'Rp', 'Profit paid to members this week', 'Bagi hasil', (st) => st.payouts),
  ind('withdrawals', 'Rp', 'Capital taken out by leavers or a split this week', 'Modal ditarik', (st) => st.withdrawals),
  ind('iksIn', 'Rp', 'Paid into the IKS fund this week', 'Setoran IKS', (st) => st.iksIn),
  ind('iksOut', 'Rp', 'Paid out of the IKS fund this week', 'Pengeluaran IKS', (st) => st.iksOut),
  ind('misuse', 'Rp', 'Money taken by misuse this week', 'Uang disalahgunakan', (st) => st.misuse),
];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];
export const ELEMENT_KEYS = INDICATORS.filter((d) => d.element).map((d) => d.key);
export const INDICATOR_KEYS = INDICATORS.map((d) => d.key);
export const STATUS_NAMES = ['active', 'stagnant', 'dissolved'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

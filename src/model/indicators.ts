/**
 * Indicators: what is measured, declared apart from what happens. Each is a pure function of the
 * state (and a per-week summary computed once from it). The nine elements of group dynamics
 * (Cartwright & Zander, as Indonesian studies score them) are indices in [0, 1] where higher means
 * healthier group life; docs/MODEL.md gives each definition.
 */
import type { ParamText } from './scenario.ts';
import { totalIncome, type GroupState } from './state.ts';

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
  const { active, commitment, effort, skill, incomeAvg, hiddenAgenda } = st;
  const toMet = aspirationPerWeek > 0 ? 1 / aspirationPerWeek : 0;
  let com = 0;
  let eff = 0;
  let sk = 0;
  let met = 0;
  let hidden = 0;
  for (let i = 0; i < st.n; i++) {
    if (!active[i]) continue;
    com += commitment[i];
    eff += effort[i];
    sk += skill[i];
    const m = aspirationPerWeek > 0 ? incomeAvg[i] * toMet : 1;
    met += m > 1 ? 1 : m;
    hidden += hiddenAgenda[i];
  }
  const k = st.nActive > 0 ? 1 / st.nActive : 0;
  out.meanTrust = st.meanTrust;
  out.meanCommitment = com * k;
  out.meanEffort = eff * k;
  out.meanSkill = sk * k;
  out.meanIncomeMet = met * k;
  out.hiddenShare = hidden * k;
  out.officers =
    (st.chair >= 0 && active[st.chair] ? 1 : 0) +
    (st.treasurer >= 0 && active[st.treasurer] ? 1 : 0) +
    (st.secretary >= 0 && active[st.secretary] ? 1 : 0);
  return out;
}

/** One measured quantity: its key, unit and meaning. `measure` computes them all at once. */
export interface Indicator {
  key: string;
  unit: string;
  text: ParamText;
  /** One of the nine elements of group dynamics. */
  element: boolean;
  /** Kept after dissolution (cumulative quantities and the status). */
  keepsAfterEnd: boolean;
}

const el = (key: string, en: string, id: string): Indicator => ({ key, unit: '0–1', text: { en, id }, element: true, keepsAfterEnd: false });
const ind = (key: string, unit: string, en: string, id: string, keepsAfterEnd = false): Indicator => ({
  key, unit, text: { en, id }, element: false, keepsAfterEnd,
});

/** Every indicator, in output order. The first nine are the elements of group dynamics. */
export const INDICATORS: readonly Indicator[] = [
  el('goals', 'Group goals', 'Tujuan kelompok'),
  el('structure', 'Structure', 'Struktur kelompok'),
  el('taskFunctions', 'Task functions', 'Fungsi tugas'),
  el('maintenance', 'Maintenance and development', 'Pembinaan dan pengembangan'),
  el('cohesion', 'Cohesion', 'Kekompakan'),
  el('atmosphere', 'Atmosphere', 'Suasana kelompok'),
  el('pressure', 'Group pressure (norms)', 'Tekanan kelompok'),
  el('effectiveness', 'Effectiveness', 'Keefektifan kelompok'),
  el('hiddenAgenda', 'Open aims (no hidden agenda)', 'Tanpa maksud terselubung'),
  ind('meanTrust', '0–1', 'Mean trust among active members', 'Rata-rata saling percaya'),
  ind('commitment', '0–1', 'Mean commitment', 'Rata-rata komitmen'),
  ind('skill', '0–1', 'Mean skill', 'Rata-rata keterampilan'),
  ind('attendance', '0–1', 'Meeting attendance (moving average)', 'Kehadiran pertemuan'),
  ind('meetingHeld', 'yes/no', 'A meeting was held this week', 'Ada pertemuan minggu ini'),
  ind('conflict', '0–1', 'Conflict', 'Konflik'),
  ind('activeMembers', 'families', 'Active members', 'Anggota aktif'),
  ind('capital', 'Rp', 'Business capital', 'Modal usaha'),
  ind('iksFund', 'Rp', 'IKS social-solidarity fund', 'Dana IKS'),
  ind('incomePerMember', 'Rp', 'Cumulative income per founding member', 'Pendapatan kumulatif per anggota awal', true),
  ind('status', '0 active, 1 stagnant, 2 dissolved', 'Group status', 'Status kelompok', true),
  // This week's money flows (Rp): the ledger behind the money identity.
  ind('grantIn', 'Rp', 'Grant received this week', 'Bantuan diterima'),
  ind('revenue', 'Rp', 'Sales revenue this week', 'Penjualan'),
  ind('costs', 'Rp', 'Operating costs and losses this week', 'Biaya dan kerugian'),
  ind('payouts', 'Rp', 'Profit paid to members this week', 'Bagi hasil'),
  ind('withdrawals', 'Rp', 'Capital taken out by leavers or a split this week', 'Modal ditarik'),
  ind('iksIn', 'Rp', 'Paid into the IKS fund this week', 'Setoran IKS'),
  ind('iksOut', 'Rp', 'Paid out of the IKS fund this week', 'Pengeluaran IKS'),
  ind('misuse', 'Rp', 'Money taken by misuse this week', 'Uang disalahgunakan'),
];

export const INDICATOR_KEYS = INDICATORS.map((d) => d.key);
export const ELEMENT_KEYS = INDICATORS.filter((d) => d.element).map((d) => d.key);
export const STATUS_NAMES = ['active', 'stagnant', 'dissolved'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/**
 * What the nine elements are made of: the quantities each is computed from (`elementsOf`). Trainer
 * mode compares them week to week to say what moved an element.
 */
export interface Drivers {
  goalClarity: number;
  roleClarity: number;
  /** Trust the members place in the chair (0 without an active chair). */
  acceptance: number;
  /** Offices (chair, treasurer, secretary) held by active members, 0–3. */
  officers: number;
  coordination: number;
  bookkeeping: number;
  meetingRate: number;
  attendanceRate: number;
  meanTrust: number;
  meanCommitment: number;
  meanEffort: number;
  meanIncomeMet: number;
  conflict: number;
  norms: number;
  hiddenShare: number;
  /** 1 while misused money is still hidden, else 0. */
  hiddenMisuse: number;
}

export const DRIVER_KEYS = [
  'goalClarity', 'roleClarity', 'acceptance', 'officers', 'coordination', 'bookkeeping', 'meetingRate', 'attendanceRate',
  'meanTrust', 'meanCommitment', 'meanEffort', 'meanIncomeMet', 'conflict', 'norms', 'hiddenShare', 'hiddenMisuse',
] as const satisfies readonly (keyof Drivers)[];

export function createDrivers(): Drivers {
  return Object.fromEntries(DRIVER_KEYS.map((k) => [k, 0])) as unknown as Drivers;
}

export function driversOf(st: GroupState, s: Summary, d: Drivers): Drivers {
  const c = st.chair;
  d.goalClarity = st.goalClarity;
  d.roleClarity = st.roleClarity;
  d.acceptance = c >= 0 && st.active[c] ? st.trustIn[c] : 0;
  d.officers = s.officers;
  d.coordination = st.coordination;
  d.bookkeeping = st.bookkeeping;
  d.meetingRate = st.meetingRate;
  d.attendanceRate = st.attendanceRate;
  d.meanTrust = s.meanTrust;
  d.meanCommitment = s.meanCommitment;
  d.meanEffort = s.meanEffort;
  d.meanIncomeMet = s.meanIncomeMet;
  d.conflict = st.conflict;
  d.norms = st.norms;
  d.hiddenShare = s.hiddenShare;
  d.hiddenMisuse = st.misuser >= 0 ? 1 : 0;
  return d;
}

/** The nine elements (ELEMENT_KEYS order) from their drivers, into `out[offset + k * stride]`. */
export function elementsOf(d: Drivers, out: Float64Array | number[], offset = 0, stride = 1): void {
  const open = 1 - d.hiddenShare * (1 - 0.5 * d.goalClarity) - (d.hiddenMisuse ? 0.3 : 0);
  let o = offset;
  out[o] = d.goalClarity * (0.5 + 0.5 * d.meanCommitment); // goals
  o += stride;
  out[o] = 0.5 * d.roleClarity + 0.3 * d.acceptance + 0.2 * (d.officers / 3); // structure
  o += stride;
  out[o] = 0.4 * d.coordination + 0.3 * d.meanEffort + 0.3 * d.bookkeeping; // taskFunctions
  o += stride;
  out[o] = 0.6 * d.meetingRate + 0.4 * d.attendanceRate; // maintenance
  o += stride;
  out[o] = 0.6 * d.meanTrust + 0.4 * d.meanCommitment; // cohesion
  o += stride;
  out[o] = (1 - d.conflict) * (0.5 + 0.5 * d.meanTrust); // atmosphere
  o += stride;
  out[o] = d.norms * (0.3 + 0.7 * d.meetingRate); // pressure
  o += stride;
  out[o] = 0.5 * d.meanIncomeMet + 0.5 * d.meanCommitment; // effectiveness
  o += stride;
  out[o] = open < 0 ? 0 : open; // hiddenAgenda (openness)
}

const scratch = createDrivers();

/**
 * Compute every indicator of the current state into `out[offset + k * stride]`, k in
 * INDICATORS order (one straight function: the week loop calls it once a week).
 */
export function measure(st: GroupState, s: Summary, out: Float64Array, offset: number, stride: number): void {
  const income = totalIncome(st);
  elementsOf(driversOf(st, s, scratch), out, offset, stride);
  let o = offset + 9 * stride;
  out[o] = s.meanTrust;
  o += stride;
  out[o] = s.meanCommitment;
  o += stride;
  out[o] = s.meanSkill;
  o += stride;
  out[o] = st.attendanceRate;
  o += stride;
  out[o] = st.meetingHeld;
  o += stride;
  out[o] = st.conflict;
  o += stride;
  out[o] = st.nActive;
  o += stride;
  out[o] = st.capital;
  o += stride;
  out[o] = st.iksFund;
  o += stride;
  out[o] = income / st.n; // incomePerMember
  o += stride;
  out[o] = st.status;
  o += stride;
  out[o] = st.grantIn;
  o += stride;
  out[o] = st.revenue;
  o += stride;
  out[o] = st.costs;
  o += stride;
  out[o] = st.payouts;
  o += stride;
  out[o] = st.withdrawals;
  o += stride;
  out[o] = st.iksIn;
  o += stride;
  out[o] = st.iksOut;
  o += stride;
  out[o] = st.misuse;
  o += stride;
}

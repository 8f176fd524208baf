/** The across-worlds results of `compare --worlds` and `ensemble --worlds`: JSON and tables. */
import { outcomeName } from '../experiment/outcome-names.ts';
import { RUN_FIELDS } from '../experiment/outcomes.ts';
import type { Spread, WorldsSource, WorldsSummary } from '../experiment/worlds.ts';
import { rupiah } from './common.ts';

/** Which worlds ran, for the JSON and the tables. */
export interface WorldsInfo {
  count: number;
  source: WorldsSource;
  /** The worlds file (calibrated), or null (drawn over the priors with the run's seed). */
  file: string | null;
}

/** The stable JSON of an across-worlds summary: per package under `a`, `b` (compare) or `package` (ensemble). */
export function worldsJson(s: WorldsSummary, info: WorldsInfo) {
  const side = (k: number) => ({
    spread: s.spread[k],
    ...(s.regret ? { regret: s.regret[k] } : {}),
    costPerSurvivingGroup: s.costPerSurvivingGroup[k],
  });
  return {
    count: s.worlds,
    source: info.source,
    file: info.file,
    ...(s.packages.length === 2
      ? { shares: Object.fromEntries(s.shares!.map(({ key, ...rest }) => [key, rest])), a: side(0), b: side(1) }
      : { package: side(0) }),
  };
}

const isRupiah = (key: string) => key === 'costPerSurvivingGroup' || (RUN_FIELDS.find((f) => f.key === key)?.unit.startsWith('Rp') ?? false);

function fmt(key: string, x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (isRupiah(key)) return rupiah(x);
  if (key === 'survived') return `${(100 * x).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3);
}

/** A regret: survival in percentage points. */
const fmtGap = (key: string, x: number | null) => (key === 'survived' && x !== null ? `${(100 * x).toFixed(1)} pp` : fmt(key, x));

const spreadText = (key: string, sp: Spread) => `${fmt(key, sp.median)} [${fmt(key, sp.range90[0])}, ${fmt(key, sp.range90[1])}]`;

function align(head: string[], rows: string[][]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ')}`;
  return [line(head), ...rows.map(line)];
}

const sourceText = (info: WorldsInfo) => (info.source === 'calibrated' ? `calibrated worlds (${info.file})` : `worlds drawn over the constants' prior ranges`);

/** compare --worlds as a table. */
export function compareWorldsTable(s: WorldsSummary, info: WorldsInfo, reps: number, seed: number): string {
  const [a, b] = s.packages;
  const rows = s.shares!.map((sh) => [
    outcomeName(sh.key),
    spreadText(sh.key, s.spread[0][sh.key]),
    spreadText(sh.key, s.spread[1][sh.key]),
    `${(100 * sh.share).toFixed(0)}% [${(100 * sh.luck[0]).toFixed(0)}–${(100 * sh.luck[1]).toFixed(0)}%]`,
    `${sh.wins + sh.ties / 2}`,
    `${fmtGap(sh.key, s.regret![0][sh.key].max)} / ${fmtGap(sh.key, s.regret![1][sh.key].max)}`,
  ]);
  const cps = s.costPerSurvivingGroup;
  return [
    `${s.worlds} ${sourceText(info)} × ${reps} paired replications each, seed ${seed}`,
    `A: ${a}   B: ${b}`,
    `Each side: the median of the worlds' means [90% of worlds]. B better in: the share of the ${s.worlds} worlds where B is better, luck allowed for`,
    `(each world counts its P(B better)) [95% interval from luck]; by means: worlds where B's mean is better (ties half).`,
    `Max regret: the most A / B falls short of the better package in any world (pp: percentage points).`,
    ...align(['outcome', 'A across worlds', 'B across worlds', 'B better in', 'by means', 'max regret A / B'], rows),
    `  cost per surviving group, pooled over the worlds: A ${fmt('costPerSurvivingGroup', cps[0].pooled)}, B ${fmt('costPerSurvivingGroup', cps[1].pooled)}` +
      (cps[0].worldsWithoutSurvivor + cps[1].worldsWithoutSurvivor ? ` (worlds with no survivor: A ${cps[0].worldsWithoutSurvivor}, B ${cps[1].worldsWithoutSurvivor})` : ''),
    '',
  ].join('\n');
}

/** ensemble --worlds as a table. */
export function ensembleWorldsTable(s: WorldsSummary, info: WorldsInfo, reps: number, seed: number): string {
  const sp = s.spread[0];
  const rows = Object.keys(sp).map((key) => [outcomeName(key), fmt(key, sp[key].median), `[${fmt(key, sp[key].range90[0])}, ${fmt(key, sp[key].range90[1])}]`, `${fmt(key, sp[key].min)} – ${fmt(key, sp[key].max)}`]);
  const c = s.costPerSurvivingGroup[0];
  return [
    `${s.packages[0]}: ${s.worlds} ${sourceText(info)} × ${reps} replications each, seed ${seed}`,
    `The spread of each world's mean across the worlds (luck aside: see kube-sim ensemble without --worlds).`,
    ...align(['outcome', 'median', '90% of worlds', 'lowest – highest'], rows),
    `  cost per surviving group, pooled over the worlds: ${fmt('costPerSurvivingGroup', c.pooled)}${c.worldsWithoutSurvivor ? ` (${c.worldsWithoutSurvivor} worlds with no survivor)` : ''}`,
    '',
  ].join('\n');
}

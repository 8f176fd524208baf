/**
 * What one group's panel shows at a week, as plain data: the words, the money, the elements'
 * widths and the capital's line. Pure, so tests compare it (numbers rounded) with the run.
 */
import * as d3 from 'd3';
import { ELEMENT_KEYS, INDICATOR_KEYS, INDICATORS, STATUS_NAMES, type Trace } from '../../../src/browser.ts';
import { formats, type Lang } from '../../app/i18n.ts';
import { dissolvedAt } from '../dissolved.ts';
import type { UiWords } from '../words.ts';

const K = INDICATOR_KEYS.length;
const col = (key: string) => INDICATOR_KEYS.indexOf(key);
const CAPITAL = col('capital');
const IKS = col('iksFund');
const TRUST = col('meanTrust');
const STATUS = col('status');
const ACTIVE = col('activeMembers');

export interface PanelModel {
  /** The frame shown: a dissolved group stays as it was on the week it broke up. */
  frame: number;
  week: string;
  status: string;
  statusText: string;
  members: string;
  capital: string;
  iks: string;
  trust: string;
  meanTrust: number;
  /** The capital so far, as an SVG path in a 120 × 28 box. */
  spark: string;
  elements: { key: string; name: string; width: string; value: string }[];
  /** Weeks (1-based) of the natural market shocks met so far, for tests. */
  shocks: number[];
}

/** The frame to show for a requested one: a dissolved group stays at its end. */
export function shownFrame(t: Trace, frame: number): number {
  const end = dissolvedAt(t);
  return end !== null && frame > end ? end : frame;
}

export function panelModel(t: Trace, frame: number, w: UiWords, lang: Lang, projector: boolean): PanelModel {
  const fmt = formats(lang);
  const end = dissolvedAt(t);
  const f = shownFrame(t, frame);
  const at = f * K;
  const status: string = STATUS_NAMES[t.indicators[at + STATUS]] ?? 'active';
  const active = t.indicators[at + ACTIVE];
  // On a projector, millions read better rounded (Rp 21,4 jt) than to the last rupiah.
  const money = projector ? fmt.rupiahShort : fmt.rupiah;
  const meanTrust = t.indicators[at + TRUST];
  return {
    frame: f,
    week: w.week(f, t.frames - 1),
    status,
    statusText: w.status[status],
    members: end !== null && f === end ? w.dissolvedIn(end, active) : w.members(active, t.n),
    capital: money(t.indicators[at + CAPITAL]),
    iks: money(t.indicators[at + IKS]),
    trust: fmt.pct(meanTrust, 0),
    meanTrust,
    spark: sparkPath(t, f),
    elements: ELEMENT_KEYS.map((key, e) => ({
      key,
      name: INDICATORS[col(key)].text[lang],
      width: `${(100 * t.indicators[at + e]).toFixed(1)}%`,
      value: fmt.pct(t.indicators[at + e], 0),
    })),
    shocks: t.events.filter((ev) => ev.type === 'marketShock' && ev.week < f).map((ev) => ev.week + 1),
  };
}

/** Capital so far: the first year fills the line, later weeks squeeze it. */
function sparkPath(t: Trace, f: number): string {
  const x = d3.scaleLinear([0, Math.max(f, Math.min(52, t.frames - 1))], [0, 120]);
  let top = 1;
  for (let g = 0; g <= f; g++) top = Math.max(top, t.indicators[g * K + CAPITAL]);
  const y = d3.scaleLinear([0, top], [27, 1]);
  return d3.line<number>((g) => x(g), (g) => y(t.indicators[g * K + CAPITAL])).digits(1)(d3.range(f + 1)) ?? '';
}

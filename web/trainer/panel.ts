/**
 * One group on screen: its title, week, status, money, the members-and-trust network and the
 * nine elements. Trainer mode shows one panel, or two side by side (with and without mentoring).
 * Built once per group; `draw` only sets text, widths and attributes.
 */
import * as d3 from 'd3';
import { ELEMENT_KEYS, INDICATOR_KEYS, INDICATORS, STATUS_NAMES, type Trace } from '../../src/browser.ts';
import { formats, type Lang } from '../app/i18n.ts';
import { createNetwork, setLeftLabel, type NetworkView } from './network.ts';
import type { UiWords } from './words.ts';

const K = INDICATOR_KEYS.length;
const col = (key: string) => INDICATOR_KEYS.indexOf(key);
const CAPITAL = col('capital');
const IKS = col('iksFund');
const TRUST = col('meanTrust');
const STATUS = col('status');
const ACTIVE = col('activeMembers');

/** The frame a run dissolved at (its status turned dissolved), or null if it never did. */
export function dissolvedAt(t: Trace): number | null {
  // Asked on every animation frame: found once per trace.
  let at = dissolution.get(t);
  if (at === undefined) {
    at = null;
    for (let f = 0; f < t.frames && at === null; f++) if (t.indicators[f * K + STATUS] === 2) at = f;
    dissolution.set(t, at);
  }
  return at;
}
const dissolution = new WeakMap<Trace, number | null>();

export interface PanelOptions {
  id: 'a' | 'b';
  n: number;
  label(i: number): string;
  name(i: number, f: number): string;
  onMember(panel: Panel, i: number | null, anchor: Element | null, pinned: boolean): void;
  onElement(panel: Panel, e: number | null, anchor: Element | null): void;
}

export interface Panel {
  id: 'a' | 'b';
  root: HTMLElement;
  network: NetworkView;
  trace: Trace | null;
  /** Words and the title for the current language. */
  setWords(words: UiWords, lang: Lang, title: string): void;
  draw(t: Trace, f: number, alpha: number): void;
  /** Stop what watches the page (before the panel is removed). */
  destroy(): void;
}

export function createPanel(parent: HTMLElement, opts: PanelOptions): Panel {
  const root = d3.select(parent).append('section').attr('class', 'panel').attr('data-panel', opts.id);
  const title = root.append('h2').attr('class', 'panel-title');
  const head = root.append('div').attr('class', 'panel-head').attr('data-tour', opts.id === 'a' ? 'week' : null);
  const week = head.append('div').attr('class', 'week').attr('data-testid', `week-${opts.id}`);
  const status = head.append('span').attr('class', 'status-badge');
  const members = head.append('span').attr('class', 'members-count');

  const money = root.append('dl').attr('class', 'money').attr('data-tour', opts.id === 'a' ? 'week' : null);
  const item = (key: string) => {
    const box = money.append('div').attr('class', `money-item ${key}`);
    return { label: box.append('dt'), value: box.append('dd').attr('data-testid', `${key}-${opts.id}`) };
  };
  const capital = item('capital');
  const iks = item('iks');
  const trust = item('trust');
  const spark = money.append('svg').attr('class', 'spark').attr('viewBox', '0 0 120 28').attr('preserveAspectRatio', 'none').attr('role', 'img');
  const sparkTitle = spark.append('title');
  const sparkPath = spark.append('path');

  const netBox = root.append('div').attr('class', 'network-box').attr('data-tour', opts.id === 'a' ? 'network' : null);
  const panel: Panel = {
    id: opts.id,
    root: root.node()!,
    trace: null,
    network: null as unknown as NetworkView,
    setWords,
    draw,
    destroy: () => panel.network.destroy(),
  };
  panel.network = createNetwork(netBox.node()!, opts.n, {
    label: opts.label,
    office: (role) => words?.roleShort[role] ?? '',
    name: opts.name,
    onMember: (i, anchor, pinned) => opts.onMember(panel, i, anchor, pinned),
  });

  const elBox = root.append('div').attr('class', 'elements').attr('data-tour', opts.id === 'a' ? 'elements' : null);
  const elTitle = elBox.append('h3');
  const rows = elBox
    .append('ul')
    .selectAll('li')
    .data(ELEMENT_KEYS)
    .join('li')
    .attr('class', 'element')
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('data-element', (k) => k);
  const elName = rows.append('span').attr('class', 'element-name');
  const bars = rows.append('span').attr('class', 'element-bar').append('span').attr('class', 'element-fill').nodes();
  const values = rows.append('span').attr('class', 'element-value').nodes();
  rows
    .on('pointerenter focus', (event: Event, k) => opts.onElement(panel, ELEMENT_KEYS.indexOf(k), event.currentTarget as Element))
    .on('pointerleave blur', () => opts.onElement(panel, null, null));

  let words: UiWords | null = null;
  let lang: Lang = 'en';
  let fmt = formats(lang);
  const drawn = { trace: null as Trace | null, frame: -1, lang: '' };

  function setWords(w: UiWords, l: Lang, heading: string) {
    words = w;
    lang = l;
    fmt = formats(l);
    title.text(heading);
    capital.label.text(w.capital);
    iks.label.text(w.iks);
    trust.label.text(w.trustLabel);
    elTitle.text(w.elements);
    sparkTitle.text(w.sparkline);
    spark.attr('aria-label', w.sparkline);
    elName.text((k) => INDICATORS[col(k)].text[l]);
    setLeftLabel(panel.network, w.left);
    panel.network.invalidate();
    panel.network.svg.setAttribute('aria-label', w.network);
    drawn.lang = '';
  }

  function draw(t: Trace, frame: number, alpha: number) {
    panel.trace = t;
    // A dissolved group stays as it was on the week it broke up.
    const end = dissolvedAt(t);
    const f = end !== null && frame > end ? end : frame;
    panel.network.draw(t, f, f === frame ? alpha : 0);
    if (drawn.trace === t && drawn.frame === f && drawn.lang === lang) return;
    drawn.trace = t;
    drawn.frame = f;
    drawn.lang = lang;
    const w = words!;
    const at = f * K;
    week.text(w.week(f, t.frames - 1));
    const st: string = STATUS_NAMES[t.indicators[at + STATUS]] ?? 'active';
    status.text(w.status[st]).attr('data-status', st);
    root.attr('data-status', st);
    members.text(end !== null && f === end ? w.dissolvedIn(end, t.indicators[at + ACTIVE]) : w.members(t.indicators[at + ACTIVE], t.n));
    // On a projector, millions read better rounded (Rp 21,4 jt) than to the last rupiah.
    const money = document.body.classList.contains('projector') ? fmt.rupiahShort : fmt.rupiah;
    capital.value.text(money(t.indicators[at + CAPITAL]));
    iks.value.text(money(t.indicators[at + IKS]));
    const meanTrust = t.indicators[at + TRUST];
    trust.value.text(fmt.pct(meanTrust, 0)).attr('data-value', meanTrust);
    // Capital so far: the first year fills the line, later weeks squeeze it.
    const x = d3.scaleLinear([0, Math.max(f, Math.min(52, t.frames - 1))], [0, 120]);
    let top = 1;
    for (let g = 0; g <= f; g++) top = Math.max(top, t.indicators[g * K + CAPITAL]);
    const y = d3.scaleLinear([0, top], [27, 1]);
    sparkPath.attr(
      'd',
      d3.line<number>((g) => x(g), (g) => y(t.indicators[g * K + CAPITAL]))(d3.range(f + 1)),
    );
    for (let e = 0; e < ELEMENT_KEYS.length; e++) {
      const v = t.indicators[at + e];
      bars[e].style.width = `${(100 * v).toFixed(1)}%`;
      values[e].textContent = fmt.pct(v, 0);
    }
    // For tests: the weeks of the natural market shocks met so far.
    const shocks = t.events.filter((ev) => ev.type === 'marketShock' && ev.week < f).map((ev) => ev.week + 1);
    root.attr('data-market-shocks', shocks.join(','));
  }

  return panel;
}

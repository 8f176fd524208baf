/**
 * One group on screen: its title, week, status, money, the members-and-trust network and the
 * nine elements. Trainer mode shows one panel, or two side by side (with and without mentoring).
 * Built once per group; `draw` only sets text, widths and attributes (from panel-model.ts).
 */
import * as d3 from 'd3';
import { ELEMENT_KEYS, type Trace } from '../../../src/browser.ts';
import type { Lang } from '../../app/i18n.ts';
import { createNetwork, type NetworkView } from '../network/index.ts';
import type { UiWords } from '../words.ts';
import { panelModel, shownFrame } from './panel-model.ts';

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
  /** Words and the title for the current language, and the type for projector or not. */
  setWords(words: UiWords, lang: Lang, title: string, projector: boolean): void;
  draw(t: Trace, f: number, alpha: number): void;
  /** Stop what watches the page (before the panel is removed). */
  destroy(): void;
}

export function createPanel(parent: HTMLElement, opts: PanelOptions): Panel {
  const tour = (name: string) => (opts.id === 'a' ? name : null);
  const root = d3.select(parent).append('section').attr('class', 'panel').attr('data-panel', opts.id);
  const title = root.append('h2').attr('class', 'panel-title');
  const head = root.append('div').attr('class', 'panel-head').attr('data-tour', tour('week'));
  const week = head.append('div').attr('class', 'week').attr('data-testid', `week-${opts.id}`);
  const status = head.append('span').attr('class', 'status-badge');
  const members = head.append('span').attr('class', 'members-count');
  const money = root.append('dl').attr('class', 'money').attr('data-tour', tour('week'));
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
  const netBox = root.append('div').attr('class', 'network-box').attr('data-tour', tour('network'));

  const panel: Panel = { id: opts.id, root: root.node()!, trace: null, network: null as unknown as NetworkView, setWords, draw, destroy: () => panel.network.destroy() };
  let words: UiWords | null = null;
  panel.network = createNetwork(netBox.node()!, opts.n, {
    label: opts.label,
    office: (role) => words?.roleShort[role] ?? '',
    name: opts.name,
    onMember: (i, anchor, pinned) => opts.onMember(panel, i, anchor, pinned),
  });

  const elBox = root.append('div').attr('class', 'elements').attr('data-tour', tour('elements'));
  const elTitle = elBox.append('h3');
  const rows = elBox.append('ul').selectAll('li').data(ELEMENT_KEYS).join('li').attr('class', 'element').attr('tabindex', 0).attr('role', 'button').attr('data-element', (k) => k);
  const elName = rows.append('span').attr('class', 'element-name').nodes();
  const values = rows.append('span').attr('class', 'element-value').nodes();
  const bars = rows.append('span').attr('class', 'element-bar').append('span').attr('class', 'element-fill').nodes();
  rows
    .on('pointerenter focus', (event: Event, k) => opts.onElement(panel, ELEMENT_KEYS.indexOf(k), event.currentTarget as Element))
    .on('pointerleave blur', () => opts.onElement(panel, null, null));

  let lang: Lang = 'en';
  let projector = false;
  const drawn = { trace: null as Trace | null, frame: -1, key: '' };

  function setWords(w: UiWords, l: Lang, heading: string, on: boolean) {
    words = w;
    lang = l;
    projector = on;
    title.text(heading);
    capital.label.text(w.capital);
    iks.label.text(w.iks);
    trust.label.text(w.trustLabel);
    elTitle.text(w.elements);
    sparkTitle.text(w.sparkline);
    spark.attr('aria-label', w.sparkline);
    panel.network.setWords(w.left, on);
    panel.network.svg.setAttribute('aria-label', w.network);
    drawn.key = '';
  }

  function draw(t: Trace, frame: number, alpha: number) {
    panel.trace = t;
    const f = shownFrame(t, frame);
    panel.network.draw(t, f, f === frame ? alpha : 0);
    const key = `${lang}${projector}`;
    if (drawn.trace === t && drawn.frame === f && drawn.key === key) return;
    Object.assign(drawn, { trace: t, frame: f, key });
    const m = panelModel(t, f, words!, lang, projector);
    week.text(m.week);
    status.text(m.statusText).attr('data-status', m.status);
    root.attr('data-status', m.status);
    members.text(m.members);
    capital.value.text(m.capital);
    iks.value.text(m.iks);
    trust.value.text(m.trust).attr('data-value', m.meanTrust);
    sparkPath.attr('d', m.spark);
    m.elements.forEach((e, k) => {
      elName[k].textContent = e.name;
      bars[k].style.width = e.width;
      values[k].textContent = e.value;
    });
    root.attr('data-market-shocks', m.shocks.join(','));
  }

  return panel;
}

/**
 * The projector's debrief: the played group beside the model's own members on the same luck (the
 * end state, then each of the nine elements of group dynamics week by week, two lines to a
 * chart), and the moments that changed the group's course. Computed by debrief.ts.
 */
import { line, scaleLinear } from 'd3';
import { ELEMENT_KEYS, INDICATORS, STATUS_NAMES } from '../../src/browser.ts';
import { formats, type Lang } from '../app/i18n.ts';
import { moments, series, type DebriefRuns } from './debrief.ts';
import { h } from './dom.ts';
import { WORDS } from './words.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function debriefPanel(runs: DebriefRuns, lang: Lang): HTMLElement {
  const w = WORDS[lang];
  const f = formats(lang);
  const W = runs.weeks;
  const end = (key: string, t: 'played' | 'own') => series(runs[t], key, W)[W];
  const status = (t: 'played' | 'own') => w.status[STATUS_NAMES[end('status', t)]] ?? '';
  const rows: [string, (t: 'played' | 'own') => string][] = [
    [w.group, status],
    [w.activeMembers, (t) => f.int(end('activeMembers', t))],
    [w.capital, (t) => f.rupiahShort(end('capital', t))],
    [w.iksFund, (t) => f.rupiahShort(end('iksFund', t))],
    [w.incomePerMember, (t) => f.rupiahShort(end('incomePerMember', t))],
    [w.trust, (t) => f.num(end('meanTrust', t), 2)],
    [w.cohesion, (t) => f.num(end('cohesion', t), 2)],
  ];
  const table = h('table', { class: 'ws-compare', 'data-testid': 'debrief-table' }, [
    h('thead', {}, [h('tr', {}, [h('th', {}, [w.outcome]), h('th', {}, [w.yours]), h('th', {}, [w.modelOwn])])]),
    h('tbody', {}, rows.map(([label, value]) => h('tr', {}, [h('th', { scope: 'row' }, [label]), h('td', {}, [value('played')]), h('td', {}, [value('own')])]))),
  ]);
  const legend = h('p', { class: 'ws-legend' }, [
    h('span', { class: 'ws-key ws-key-yours' }, []), ` ${w.legendYours}  `,
    h('span', { class: 'ws-key ws-key-model' }, []), ` ${w.legendModel}`,
  ]);
  const elements = h('div', { class: 'ws-elements', 'data-testid': 'debrief-elements' }, ELEMENT_KEYS.map((key, e) =>
    h('figure', { class: 'ws-element' }, [
      h('figcaption', {}, [INDICATORS[e].text[lang]]),
      twoLines(series(runs.played, key, W), series(runs.own, key, W)),
    ]),
  ));
  const found = moments(runs, lang);
  const list = found.length
    ? h('ol', { class: 'ws-moments', 'data-testid': 'moments' }, found.map((m) =>
      h('li', { class: `ws-${m.tone}`, 'data-kind': m.kind }, [
        h('strong', {}, [`${w.weekOnly(m.week)}: `]),
        m.text,
        // A trainer's event says so itself.
        m.injected ? '' : h('small', { class: 'ws-muted' }, [` (${m.alsoInModel ? w.alsoModel : w.onlyYours})`]),
      ])))
    : h('p', { 'data-testid': 'moments' }, [w.noMoments]);
  return h('section', { class: 'ws-card ws-debrief', 'data-testid': 'debrief' }, [
    h('h2', {}, [w.debrief]),
    runs.same ? '' : h('p', { class: 'notice', role: 'alert' }, [w.debriefDiffers]),
    h('p', {}, [w.debriefIntro(W)]),
    h('div', { class: 'ws-debrief-top' }, [
      table,
      h('div', {}, [h('h3', {}, [w.momentsTitle]), list]),
    ]),
    h('h3', {}, [w.elementsOverTime]),
    legend,
    elements,
  ]);
}

/** Two series over the same weeks on a 0–1 scale: the played run solid, the model's own dashed. */
function twoLines(yours: number[], theirs: number[]): Element {
  const W = 240;
  const H = 80;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'ws-element-chart');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const x = scaleLinear().domain([0, Math.max(1, yours.length - 1)]).range([2, W - 2]);
  const y = scaleLinear().domain([0, 1]).range([H - 2, 2]);
  const draw = line<number>((_, i) => x(i), (v) => y(Number.isFinite(v) ? v : 0));
  for (const [values, cls] of [[theirs, 'ws-line-model'], [yours, 'ws-line-yours']] as const) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', draw(values) ?? '');
    path.setAttribute('class', cls);
    svg.append(path);
  }
  return svg;
}

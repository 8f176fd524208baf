/**
 * The results: the outcome cards and the charts (what became of the groups, the nine elements,
 * active members of the groups still active, capital, income, cohesion), with A beside them when
 * one is pinned. Redrawn at most ~8 times a second while runs stream in, in steps of a few
 * milliseconds so that no task on the main thread runs long.
 */
import { select, type Selection } from 'd3';
import { DICTS, formats } from '../app/i18n.ts';
import { resultsCaption } from '../app/page-words.ts';
import { resultCharts, type ResultCharts } from '../app/result-charts.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { drawCards, horizonText } from './cards.ts';
import { PALETTE } from './chart-frame.ts';
import { chartTools, labelChartTools } from './chart-tools.ts';
import { drawFanChart } from './fan-chart.ts';
import { drawFateChart } from './fate-chart.ts';
import { drawRadar } from './radar.ts';

const CHARTS = ['fate', 'radar', 'activeMembers', 'capital', 'incomePerMember', 'cohesion'] as const;
type ChartKey = (typeof CHARTS)[number];

export interface ResultsView {
  update: ViewUpdate;
  /** Resolves when every scheduled redraw has been drawn. */
  drawn(): Promise<void>;
  /** Redraw now (the charts' width changed). */
  redraw(): void;
}

export function resultsCharts(container: HTMLElement, store: Store): ResultsView {
  const main = select(container);
  const cardsBox = main.append('div').attr('class', 'cards').attr('data-testid', 'cards');
  const grid = main.append('div').attr('class', 'grid');
  const boxes = new Map<ChartKey, { body: HTMLDivElement; note: Selection<HTMLParagraphElement, unknown, null, undefined> }>();
  for (const k of CHARTS) {
    const panel = grid.append('figure').attr('class', `panel chart chart-${k}`).attr('data-testid', `chart-${k}`);
    const body = panel.append('div').attr('class', 'chart-body');
    const note = panel.append('p').attr('class', 'chart-note').attr('data-testid', `note-${k}`);
    boxes.set(k, { body: body.node()!, note });
    chartTools(panel.node()!, body.node()!, k, () => resultsCaption(store.state));
  }

  const pending: (() => void)[] = [];
  const waiting: (() => void)[] = [];
  let stepTimer = 0;
  let drawTimer = 0;
  let lastDraw = 0;

  function step(): void {
    stepTimer = 0;
    const t0 = performance.now();
    while (pending.length && performance.now() - t0 < 12) pending.shift()!();
    if (pending.length) stepTimer = window.setTimeout(step, 0);
    else for (const done of waiting.splice(0)) done();
  }

  function render(): void {
    pending.length = 0;
    pending.push(...steps());
    if (!stepTimer) stepTimer = window.setTimeout(step, 0);
  }

  /** At once, or at most ~8 times a second while a run streams in. */
  function schedule(now: boolean): void {
    if (drawTimer) {
      if (!now) return;
      clearTimeout(drawTimer);
    }
    const wait = now ? 0 : Math.max(0, 120 - (performance.now() - lastDraw));
    drawTimer = window.setTimeout(() => {
      drawTimer = 0;
      requestAnimationFrame(() => {
        lastDraw = performance.now();
        render();
      });
    }, wait);
  }

  function steps(): (() => void)[] {
    const { current: run, settings } = store.state;
    grid.property('hidden', !run);
    cardsBox.property('hidden', !run);
    if (!run) return [];
    const lang = settings.lang;
    const D = DICTS[lang];
    const f = formats(lang);
    const c = resultCharts(run, store.state, lang, { result: D.charts.radar.result, cempaka: D.charts.radar.cempaka, tulip: D.charts.radar.tulip, pinned: D.charts.pinned });
    return [
      () => drawCards(cardsBox.node()!, c.summary, lang, c.pinned ? { label: D.compare.a, summary: c.pinned } : null),
      () => drawFate(c),
      () => drawRadar(boxes.get('radar')!.body, { title: D.charts.radar.title, axes: c.radar.axes, series: c.radar.series, format: (v) => f.num(v, 2) }),
      ...c.amongActive.map((fan) => () => drawAmongActive(fan, run.scenario.group.size)),
      ...c.fans.map((fan) => () => {
        const text = D.charts[fan.key];
        drawFanChart(boxes.get(fan.key)!.body, {
          title: text.title, xLabel: D.charts.week, yLabel: text.axis, weeks: c.summary.weeks, band: fan.band, yFormat: f.rupiahShort, color: PALETTE.orange,
          legend: { median: D.charts.median, band50: D.charts.band50, band90: D.charts.band90 },
          compare: fan.pinned ? { label: D.charts.pinnedMedian, bandLabel: D.charts.pinnedBand, band: fan.pinned } : null,
        });
      }),
      () => {
        labelChartTools(grid.node()!, D);
        // For tests and the benchmark: what the charts now show.
        document.body.dataset.drawn = `${run.state}:${run.done}`;
      },
    ];
  }

  function drawFate(c: ResultCharts): void {
    const { settings } = store.state;
    const D = DICTS[settings.lang];
    const f = formats(settings.lang);
    const t = D.charts.fate;
    drawFateChart(boxes.get('fate')!.body, {
      title: t.title, xLabel: D.charts.week, yLabel: t.axis, weeks: c.summary.weeks, data: c.fate, yFormat: (v) => f.pct(v, 0),
      legend: { active: t.active, stagnant: t.stagnant, dissolved: t.dissolved, aActive: t.aActive, aNotDissolved: t.aNotDissolved },
      compare: c.pinnedFate,
    });
    const h = c.summary.headline;
    boxes.get('fate')!.note.text(t.note(f.pct(h.survivalRate.mean, 1), f.pct(1 - h.dissolvedRate.mean, 1), horizonText(c.summary.weeks, settings.lang)));
  }

  /** A fan chart over the groups still active each week (members, capital, cohesion). */
  function drawAmongActive(fan: ResultCharts['amongActive'][number], size: number): void {
    const { settings } = store.state;
    const D = DICTS[settings.lang];
    const f = formats(settings.lang);
    const t = D.charts[fan.key];
    const look: Record<typeof fan.key, [(v: number) => string, string, [number, number] | null]> = {
      activeMembers: [(v) => f.int(v), PALETTE.vermillion, [0, size]],
      capital: [f.rupiahShort, PALETTE.green, null],
      cohesion: [(v) => f.num(v, 1), PALETTE.purple, [0, 1]],
    };
    const [yFormat, color, yDomain] = look[fan.key];
    drawFanChart(boxes.get(fan.key)!.body, {
      title: t.title, xLabel: D.charts.week, yLabel: t.axis, weeks: store.state.current!.ensemble.weeks, band: fan.band, yFormat, color,
      integer: fan.key === 'activeMembers', yDomain,
      legend: { median: D.charts.median, band50: D.charts.band50, band90: D.charts.band90 },
      compare: fan.pinned ? { label: D.charts.pinnedMedian, bandLabel: D.charts.pinnedBand, band: fan.pinned } : null,
    });
    boxes.get(fan.key)!.note.text(D.charts.amongActive(f.int(fan.groupsAtEnd)));
  }

  let shown: unknown = null;
  return {
    update(changed) {
      if (!touched(changed, 'current', 'pinned', 'references', 'settings')) return;
      // The first batch of a run is drawn at once, the next ones at most ~8 times a second.
      const run = store.state.current;
      const streaming = run === shown && run?.state === 'running' && !touched(changed, 'pinned', 'references', 'settings');
      shown = run;
      schedule(!streaming);
    },
    drawn: () => new Promise((done) => {
      if (!pending.length && !stepTimer && !drawTimer) done();
      else waiting.push(done);
    }),
    redraw: () => schedule(true),
  };
}

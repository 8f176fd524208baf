/**
 * The page: runs the default scenario in the browser and draws it. Layout and controls are built
 * with d3-selection; each panel is redrawn whole by its view after every run. Any failure is
 * shown on the page (never a blank page).
 */
import { select } from 'd3';
import {
  BUSINESS_TYPES,
  ELEMENT_KEYS,
  eventList,
  fingerprintRun,
  parseScenario,
  ScenarioError,
  simulate,
  type BusinessType,
  type RunResult,
  type Scenario,
} from '../src/index.ts';
import scenarioJson from '../scenarios/default.json';
import { index01, rupiahShort } from './format.ts';
import { STRINGS } from './strings.ts';
import { drawElements, elementData } from './views/elements.ts';
import { drawEvents, memberNames } from './views/events.ts';
import { drawLineChart } from './views/line-chart.ts';
import { drawOutcome } from './views/outcome.ts';
import './style.css';

// Okabe–Ito: distinguishable under the common colour-vision deficiencies.
const COLOR = { trust: '#0072B2', capital: '#009E73', members: '#D55E00', elements: '#56B4E9' };

const app = select<HTMLDivElement, unknown>('#app');
let base: Scenario;
try {
  base = parseScenario(scenarioJson, 'scenarios/default.json');
} catch {
  // Still build the page; run() parses the file again and shows the problem.
  base = parseScenario({});
}

const header = app.append('header');
const titles = header.append('div').attr('class', 'titles');
titles.append('h1').text(STRINGS.title);
titles.append('p').attr('class', 'subtitle').text(`${STRINGS.subtitle} · ${base.name}`);
if (base.description) titles.append('p').attr('class', 'description').text(base.description.en);

// The schema checks the seed and names what is wrong; the browser's own validation would not.
const form = header.append('form').attr('class', 'controls').attr('novalidate', '');
const seedLabel = form.append('label');
seedLabel.append('span').text(STRINGS.seed);
const seedInput = seedLabel
  .append('input')
  .attr('type', 'number')
  .attr('min', 0)
  .attr('max', 4294967295)
  .attr('step', 1)
  .attr('data-testid', 'seed')
  .property('value', String(base.seed));
const bizLabel = form.append('label');
bizLabel.append('span').text(STRINGS.business);
const bizSelect = bizLabel.append('select').attr('data-testid', 'business');
bizSelect
  .selectAll('option')
  .data(BUSINESS_TYPES)
  .join('option')
  .attr('value', (d) => d)
  .property('selected', (d) => d === base.business.type)
  .text((d) => STRINGS.businessTypes[d]);
const runButton = form.append('button').attr('type', 'submit').attr('data-testid', 'run').text(STRINGS.run);

const errorBox = app.append('div').attr('class', 'error').attr('role', 'alert').attr('data-testid', 'error').property('hidden', true);

const main = app.append('main');
const charts = main.append('section').attr('class', 'charts');
const chartTrust = charts.append('div').attr('class', 'panel chart').attr('data-testid', 'chart-trust');
const chartCapital = charts.append('div').attr('class', 'panel chart').attr('data-testid', 'chart-capital');
const chartMembers = charts.append('div').attr('class', 'panel chart').attr('data-testid', 'chart-members');
const side = main.append('section').attr('class', 'side');
const top = side.append('div').attr('class', 'side-top');
const outcomePanel = top.append('div').attr('class', 'panel outcome').attr('data-testid', 'outcome');
const eventsPanel = top.append('div').attr('class', 'panel events').attr('data-testid', 'events');
const elementsPanel = side.append('div').attr('class', 'panel elements').attr('data-testid', 'elements');

let runs = 0;
/** The run on show, redrawn when the window's width changes (charts are drawn to size). */
let shown: { sc: Scenario; r: RunResult } | null = null;

function showError(err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  errorBox.property('hidden', false).selectAll('*').remove();
  errorBox.append('strong').text(STRINGS.error.title);
  errorBox.append('p').text(STRINGS.error.hint);
  // A scenario problem names the field, the value and what is allowed: show just those.
  errorBox.append('pre').text(err instanceof ScenarioError ? err.problems.map((p) => p.message).join('\n') : e.message);
  // Whatever is still drawn belongs to an earlier run.
  main.classed('stale', true);
}

/** The default scenario with the controls' seed and business type. */
function scenarioFromControls(): Scenario {
  const seed = seedInput.property('valueAsNumber') as number;
  const type = bizSelect.property('value') as BusinessType;
  return parseScenario({ ...scenarioJson, seed, business: { ...scenarioJson.business, type } });
}

function draw(sc: Scenario, r: RunResult): void {
  const drawn = Math.max(1, r.work.weeks);
  const o = r.outcome;
  const mark = o.status !== 'active' && o.statusWeek !== null
    ? { week: o.statusWeek, label: STRINGS.charts.statusMark(STRINGS.status[o.status], o.statusWeek) }
    : null;
  const s = r.series;
  const common = { drawn, horizon: r.weeks, mark };

  const trust = s.meanTrust.subarray(0, drawn);
  const lo = Math.min(...trust);
  const hi = Math.max(...trust);
  // Trust moves by a few hundredths: zoom in, but never to less than a fifth of the scale.
  const mid = (lo + hi) / 2;
  const half = Math.max(0.1, (hi - lo) / 2 + 0.02);
  const tLo = Math.max(0, mid - half);
  const tHi = Math.min(1, tLo + 2 * half);
  drawLineChart(chartTrust, {
    ...common, title: STRINGS.charts.trust.title, yLabel: STRINGS.charts.trust.axis,
    values: s.meanTrust, yDomain: [tLo, tHi], yFormat: index01, color: COLOR.trust,
  });

  let capMax = 0;
  for (let t = 0; t < drawn; t++) capMax = Math.max(capMax, s.capital[t]);
  drawLineChart(chartCapital, {
    ...common, title: STRINGS.charts.capital.title, yLabel: STRINGS.charts.capital.axis,
    values: s.capital, yDomain: [0, Math.max(1, capMax * 1.05)], yFormat: rupiahShort, color: COLOR.capital,
  });

  drawLineChart(chartMembers, {
    ...common, title: STRINGS.charts.members.title, yLabel: STRINGS.charts.members.axis,
    values: s.activeMembers, yDomain: [0, sc.group.size], yFormat: String, color: COLOR.members,
    step: true, integer: true,
  });

  drawOutcome(outcomePanel, o, sc.group.size, r.weeks);
  drawEvents(eventsPanel, eventList(r.events), memberNames(r.members));
  drawElements(elementsPanel, elementData(s, ELEMENT_KEYS, drawn), drawn, COLOR.elements);
}

function run(): void {
  try {
    const sc = scenarioFromControls();
    const r = simulate(sc, { seed: sc.seed, replication: 0 });
    draw(sc, r);
    shown = { sc, r };
    errorBox.property('hidden', true).selectAll('*').remove();
    main.classed('stale', false);
    document.body.dataset.seed = String(sc.seed);
    // Every bit of the run, for checking that the page computes exactly what Node computes.
    document.body.dataset.fingerprint = fingerprintRun(r);
  } catch (err) {
    showError(err);
  } finally {
    runs++;
    document.body.dataset.runs = String(runs);
  }
}

form.on('submit', (event: SubmitEvent) => {
  event.preventDefault();
  run();
});
bizSelect.on('change', run);
// Charts are drawn in CSS pixels at the panels' width: redraw the same run when that changes.
let drawnWidth = main.node()!.clientWidth;
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    const w = main.node()!.clientWidth;
    if (w === drawnWidth || !shown) return;
    drawnWidth = w;
    try {
      draw(shown.sc, shown.r);
    } catch (err) {
      showError(err);
    }
  });
}).observe(main.node()!);
window.addEventListener('error', (e) => showError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

run();

import { registerOffline } from './app/offline.ts'; registerOffline();

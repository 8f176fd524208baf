/**
 * One parameter, many values: the form (parameter, range, values, runs per value, outcome) and
 * the chosen outcome against the parameter with its 95% band. Redrawn whole; the caller keeps
 * the focus. Returns the status line, which the caller updates while the sweep runs.
 */
import { select, type Selection } from 'd3';
import { parameterTable, settableParameters } from '../../src/browser.ts';
import { sweepPoints } from '../app/chart-data.ts';
import { download } from '../app/chart-export.ts';
import { sweepCsv } from '../app/exports.ts';
import { outcomeName } from '../app/compare-data.ts';
import { DICTS, formats, type Lang } from '../app/i18n.ts';
import type { SweepRun } from '../app/session.ts';
import { valueText, type Settings } from '../app/settings.ts';
import { SWEEP_OUTCOMES, type SweepForm, type SweepOutcome } from '../app/sweep-form.ts';
import { PALETTE } from './chart-frame.ts';
import { chartTools, labelChartTools } from './chart-tools.ts';
import { setByRoster } from '../app/params.ts';
import { drawSweepChart } from './sweep-chart.ts';

const RUPIAH_OUTCOMES: readonly SweepOutcome[] = ['memberIncomeMonthly', 'costPerSurvivingGroup', 'capitalFinal'];

export { SWEEP_OUTCOMES, type SweepForm, type SweepOutcome };

export interface SweepPanelInput {
  lang: Lang;
  form: SweepForm;
  sweep: SweepRun | null;
  /** A run or sweep is going: the form cannot start another. */
  busy: boolean;
  /** This panel's sweep is the one going (it shows its own Cancel). */
  running: boolean;
  status: string;
  /** The settings changed since the sweep drawn. */
  stale: boolean;
  rosterLoaded: boolean;
  /** How a sweep's settings are named (for the exported chart's caption). */
  label(settings: Settings): string;
  onRun(): void;
  onCancel(): void;
  /** The planner edited the form (a new parameter comes with its range). */
  onForm(form: SweepForm): void;
  /** What the sweep drawn was of ("Swept: … · seed 1"). */
  sweptOf: string;
}

export function sweepOutcomeName(k: SweepOutcome, lang: Lang): string {
  return k === 'survivalRate' ? DICTS[lang].results.survival : outcomeName(k, lang);
}

export function drawSweepPanel(root: HTMLElement, input: SweepPanelInput): HTMLParagraphElement {
  const { lang, form } = input;
  const D = DICTS[lang];
  const f = formats(lang);
  // Numeric parameters with a range; not those a loaded roster decides (they would not move).
  const numeric = parameterTable().filter((p) => !p.options && p.unit !== 'yes/no' && p.path !== 'seed' && p.path !== 'members.roster' && p.min !== undefined && !(input.rosterLoaded && setByRoster(p.path)));
  // A parameter no longer on the list (a roster now decides it) is not swept in secret: the form
  // moves to the facilitator's visits, or the first on the list, with that parameter's range.
  if (!numeric.some((p) => p.path === form.path)) {
    const next = numeric.find((p) => p.path === 'intervention.mentoring.visitsPerMonth') ?? numeric[0];
    // The store's change draws the panel again, with the new form.
    input.onForm({ ...form, path: next.path, from: valueText(next, next.min ?? 0, lang), to: valueText(next, next.max ?? 1, lang) });
    return select(root).select<HTMLParagraphElement>('p.status').node() ?? document.createElement('p');
  }
  const panel = select(root);
  panel.selectAll('*').remove();
  panel.append('h2').text(D.sweep.title);
  panel.append('p').attr('class', 'help').text(D.sweep.help);
  const row = panel.append('form').attr('class', 'sweep-form').attr('novalidate', '').on('submit', (e: SubmitEvent) => {
    e.preventDefault();
    input.onRun();
  });
  type Box = Selection<HTMLDivElement, unknown, null, undefined>;
  const field = (key: keyof SweepForm, label: string, build: (el: Box) => void) => {
    const box = row.append('div').attr('class', 'field') as unknown as Box;
    box.append('label').attr('for', `sweep-${key}`).text(label);
    build(box);
    box.select('input, select').attr('id', `sweep-${key}`).attr('data-testid', `sweep-${key}`).on('change', function () {
      const next = { ...input.form, [key]: (this as HTMLInputElement).value } as SweepForm;
      if (key === 'path') {
        const info = settableParameters().get(next.path)!;
        next.from = valueText(info, info.min ?? 0, lang);
        next.to = valueText(info, info.max ?? 1, lang);
      }
      // The runs of a finished sweep hold every outcome: the one chosen now is drawn at once.
      input.onForm(next);
    });
  };
  field('path', D.sweep.parameter, (b) => {
    b.append('select').selectAll('option').data(numeric).join('option').attr('value', (p) => p.path).property('selected', (p) => p.path === form.path).text((p) => p.text[lang]);
  });
  field('outcome', D.sweep.outcome, (b) => {
    b.append('select').selectAll('option').data(SWEEP_OUTCOMES).join('option').attr('value', (k) => k).property('selected', (k) => k === form.outcome).text((k) => sweepOutcomeName(k, lang));
  });
  for (const key of ['from', 'to', 'steps', 'reps'] as const) {
    field(key, D.sweep[key], (b) => void b.append('input').attr('type', 'text').attr('inputmode', 'decimal').property('value', form[key]));
  }
  row.append('button').attr('type', 'submit').attr('data-testid', 'sweep-run').text(D.sweep.run).property('disabled', input.busy);
  if (input.running) row.append('button').attr('type', 'button').text(D.run.cancel).on('click', input.onCancel);
  const status = panel.append('p').attr('class', 'status').attr('role', 'status').attr('data-testid', 'sweep-status').text(input.status).node()!;
  const sw = input.sweep;
  if (!sw) return status;
  const info = settableParameters().get(sw.path)!;
  const outcome = form.outcome;
  const points = sweepPoints(sw.values.flatMap((x, i) => {
    const e = sw.points[i];
    if (!e) return [];
    const est = e.summary().headline[outcome];
    return est ? [{ x, estimate: est }] : [];
  }));
  panel.append('p').attr('class', 'swept-of').attr('data-testid', 'sweep-of').text(input.sweptOf);
  const box = panel.append('div').attr('class', 'chart-body').attr('data-testid', 'chart-sweep');
  const yName = sweepOutcomeName(outcome, lang);
  const unit = D.units[info.unit];
  drawSweepChart(box.node()!, {
    title: `${yName} × ${info.text[lang]}`,
    xLabel: `${info.text[lang]}${unit ? ` (${unit})` : ''}`,
    // The title names the outcome; the axis only its unit (a long name would not fit down the side).
    yLabel: outcome === 'survivalRate' ? D.charts.survival.axis : RUPIAH_OUTCOMES.includes(outcome) ? 'Rp' : yName,
    height: 280,
    points,
    xFormat: (v) => (info.unit === 'Rp' || info.unit === 'Rp/month' ? f.rupiahShort(v) : f.short(v)),
    yFormat: outcome === 'survivalRate' ? (v) => f.pct(v, 0) : RUPIAH_OUTCOMES.includes(outcome) ? f.rupiahShort : (v) => f.num(v, 2),
    color: PALETTE.blue,
    yDomain: outcome === 'survivalRate' ? [0, 1] : null,
    xInteger: !!info.int,
    legend: { mean: D.charts.mean, band: D.charts.survival.band },
  });
  box.select('svg').attr('data-points', points.length);
  chartTools(root, box.node()!, 'sweep', () => `kube-sim · ${input.label(sw.settings)} · ${D.sweep.reps}: ${f.int(sw.repsPerValue)} · ${D.run.seed} ${sw.settings.seed}`);
  labelChartTools(root, D);
  select(root).select('.chart-tools').append('button').attr('type', 'button').attr('class', 'small').attr('data-testid', 'sweep-csv').text(D.sweep.csv).on('click', () => {
    download(`kube-sim-sweep-${sw.path}.csv`, new Blob([sweepCsv(sw)], { type: 'text/csv' }));
  });
  if (input.stale) panel.append('p').attr('class', 'stale-note').attr('data-testid', 'sweep-stale').text(D.sweep.stale);
  return status;
}

/**
 * "How sure is this?": the form (what to compare on, which worlds, how many, runs in each), and
 * once run, the share of plausible worlds in which B does better on that outcome (groups still
 * active, business profit or income per member) with its interval from luck, each world's
 * difference as a dot in the outcome's unit, PRIM's rule of where B fails in plain words, and the
 * command line that gives the same numbers. The outcome can change after a run: the worlds'
 * results hold every outcome, so the panel is summarised again without new runs. Redrawn whole; the caller keeps the focus. Returns the status line,
 * which the caller updates while the worlds run.
 */
import { select } from 'd3';
import { chanceText } from '../app/compare-data.ts';
import { CALIBRATED_WORLDS, HOW_SURE_LIMITS, HOW_SURE_OUTCOMES, howSureCommand, PRIM_ENOUGH_WORLDS, ruleWords, type HowSureFields, type HowSureOutcome, type HowSureRun } from '../app/how-sure.ts';
import { DICTS, formats, type Lang } from '../app/i18n.ts';
import type { Settings } from '../app/settings.ts';
import { chartTools, labelChartTools } from './chart-tools.ts';
import { drawWorldsChart } from './worlds-chart.ts';

export interface HowSurePanelInput {
  lang: Lang;
  fields: HowSureFields;
  run: HowSureRun | null;
  /** A run of any kind is going: the form cannot start another. */
  busy: boolean;
  /** The worlds are running (this panel shows its own Cancel). */
  running: boolean;
  status: string;
  /** A or B changed since the worlds shown. */
  stale: boolean;
  label(settings: Settings): string;
  onFields(fields: HowSureFields): void;
  /** Another outcome chosen: the worlds shown, if any, are summarised again for it. */
  onOutcome(outcome: HowSureOutcome): void;
  onRun(): void;
  onCancel(): void;
}

export function drawHowSurePanel(root: HTMLElement, input: HowSurePanelInput): HTMLParagraphElement {
  const { lang, fields } = input;
  const D = DICTS[lang];
  const H = D.howSure;
  const f = formats(lang);
  const panel = select(root);
  panel.selectAll('*').remove();
  panel.append('h2').text(H.title);
  panel.append('p').attr('class', 'help what').attr('data-testid', 'how-sure-what').text(H.what);
  panel.append('p').attr('class', 'help').text(H.help);

  const form = panel.append('form').attr('class', 'how-sure-form').attr('novalidate', '').on('submit', (e: SubmitEvent) => {
    e.preventDefault();
    input.onRun();
  });
  const field = (key: keyof HowSureFields, label: string, wide = false) => {
    const box = form.append('div').attr('class', wide ? 'field wide' : 'field');
    box.append('label').attr('for', `how-sure-${key}`).text(label);
    return box;
  };
  field('outcome', H.outcome, true)
    .append('select').attr('id', 'how-sure-outcome').attr('data-testid', 'how-sure-outcome')
    .on('change', function () {
      input.onOutcome((this as HTMLSelectElement).value as HowSureOutcome);
    })
    .selectAll('option').data(HOW_SURE_OUTCOMES).join('option')
    .attr('value', (d) => d).property('selected', (d) => d === fields.outcome)
    .text((d) => H.outcomes[d].choice);
  form.append('p').attr('class', 'note hint').text(H.outcomeHint);
  field('source', H.source, true)
    .append('select').attr('id', 'how-sure-source').attr('data-testid', 'how-sure-source')
    .on('change', function () {
      const source = (this as HTMLSelectElement).value as HowSureFields['source'];
      // Each source comes with its own number of worlds: all the calibrated ones, or enough for PRIM.
      input.onFields({ ...input.fields, source, worlds: String(source === 'calibrated' ? CALIBRATED_WORLDS : HOW_SURE_LIMITS.priorDefault) });
    })
    .selectAll('option').data(['calibrated', 'prior'] as const).join('option')
    .attr('value', (d) => d).property('selected', (d) => d === fields.source)
    .text((d) => (d === 'calibrated' ? H.calibrated(f.int(CALIBRATED_WORLDS)) : H.prior));
  form.append('p').attr('class', 'note hint').text(H.sourceHint(f.int(CALIBRATED_WORLDS)));
  for (const key of ['worlds', 'reps'] as const) {
    field(key, H[key]).append('input').attr('type', 'text').attr('inputmode', 'numeric')
      .attr('id', `how-sure-${key}`).attr('data-testid', `how-sure-${key}`).property('value', fields[key])
      .on('change', function () {
        input.onFields({ ...input.fields, [key]: (this as HTMLInputElement).value });
      });
  }
  const buttons = form.append('div').attr('class', 'buttons');
  buttons.append('button').attr('type', 'submit').attr('data-testid', 'how-sure-run').text(H.run).property('disabled', input.busy);
  if (input.running) buttons.append('button').attr('type', 'button').attr('data-testid', 'how-sure-cancel').text(D.run.cancel).on('click', input.onCancel);
  const status = panel.append('p').attr('class', 'status').attr('role', 'status').attr('data-testid', 'how-sure-status').text(input.status).node()!;

  const run = input.run;
  if (!run || !run.share) return status;
  const sh = run.share;
  const W = run.results.length;
  const outcome = run.form.outcome;
  const O = H.outcomes[outcome];
  panel.append('p').attr('class', 'swept-of').attr('data-testid', 'how-sure-of')
    .text(`${H.of(input.label(run.a), input.label(run.b))} · ${H.setup(f.int(W), run.form.source === 'calibrated' ? H.calibratedWorlds : H.priorWorlds, f.int(run.form.reps), run.seed)}`);
  if (run.a.seed !== run.seed) panel.append('p').attr('class', 'note').text(H.seedNote(run.seed));
  const headline = panel.append('p').attr('class', 'how-sure-share').attr('data-testid', 'how-sure-share')
    // The numbers exactly as computed, for a check against the command line's JSON.
    .attr('data-share', String(sh.share)).attr('data-luck', JSON.stringify(sh.luck)).attr('data-worlds', String(sh.worlds)).attr('data-outcome', outcome);
  headline.append('strong').text(O.share(f.pct(sh.share, 0), f.int(sh.worlds)));
  headline.append('span').text(` ${H.luck(f.pct(sh.luck[0], 0), f.pct(sh.luck[1], 0))}`);
  panel.append('p').attr('class', 'note').text(H.shareExplain);

  const box = panel.append('div').attr('class', 'chart-body').attr('data-testid', 'chart-worlds');
  // Survival in percentage points; money in rupiah (the axis in thousands, the dots' tips in full).
  const rupiah = outcome !== 'survived';
  const diff = (v: number) => f.signed(v, rupiah ? f.rupiah : (x) => `${f.num(100 * x, 1)} pp`);
  drawWorldsChart(box.node()!, {
    title: O.chartTitle,
    xLabel: H.xAxis,
    yLabel: O.yAxis,
    worlds: sh.perWorld.map((w) => ({ world: w.world, mean: w.mean, lo: w.ci[0], hi: w.ci[1] })),
    better: sh.better === 'higher' ? 1 : -1,
    yFormat: rupiah ? (v) => f.short(v / 1000) : (v) => f.num(100 * v, 0),
    tip: (w) => {
      const p = sh.perWorld.find((x) => x.world === w.world)!.pBetter;
      return H.dot(w.world, diff(w.mean), w.lo === null ? '–' : diff(w.lo), w.hi === null ? '–' : diff(w.hi), chanceText(p, lang));
    },
    legend: { better: H.legendBetter, worse: H.legendWorse, unclear: H.legendUnclear, interval: H.legendInterval },
  });
  chartTools(root, box.node()!, 'worlds', () => `kube-sim · ${H.of(input.label(run.a), input.label(run.b))} · ${H.setup(f.int(W), run.form.source === 'calibrated' ? H.calibratedWorlds : H.priorWorlds, f.int(run.form.reps), run.seed)}`);
  labelChartTools(root, D);

  panel.append('h3').text(H.whereFails);
  const rule = ruleWords(run.discovery, lang);
  const ruleBox = panel.append('div').attr('class', 'how-sure-rule').attr('data-testid', 'how-sure-rule').attr('data-kind', rule?.kind ?? '');
  if (rule?.kind === 'everywhere') ruleBox.append('p').text(O.everywhere);
  else if (rule?.kind === 'nowhere') ruleBox.append('p').text(O.nowhere);
  else if (rule?.kind === 'rule') {
    ruleBox.append('p').append('strong').text(O.rule(rule.text));
    ruleBox.append('p').attr('class', 'note').text(H.ruleMeasure(f.int(rule.cases), f.int(rule.failing), f.int(rule.inside), f.pct(rule.density, 0)));
  } else if (rule?.kind === 'none') {
    ruleBox.append('p').text(H.none(f.int(rule.failing), f.int(W)));
    if (rule.fewWorlds) ruleBox.append('p').attr('class', 'note').attr('data-testid', 'how-sure-few').text(H.fewWorlds(f.int(PRIM_ENOUGH_WORLDS)));
  }

  const cmd = howSureCommand(run);
  const cli = panel.append('details').attr('class', 'how-sure-cli');
  cli.append('summary').text(H.cli);
  if (cmd.files) cli.append('p').attr('class', 'note').text(H.cliFiles);
  cli.append('pre').attr('class', 'cli').attr('data-testid', 'how-sure-cli').text(cmd.command);
  cli.append('p').attr('class', 'note').attr('data-testid', 'how-sure-cli-key').text(H.cliKey(outcome));
  if (input.stale) panel.append('p').attr('class', 'stale-note').attr('data-testid', 'how-sure-stale').text(H.stale);
  return status;
}

/**
 * Compare packages: pin the result on show as A, run B, and see B − A paired by replication — a
 * forest plot of the main outcomes (each with its interval and the chance B is better) and a
 * table of every outcome. Redrawn whole; the caller keeps the focus.
 */
import { select } from 'd3';
import { diffRows } from '../app/chart-data.ts';
import { chanceText, compareRows, MAIN_OUTCOMES, outcomeFormat, outcomeName, pairRuns } from '../app/compare-data.ts';
import { DICTS, formats, type Lang } from '../app/i18n.ts';
import type { EnsembleRun } from '../app/session.ts';
import { settingsDiff } from '../app/page-words.ts';
import type { Settings } from '../app/settings.ts';
import { chartTools, labelChartTools } from './chart-tools.ts';
import { drawDiffChart } from './diff-chart.ts';

export interface ComparePanelInput {
  lang: Lang;
  /** The result on show (B once A is pinned). */
  current: EnsembleRun | null;
  pinned: EnsembleRun | null;
  /** A run or sweep is going: nothing can be pinned now. */
  busy: boolean;
  /** How a result's settings are named ("KUBE Tulip (failed) + 2 settings changed"). */
  label(settings: Settings): string;
  onPin(): void;
  onUnpin(): void;
  /** Whether "all outcomes" is open (kept across redraws), and its toggle. */
  allOpen: boolean;
  onToggleAll(open: boolean): void;
}

export function drawComparePanel(root: HTMLElement, input: ComparePanelInput): void {
  const { lang } = input;
  const D = DICTS[lang];
  const f = formats(lang);
  const panel = select(root);
  panel.selectAll('*').remove();
  panel.append('h2').text(D.compare.title);
  panel.append('p').attr('class', 'help').text(D.compare.help);
  const bar = panel.append('div').attr('class', 'buttons');
  const cur = input.current;
  bar.append('button').attr('type', 'button').attr('data-testid', 'pin').text(D.compare.pin)
    .property('disabled', !cur || cur.state === 'running' || input.busy || cur === input.pinned)
    .on('click', input.onPin);
  if (input.pinned) {
    bar.append('button').attr('type', 'button').attr('data-testid', 'unpin').text(D.compare.unpin).on('click', input.onUnpin);
    bar.append('span').attr('class', 'pinned-label').text(D.compare.pinned(input.label(input.pinned.settings)));
  }
  const a = input.pinned;
  const b = cur;
  if (!a || !b || a === b || b.state === 'running') {
    if (a && (!b || a === b)) panel.append('p').attr('class', 'note').text(D.compare.runB);
    return;
  }
  const c = pairRuns(a, b);
  drawDifferences(panel, a.settings, b.settings, input);
  const notes = [c.sameSeed ? D.compare.sameLuck(f.int(c.paired)) : D.compare.otherSeed];
  if (a.done !== b.done) notes.push(D.compare.otherReps(f.int(c.paired)));
  panel.append('p').attr('class', 'note').attr('data-testid', 'compare-note').text(notes.join(' '));
  const rows = compareRows(c, lang);
  // On a narrow screen the chance goes without its words, which head the chart instead.
  const narrow = root.clientWidth > 0 && root.clientWidth < 560;
  if (narrow) panel.append('p').attr('class', 'note right').text(`${D.compare.pBetter} →`);
  const diffBox = panel.append('div').attr('class', 'chart-body').attr('data-testid', 'chart-diff');
  drawDiffChart(diffBox.node()!, {
    title: D.compare.diffTitle,
    rows: diffRows(c, MAIN_OUTCOMES.map((key) => ({
      key,
      label: outcomeName(key, lang),
      format: (v: number) => (key === 'survived' ? f.signed(v, (x) => `${f.num(100 * x, 1)} pp`) : f.signed(v, outcomeFormat(key, lang))),
      pText: (p: number) => (narrow ? chanceText(p, lang) : D.compare.pBetterText(chanceText(p, lang))),
    }))),
    sides: { aBetter: `← ${D.compare.betterA}`, bBetter: `${D.compare.betterB} →` },
    legend: { better: D.compare.betterB, worse: D.compare.betterA, unclear: D.compare.unclear },
  });
  chartTools(root, diffBox.node()!, 'differences', () => `kube-sim · ${D.compare.a}: ${input.label(a.settings)} · ${D.compare.b}: ${input.label(b.settings)} · ${notes.join(' ')}`);
  labelChartTools(root, D);
  const explain = panel.append('ul').attr('class', 'explain').attr('data-testid', 'compare-explain');
  for (const line of [D.compare.explainChance, D.compare.explainPp, D.compare.explainScale]) explain.append('li').text(line);
  const details = panel.append('details').attr('class', 'all-outcomes').property('open', input.allOpen).on('toggle', function () {
    input.onToggleAll((this as HTMLDetailsElement).open);
  });
  details.append('summary').text(D.compare.all);
  const table = details.append('table').attr('data-testid', 'compare-table');
  const head = table.append('thead').append('tr');
  for (const h of [D.compare.outcome, D.compare.a, D.compare.b, D.compare.difference, D.compare.pBetter]) head.append('th').attr('scope', 'col').text(h);
  const tr = table.append('tbody').selectAll('tr').data(rows).join('tr').attr('class', (r) => `verdict-${r.verdict}`).attr('data-key', (r) => r.key);
  tr.append('th').attr('scope', 'row').text((r) => r.name);
  tr.append('td').text((r) => r.a);
  tr.append('td').text((r) => r.b);
  const diffCell = tr.append('td').text((r) => (r.interval ? `${r.diff} (${r.interval})` : r.diff));
  // The colour says who is better; so do words, for screen readers.
  diffCell.append('span').attr('class', 'sr-only').text((r) => ` (${r.verdict === 'b' ? D.compare.betterB : r.verdict === 'a' ? D.compare.betterA : D.compare.unclear})`);
  tr.append('td').attr('data-testid', 'p-better').text((r) => r.pBetter);
}

/** A and B named, and every setting that differs between them with both values. */
function drawDifferences(panel: ReturnType<typeof select<HTMLElement, unknown>>, a: Settings, b: Settings, input: ComparePanelInput): void {
  const D = DICTS[input.lang];
  const box = panel.append('div').attr('class', 'differs').attr('data-testid', 'compare-differs');
  const names = box.append('p').attr('class', 'names');
  names.append('span').attr('class', 'side side-a').text(`${D.compare.a}: ${input.label(a)}`);
  names.append('span').attr('class', 'side side-b').text(`${D.compare.b}: ${input.label(b)}`);
  const diff = settingsDiff(a, b, input.lang);
  if (!diff.length) return void box.append('p').text(D.compare.same);
  box.append('strong').text(`${D.compare.differs}:`);
  const table = box.append('table').attr('class', 'differs-table');
  const head = table.append('thead').append('tr');
  for (const h of ['', D.compare.a, D.compare.b]) head.append('th').attr('scope', 'col').text(h);
  const tr = table.append('tbody').selectAll('tr').data(diff).join('tr').attr('data-key', (d) => d.key);
  tr.append('th').attr('scope', 'row').text((d) => d.label);
  tr.append('td').text((d) => d.a);
  tr.append('td').text((d) => d.b);
}

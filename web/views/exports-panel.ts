/**
 * Save and share: the runs as CSV, the summary as JSON (as the CLI writes them), the scenario as
 * a file, a link — all of the results on show — and the command line that gives the same numbers.
 */
import { select } from 'd3';
import type { EnsembleSummary } from '../../src/browser.ts';
import { download } from '../app/chart-export.ts';
import { runsCsv, scenarioFileJson, summaryJson } from '../app/exports.ts';
import { DICTS, type Lang } from '../app/i18n.ts';
import type { EnsembleRun } from '../app/session.ts';
import { cliCommand, type Settings } from '../app/settings.ts';

export interface ExportsPanelInput {
  lang: Lang;
  run: EnsembleRun | null;
  /** The page's settings (what is saved before any result exists). */
  settings: Settings;
  /** The settings changed since the results on show. */
  stale: boolean;
  /** The page's link for some settings. */
  linkOf(settings: Settings): string;
  /** The full summary of a run (every band), for the JSON. */
  summaryOf(run: EnsembleRun): EnsembleSummary;
}

export function drawExportsPanel(root: HTMLElement, input: ExportsPanelInput): void {
  const D = DICTS[input.lang];
  const { run } = input;
  const panel = select(root);
  panel.selectAll('*').remove();
  panel.append('h2').text(D.exports.title);
  const bar = panel.append('div').attr('class', 'buttons');
  const none = !run || run.state === 'running';
  const name = run ? `kube-sim-${run.settings.preset}-seed${run.settings.seed}` : '';
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-csv').text(D.exports.runsCsv).property('disabled', none).on('click', () => {
    if (run) download(`${name}-runs.csv`, new Blob([runsCsv(run)], { type: 'text/csv' }));
  });
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-json').text(D.exports.summaryJson).property('disabled', none).on('click', async () => {
    if (run) download(`${name}-summary.json`, new Blob([`${JSON.stringify(await summaryJson(run, input.summaryOf(run)))}\n`], { type: 'application/json' }));
  });
  // Everything here is of the results on show (a cancelled run: the replications it finished),
  // so that the link, the file and the command give back exactly these numbers.
  const stopped = !!run && (run.state === 'cancelled' || run.state === 'failed') && run.done > 0;
  const shown = run ? { ...run.settings, reps: stopped ? run.done : run.settings.reps } : input.settings;
  bar.append('button').attr('type', 'button').attr('data-testid', 'export-scenario').text(D.exports.scenarioJson).on('click', () => {
    download(`kube-sim-scenario-${shown.preset}.json`, new Blob([scenarioFileJson(shown)], { type: 'application/json' }));
  });
  const copy = bar.append('button').attr('type', 'button').attr('data-testid', 'copy-link').text(D.exports.copyLink);
  const copied = bar.append('span').attr('class', 'copied').attr('role', 'status');
  copy.on('click', async () => {
    try {
      await navigator.clipboard.writeText(input.linkOf(shown));
      copied.text(D.exports.copied);
    } catch {
      copied.text(D.exports.copyFailed);
    }
  });
  panel.append('p').attr('class', 'help').text(D.exports.cli);
  panel.append('pre').attr('class', 'cli').attr('data-testid', 'cli').text(cliCommand(shown));
  if (input.stale) panel.append('p').attr('class', 'note').text(D.exports.ofShown);
}

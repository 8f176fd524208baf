/**
 * What the app saves: the runs as CSV and the summary as JSON, each exactly as `kube-sim
 * ensemble --runs runs.csv --out summary.json` writes them (same columns, same keys, the same
 * manifest fields, the same scenario hash), and the scenario as a file the CLI can run.
 */
import { bandsJson, canonicalJson, csvLine, F, jsonSummary, runCsvLine, RUNS_CSV_HEADER, type EnsembleSummary, type Headline, type Scenario } from '../../src/browser.ts';
import { version } from '../../package.json';
import { cliCommand, preset, scenarioOf, type Settings } from './settings.ts';
import type { EnsembleRun, SweepRun } from './session.ts';

/** One row per run: replication, seed, then the run fields (RUN_FIELDS). */
export function runsCsv(run: EnsembleRun): string {
  const lines = [RUNS_CSV_HEADER];
  for (let j = 0; j < run.done; j++) {
    const o = j * F;
    lines.push(runCsvLine(run.rows, o, j, run.settings.seed));
  }
  return `${lines.join('\n')}\n`;
}

/** SHA-256 of a scenario's canonical JSON, as the CLI takes it (null where the browser has no Web Crypto: plain http off localhost). */
export async function scenarioHash(sc: unknown): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(sc)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The summary document: manifest, headline outcomes, per-run means, survival curve, bands. */
export async function summaryJson(run: EnsembleRun, s: EnsembleSummary) {
  const { settings } = run;
  // As the CLI resolves it: the preset file's own seed stays in the scenario (--seed goes to the
  // runs, as `seed` below), so the same settings give the same scenarioHash here and there.
  const scenario = { ...run.scenario, seed: preset(settings.preset).scenario.seed };
  return {
    kubeSim: version,
    command: cliCommand({ ...settings, reps: run.done }),
    browser: globalThis.navigator?.userAgent ?? null,
    scenario: scenario.name,
    scenarioFile: settings.roster ? null : preset(settings.preset).file,
    scenarioHash: await scenarioHash(scenario),
    set: settings.set,
    seed: settings.seed,
    replications: run.done,
    ...(run.state === 'complete' ? {} : { incomplete: `${run.state}: ${run.done} of ${settings.reps} replications` }),
    startedAt: run.startedAt.toISOString(),
    finishedAt: (run.finishedAt ?? new Date()).toISOString(),
    ...jsonSummary(s),
    scenarioResolved: scenario,
    bands: bandsJson(s),
  };
}

/** The settings' scenario as a scenario file (`kube-sim ensemble file.json` runs it). */
export function scenarioFileJson(settings: Settings): string {
  return `${JSON.stringify(describedScenario(settings), null, 2)}\n`;
}

/**
 * The settings' scenario, its name and description saying first what was changed from the preset
 * (the preset's own words, which follow, describe the package before the changes). Words only:
 * the runs are the same, though the file's scenario hash differs from the page's by them.
 */
export function describedScenario(settings: Settings): Scenario {
  const sc = scenarioOf(settings);
  const changes = Object.keys(settings.set).sort().map((path) => `${path}=${settings.set[path]}`);
  if (settings.roster) changes.push(`members.roster (${settings.roster.length})`);
  if (!changes.length) return sc;
  const list = changes.join(', ');
  const from = preset(settings.preset).file;
  const text = (lang: 'en' | 'id', head: string) => `${head} ${from}: ${list}.${sc.description ? ` ${sc.description[lang]}` : ''}`.slice(0, 4000);
  return {
    ...sc,
    name: `${sc.name.slice(0, 68)} (changed)`,
    description: { en: text('en', 'Changed from'), id: text('id', 'Diubah dari') },
  };
}

/**
 * A sweep as tidy CSV: one row per value finished, with its replications and seed, then every
 * headline outcome's mean and 95% interval (empty where there is none, e.g. cost per surviving
 * group when no group survived).
 */
export function sweepCsv(sw: SweepRun): string {
  const heads = sw.points.map((e) => e?.summary().headline);
  const keys = Object.keys(heads.find(Boolean) ?? {}) as (keyof Headline)[];
  const lines = [csvLine([sw.path, 'replications', 'seed', ...keys.flatMap((k) => [k, `${k}Lo`, `${k}Hi`])])];
  sw.values.forEach((x, i) => {
    const h = heads[i];
    if (!h) return;
    lines.push(csvLine([x, sw.repsPerValue, sw.settings.seed, ...keys.flatMap((k) => {
      const e = h[k];
      return e ? [e.mean, e.ci[0], e.ci[1]] : [null, null, null];
    })]));
  });
  return `${lines.join('\n')}\n`;
}


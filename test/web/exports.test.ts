/**
 * What the app saves is what the command line writes: the runs CSV byte for byte, the summary
 * JSON's numbers and scenario hash, and a scenario file the CLI runs to the same numbers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv, parseScenario } from '../../src/index.ts';
import { runsCsv, scenarioFileJson, summaryJson, sweepCsv } from '../../web/app/exports.ts';
import type { SweepRun } from '../../web/app/session.ts';
import { scenarioOf, type Settings } from '../../web/app/settings.ts';
import { root, runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { ensembleRun } from './runs.ts';

const dir = scratchFolder('kube-sim-web-exports-');
const ROSTER_FILE = join(root, 'scenarios/rosters/example-group.csv');

/** `kube-sim ensemble …` in the scratch folder, writing runs.csv and summary.json under `name`. */
function cli(name: string, args: string[]) {
  const csv = join(dir, `${name}.csv`);
  const json = join(dir, `${name}.json`);
  const r = runKubeSim(['ensemble', ...args, '--workers', '1', '--runs', csv, '--out', json], dir);
  expect(r.code, r.stderr).toBe(0);
  return { csv: readFileSync(csv, 'utf8'), summary: JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown> };
}

/** The keys whose numbers must agree exactly. */
const NUMBERS = ['horizonWeeks', 'outcomes', 'perRun', 'causes', 'survivalCurve', 'bands'] as const;

const cases: { name: string; settings: Partial<Settings>; args: string[] }[] = [
  { name: 'default', settings: { preset: 'default', seed: 7, reps: 40 }, args: ['default', '--reps', '40', '--seed', '7'] },
  {
    name: 'tulip-roster-set',
    settings: { preset: 'tulip', seed: 11, reps: 25, set: { 'intervention.grant.amount': 30_000_000, 'intervention.mentoring.visitsPerMonth': 2 }, roster: parseRosterCsv(readFileSync(ROSTER_FILE, 'utf8')).roster },
    args: ['tulip', '--reps', '25', '--seed', '11', '--set', 'intervention.grant.amount=30000000', '--set', 'intervention.mentoring.visitsPerMonth=2', '--roster', ROSTER_FILE],
  },
];

describe.each(cases)('the exports of $name', ({ name, settings, args }) => {
  const run = ensembleRun(settings);
  const fromCli = cli(name, args);

  it('runsCsv is the CLI’s --runs file, byte for byte', () => {
    const mine = runsCsv(run);
    expect(mine.split('\n')[0]).toBe(fromCli.csv.split('\n')[0]);
    expect(mine.split('\n')).toHaveLength(run.done + 2); // header, one line a run, the final newline
    expect(mine).toBe(fromCli.csv);
  });

  it('summaryJson has the CLI’s numbers, exactly, and its scenario hash', async () => {
    const doc = JSON.parse(JSON.stringify(await summaryJson(run, run.ensemble.summary()))) as Record<string, unknown>;
    for (const key of NUMBERS) expect(doc[key], key).toEqual(fromCli.summary[key]);
    expect((doc.bands as unknown[]).length).toBeGreaterThan(0);
    expect(doc.seed).toBe(fromCli.summary.seed);
    expect(doc.replications).toBe(fromCli.summary.replications);
    expect(doc.set).toEqual(fromCli.summary.set);
    expect(doc.scenario).toBe(fromCli.summary.scenario);
    expect(doc.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.scenarioHash).toBe(fromCli.summary.scenarioHash);
    expect(doc.scenarioResolved).toEqual(fromCli.summary.scenarioResolved);
    expect(doc.kubeSim).toBe(fromCli.summary.kubeSim);
    expect(doc).not.toHaveProperty('incomplete');
  });
});

describe('summaryJson of a stopped run', () => {
  it('says it is incomplete and counts only the runs finished', async () => {
    const run = ensembleRun({ seed: 7, reps: 12 });
    const doc = await summaryJson({ ...run, done: 5, state: 'cancelled' }, run.ensemble.summary());
    expect(doc.replications).toBe(5);
    expect(doc.incomplete).toBe('cancelled: 5 of 12 replications');
  });
});

describe('scenarioFileJson', () => {
  const settings: Settings = { ...ensembleRun({ reps: 1 }, false).settings, preset: 'cempaka', seed: 123, reps: 30, set: { 'group.meetingIntervalWeeks': 1, 'business.type': 'fish' } };

  it('is a scenario file that parses to the settings’ scenario', () => {
    const text = scenarioFileJson(settings);
    expect(text.endsWith('\n')).toBe(true);
    const sc = parseScenario(JSON.parse(text));
    // The same scenario, but for the words: name and description say what was changed.
    const { name, description, ...rest } = sc;
    const { name: _n, description: _d, ...expected } = scenarioOf(settings);
    expect(rest).toEqual(expected);
    expect(name).toBe(`${scenarioOf(settings).name} (changed)`);
    expect(description!.en).toMatch(/^Changed from scenarios\/cempaka\.json: business\.type=fish, group\.meetingIntervalWeeks=1\./);
    expect(description!.id).toMatch(/^Diubah dari scenarios\/cempaka\.json: /);
    expect(sc.seed).toBe(123);
    expect(parseScenario(JSON.parse(JSON.stringify(sc)))).toEqual(sc);
  });

  it('keeps the preset’s own name and words when nothing was changed', () => {
    const plain = { ...settings, set: {} };
    expect(parseScenario(JSON.parse(scenarioFileJson(plain)))).toEqual(scenarioOf(plain));
  });

  it('runs on the command line to the same runs as the page (its seed is in the file)', () => {
    const file = join(dir, 'saved-scenario.json');
    writeFileSync(file, scenarioFileJson(settings));
    const fromCli = cli('saved-scenario-runs', [file, '--reps', '30']);
    expect(runsCsv(ensembleRun(settings, false))).toBe(fromCli.csv);
  });
});

describe('sweepCsv', () => {
  it('has one row per finished value: value, replications, seed, then each headline outcome with its interval', () => {
    const base = ensembleRun({ reps: 12 }, false);
    const other = ensembleRun({ reps: 12, set: { 'intervention.mentoring.visitsPerMonth': 4 } }, false);
    const sw: SweepRun = { settings: base.settings, path: 'intervention.mentoring.visitsPerMonth', values: [1, 4, 8], repsPerValue: 12, points: [base.ensemble, other.ensemble], state: 'cancelled' };
    const [head, ...rows] = sweepCsv(sw).trimEnd().split('\n');
    const h = base.ensemble.summary().headline;
    const keys = Object.keys(h) as (keyof typeof h)[];
    expect(head.split(',')).toEqual(['intervention.mentoring.visitsPerMonth', 'replications', 'seed', ...keys.flatMap((k) => [k, `${k}Lo`, `${k}Hi`])]);
    // The value not finished (8) has no row.
    expect(rows.map((r) => r.split(',')[0])).toEqual(['1', '4']);
    const cells = rows[0].split(',');
    expect(cells.slice(1, 3)).toEqual(['12', String(base.settings.seed)]);
    expect(Number(cells[3])).toBe(h.survivalRate.mean);
    expect([Number(cells[4]), Number(cells[5])]).toEqual(h.survivalRate.ci);
    expect(Number(rows[1].split(',')[3])).toBe(other.ensemble.summary().headline.survivalRate.mean);
  });
});


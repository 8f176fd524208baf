/** `kube-sim run` end to end, as a user runs it: a subprocess through the package's bin. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATORS, parseScenario, simulate, STATUS_NAMES } from '../../src/index.ts';
import { root, runKubeSim, scratchFolder } from './kube-sim.ts';

const work = scratchFolder('kube-sim-cli-');
const kubeSim = (...args: string[]) => runKubeSim(args, work);

describe('kube-sim run', () => {
  it('runs a built-in scenario by name, prints the outcome and writes the run as JSON', () => {
    const r = kubeSim('run', 'default', '--seed', '9', '--out', 'run.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Outcome: (active|stagnant|dissolved)/);
    expect(r.stdout).toContain('seed 9');
    const doc = JSON.parse(readFileSync(join(work, 'run.json'), 'utf8'));
    const expected = simulate(parseScenario(JSON.parse(readFileSync(join(root, 'scenarios/default.json'), 'utf8'))), { seed: 9 });
    expect(doc.outcome).toEqual(expected.outcome);
    expect(doc.series.meanTrust).toEqual(Array.from(expected.series.meanTrust));
    expect(doc.series.capital).toHaveLength(156);
    expect(doc.events.length).toBe(expected.events.count);
    expect(doc.members).toHaveLength(10);
    expect(doc.seed).toBe(9);
    expect(doc.scenario.intervention.grant.amount).toBe(25_000_000);
    // Only the finished file is left: no temporary files beside it.
    expect(readdirSync(work).filter((f) => f.includes('run.json'))).toEqual(['run.json']);
  });

  it('runs a scenario file given by path, and the same seed gives the same file', () => {
    writeFileSync(join(work, 'small.json'), JSON.stringify({ group: { size: 6 }, horizonWeeks: 52, business: { type: 'warung' } }));
    expect(kubeSim('run', 'small.json', '--seed', '4', '--out', 'a.json').code).toBe(0);
    expect(kubeSim('run', 'small.json', '--seed', '4', '--out', 'b.json').code).toBe(0);
    const a = JSON.parse(readFileSync(join(work, 'a.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(work, 'b.json'), 'utf8'));
    // Everything but the command line (which names a different output file) is the same.
    expect({ ...a, command: '' }).toEqual({ ...b, command: '' });
    expect(a.members).toHaveLength(6);
  });

  const bad: [string, string[], RegExp][] = [
    ['a negative seed', ['run', 'default', '--seed=-1'], /--seed: got "-1"; allowed: a whole number from 0 to 4294967295/],
    ['a negative seed after a space', ['run', 'default', '--seed', '-1'], /--seed: got "-1"; allowed: a whole number from 0 to 4294967295/],
    ['a fractional seed', ['run', 'default', '--seed', '1.5'], /--seed: got "1.5"/],
    ['a negative replication', ['run', 'default', '--replication', '-3'], /--replication: got "-3"/],
    ['a seed that is not a number', ['run', 'default', '--seed', 'abc'], /--seed: got "abc"/],
    ['an unknown flag', ['run', 'default', '--sed', '3'], /unknown flag --sed\n.*--seed N/],
    ['an unknown scenario', ['run', 'nope'], /scenario "nope": no such file, and not a built-in scenario \(built-in: .*default/],
    ['an output that is not JSON or CSV', ['run', 'default', '--out', 'x.txt'], /--out: got "x.txt"; allowed: a path ending in .json or .csv/],
    ['an output folder that does not exist', ['run', 'default', '--out', 'missing/x.json'], /--out: cannot write .*missing.*does not exist/],
    ['no scenario', ['run'], /expected one scenario/],
    ['an unknown command', ['swim'], /unknown command "swim"/],
  ];
  it.each(bad)('refuses %s with a clear message and exit status 2, writing nothing', (_name, args, message) => {
    const before = readdirSync(work).sort();
    const r = kubeSim(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it('refuses an invalid scenario file naming the field, the value and the range', () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ intervention: { mentoring: { visitsPerMonth: 12 } } }));
    const r = kubeSim('run', 'bad.json', '--out', 'never.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('intervention.mentoring.visitsPerMonth: got 12; allowed: a number from 0 to 8');
    expect(existsSync(join(work, 'never.json'))).toBe(false);
  });

  it('refuses a file that is not JSON', () => {
    writeFileSync(join(work, 'broken.json'), '{"group": ');
    const r = kubeSim('run', 'broken.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken.json: not valid JSON/);
  });

  it('refuses a file holding null instead of a scenario', () => {
    writeFileSync(join(work, 'null.json'), 'null');
    const r = kubeSim('run', 'null.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(scenario\): got null; allowed: an object with keys/);
  });

  it('reads a scenario saved with a byte-order mark (as Notepad saves UTF-8)', () => {
    writeFileSync(join(work, 'bom.json'), `\uFEFF${JSON.stringify({ group: { size: 6 } })}`);
    const r = kubeSim('run', 'bom.json', '--out', 'bom-run.json');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'bom-run.json'), 'utf8')).members).toHaveLength(6);
  });

  it('--out run.csv writes one tidy row per week: seed, replication, week, then every indicator as simulate() gives it', () => {
    // A run that dissolves, so the weeks after it show what a dissolved group no longer has.
    const file = JSON.parse(readFileSync(join(root, 'scenarios/tulip.json'), 'utf8'));
    const sc = parseScenario({ ...file, horizonWeeks: 156 });
    let rep = 0;
    while (simulate(sc, { seed: 5, replication: rep }).outcome.status !== 'dissolved') rep++;
    const run = simulate(sc, { seed: 5, replication: rep });
    const end = run.outcome.statusWeek!;
    const r = kubeSim('run', 'tulip', '--seed', '5', '--replication', String(rep), '--set', 'horizonWeeks=156', '--out', 'weeks.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`dissolved in week ${end + 1}`);
    const lines = readFileSync(join(work, 'weeks.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0].split(',')).toEqual(['seed', 'replication', 'week', ...INDICATORS.map((d) => d.key)]);
    expect(lines).toHaveLength(1 + 156);
    const col = (key: string) => 3 + INDICATORS.findIndex((d) => d.key === key);
    for (const t of [0, end, Math.min(155, end + 1), 155]) {
      const cells = lines[1 + t].split(',');
      expect(cells.slice(0, 3).map(Number)).toEqual([5, rep, t + 1]);
      INDICATORS.forEach((d, k) => {
        const cell = cells[3 + k];
        if (d.key === 'status') expect(cell).toBe(STATUS_NAMES[run.series.status[t]]);
        // After the week it dissolved, a group has no trust, elements or flows: empty, not 0.
        else if (t > end && !d.keepsAfterEnd) expect(cell, `${d.key} week ${t + 1}`).toBe('');
        else expect(Number(cell), `${d.key} week ${t + 1}`).toBe(run.series[d.key][t]);
      });
    }
    expect(lines[1 + end].split(',')[col('status')]).toBe('dissolved');
  });

  it('the scenario written into run.json, with its replication, reproduces the run', () => {
    expect(kubeSim('run', 'default', '--seed', '11', '--replication', '3', '--out', 'seeded.json').code).toBe(0);
    const doc = JSON.parse(readFileSync(join(work, 'seeded.json'), 'utf8'));
    expect(doc.scenario.seed).toBe(11);
    expect(doc.replication).toBe(3);
    const again = simulate(parseScenario(doc.scenario), { replication: doc.replication });
    expect(Array.from(again.series.capital)).toEqual(doc.series.capital);
    expect(doc.members[3].index).toBe(3);
  });

  it('says in words why a group dissolved', () => {
    writeFileSync(join(work, 'nogrant.json'), JSON.stringify({ intervention: { grant: { amount: 0 } } }));
    const r = kubeSim('run', 'nogrant.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dissolved in week \d+: capital used up/);
    expect(r.stdout).toMatch(/members left +10 of 10 when it ended/);
  });

  it('prints help and version', () => {
    expect(kubeSim('run', '--help').stdout).toContain('kube-sim run <scenario>');
    expect(kubeSim('--help').stdout).toContain('kube-sim run <scenario>');
    expect(kubeSim('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

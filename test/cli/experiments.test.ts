/**
 * The research commands end to end, as subprocesses through the package's bin: ensemble, compare,
 * sweep (with shards, merge, and interrupted-then-resumed runs), sensitivity, schema, and the
 * refusals of bad input. Expected numbers come from simulate() in this process, not from fixtures.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDesign } from '../../src/cli/design-flags.ts';
import { PairedComparison } from '../../src/experiment/compare.ts';
import { sobolIndices } from '../../src/experiment/sensitivity.ts';
import { outcomeName } from '../../src/experiment/outcome-names.ts';
import { F, RUN_FIELD_KEYS, writeRunRow } from '../../src/experiment/outcomes.ts';
import { loadScenario } from '../../src/io/scenario-file.ts';
import { DISSOLUTION_CAUSE_TEXT, parameterTable, parseScenario, simulate, STATUS_NAMES, type DissolutionCause } from '../../src/index.ts';
import { bin, runKubeSim, scratchFolder, type Result } from './kube-sim.ts';

const work = scratchFolder('kube-sim-exp-');
const kubeSim = (args: string[], cwd = work): Result => runKubeSim(args, cwd);

function kubeSimAsync(args: string[], cwd = work): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Start kube-sim; `whenReady` is polled every 10 ms and, once true, the child gets `signal`. */
function kubeSimKilled(args: string[], whenReady: (stderr: string) => boolean, signal: NodeJS.Signals): Promise<Result & { killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (!killed && whenReady(stderr)) {
        killed = true;
        child.kill(signal);
      }
    }, 10);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stdout, stderr, killed });
    });
  });
}

const read = (f: string) => readFileSync(join(work, f), 'utf8');
const lines = (f: string) => (existsSync(join(work, f)) ? read(f).split('\n').length - 1 : 0);
const parseCsv = (text: string) => {
  const [head, ...rows] = text.trimEnd().split('\n');
  const cols = head.split(',');
  return { cols, rows: rows.map((r) => r.split(',')), col: (name: string) => cols.indexOf(name) };
};

const defaultScenario = loadScenario('default').scenario;

describe('kube-sim ensemble', () => {
  const HEADLINE = ['survivalRate', 'memberIncomeMonthly', 'activeMembersFinal', 'capitalFinal', 'exitsPerMember', 'misuseCommitted', 'misuseDetected', 'costPerSurvivingGroup'];

  it('--json has the documented outcomes, each a mean inside its interval, equal to a loop of simulate(); --runs writes one row per replication and a manifest', () => {
    const reps = 60;
    const r = kubeSim(['ensemble', 'default', '--reps', String(reps), '--seed', '4', '--workers', '0', '--json', '--runs', 'runs.csv']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    for (const key of HEADLINE) {
      const e = doc.outcomes[key];
      expect(e, key).not.toBeNull();
      expect(typeof e.mean, key).toBe('number');
      expect(e.ci).toHaveLength(2);
      expect(e.ci[0], key).toBeLessThanOrEqual(e.mean);
      expect(e.ci[1], key).toBeGreaterThanOrEqual(e.mean);
    }
    expect(doc.outcomes.survivalRate.ci[0]).toBeGreaterThanOrEqual(0);
    expect(doc.outcomes.survivalRate.ci[1]).toBeLessThanOrEqual(1);
    expect(doc.replications).toBe(reps);
    expect(doc.seed).toBe(4);

    const runs = Array.from({ length: reps }, (_, i) => simulate(defaultScenario, { seed: 4, replication: i }));
    const mean = (f: (x: (typeof runs)[number]) => number) => runs.reduce((s, x) => s + f(x), 0) / reps;
    const survivors = runs.filter((x) => x.outcome.status === 'active').length;
    expect(doc.outcomes.survivalRate.mean).toBe(survivors / reps);
    expect(doc.outcomes.memberIncomeMonthly.mean).toBeCloseTo(mean((x) => x.outcome.incomePerMemberMonthly), 4);
    expect(doc.outcomes.capitalFinal.mean).toBeCloseTo(mean((x) => x.outcome.capital), 2);
    expect(doc.outcomes.activeMembersFinal.mean).toBeCloseTo(mean((x) => x.outcome.activeMembers), 10);
    expect(doc.outcomes.costPerSurvivingGroup.mean).toBeCloseTo((mean((x) => x.outcome.interventionCost) * reps) / survivors, 2);
    expect(doc.survivalCurve.surviving).toHaveLength(defaultScenario.horizonWeeks);

    const csv = parseCsv(read('runs.csv'));
    expect(csv.cols).toEqual(['replication', 'seed', ...RUN_FIELD_KEYS]);
    expect(csv.rows).toHaveLength(reps);
    csv.rows.forEach((row, i) => {
      expect(row[csv.col('replication')]).toBe(String(i));
      expect(row[csv.col('status')]).toBe(runs[i].outcome.status);
      expect(Number(row[csv.col('capitalFinal')])).toBe(runs[i].outcome.capital);
    });
    const manifest = JSON.parse(read('runs.csv.json'));
    expect(manifest).toMatchObject({ seed: 4, replications: reps, columns: csv.cols });
    expect(manifest.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(work).filter((f) => f.includes('runs.csv')).sort()).toEqual(['runs.csv', 'runs.csv.json']);
  });

  it('--workers 1 and --workers 2 give identical outcomes, survival curve and bands', () => {
    const args = ['ensemble', 'default', '--reps', '80', '--seed', '9', '--json'];
    const one = kubeSim([...args, '--workers', '1', '--out', 'one.json']);
    const two = kubeSim([...args, '--workers', '2', '--out', 'two.json']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const strip = ({ command: _c, startedAt: _s, finishedAt: _f, ...rest }: Record<string, unknown>) => rest;
    expect(strip(JSON.parse(two.stdout))).toEqual(strip(JSON.parse(one.stdout)));
    const a = JSON.parse(read('one.json'));
    const b = JSON.parse(read('two.json'));
    expect(a.bands.length).toBeGreaterThan(0);
    expect(strip(b)).toEqual(strip(a));
  });
});

describe('kube-sim ensemble, the table', () => {
  it('names the causes of dissolution in words, with the count of runs from the JSON', () => {
    const args = ['ensemble', 'tulip', '--reps', '60', '--seed', '2', '--workers', '0'];
    const text = kubeSim(args);
    expect(text.code, text.stderr).toBe(0);
    const causes = JSON.parse(kubeSim([...args, '--json']).stdout).causes as Record<string, number>;
    const found = Object.entries(causes).filter(([, n]) => n > 0);
    expect(found.length).toBeGreaterThan(0);
    const line = text.stdout.split('\n').find((l) => l.includes('why groups dissolved:'))!;
    for (const [cause, n] of found) expect(line).toContain(`${DISSOLUTION_CAUSE_TEXT[cause as DissolutionCause].en} (${n} run`);
    expect(text.stdout).not.toMatch(/\b(capitalSplit|capitalGone|tooFewMembers|stagnation)\b/);
    expect(text.stdout).not.toMatch(/Rp \d{1,3}\.\d{3}/);
  });
});

describe('kube-sim ensemble, interrupted', () => {
  it('SIGINT: exit 130, says nothing was written, and leaves no file', async () => {
    const dir = join(work, 'ens-int');
    mkdirSync(dir);
    const r = await kubeSimKilled(['ensemble', 'default', '--reps', '20000', '--workers', '0', '--runs', 'ens-int/runs.csv', '--out', 'ens-int/summary.json'], (err) => /ensemble: \d+\/20000 runs/.test(err), 'SIGINT');
    expect(r.killed).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('kube-sim: interrupted; nothing was written');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('kube-sim compare', () => {
  beforeAll(() => {
    writeFileSync(join(work, 'none.json'), JSON.stringify({ horizonWeeks: 104, intervention: { mentoring: { visitsPerMonth: 0 } } }));
    writeFileSync(join(work, 'four.json'), JSON.stringify({ horizonWeeks: 104, intervention: { mentoring: { visitsPerMonth: 4 } } }));
  });

  it('--json: each difference equals a paired comparison of simulate() runs, pairs intact', () => {
    const reps = 70;
    const r = kubeSim(['compare', 'none.json', 'four.json', '--reps', String(reps), '--seed', '2', '--workers', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const a = parseScenario(JSON.parse(read('none.json')));
    const b = parseScenario(JSON.parse(read('four.json')));
    const rows = new Float64Array(2 * reps * F);
    for (let i = 0; i < reps; i++) {
      writeRunRow(simulate(a, { seed: 2, replication: i }), rows, 2 * i * F);
      writeRunRow(simulate(b, { seed: 2, replication: i }), rows, (2 * i + 1) * F);
    }
    const cmp = new PairedComparison(a, b);
    cmp.add(rows);
    const expected = cmp.summary(2);
    expect(Object.keys(doc.differences).sort()).toEqual(expected.differences.map((d) => d.key).sort());
    for (const d of expected.differences) {
      const got = doc.differences[d.key];
      expect(got.diff.mean, d.key).toBe(d.diff.mean);
      expect(got.diff.ci, d.key).toEqual(d.diff.ci);
      expect(got.pBetter, d.key).toBe(d.pBetter);
      expect(got.better).toBe(d.better === 1 ? 'higher' : 'lower');
    }
    expect(doc.differences.survived.diff.mean).toBeGreaterThan(0);
  });

  it('prints a table with a row per outcome and P(B better)', () => {
    const r = kubeSim(['compare', 'none.json', 'four.json', '--reps', '30', '--workers', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^30 paired replications, seed \d+/);
    expect(r.stdout).toContain('P(B better)');
    // Rows are named in words (the JSON keeps the keys), one per difference of the JSON.
    const json = JSON.parse(kubeSim(['compare', 'none.json', 'four.json', '--reps', '30', '--workers', '0', '--json']).stdout);
    const rows = r.stdout.split('\n').slice(2).filter((l) => l.trim());
    expect(rows).toHaveLength(Object.keys(json.differences).length);
    for (const key of Object.keys(json.differences)) {
      expect(rows.some((l) => l.trimStart().startsWith(`${outcomeName(key)}  `)), key).toBe(true);
    }
    expect(r.stdout).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/); // no camelCase key anywhere
    for (const name of ['still active at the end', 'income per member per month', 'business profit per member per month', 'capital at the end', 'members who left, per member']) expect(r.stdout).toContain(name);
    // The survival difference is in percentage points, the JSON's difference × 100.
    const survival = rows.find((l) => l.trimStart().startsWith('still active at the end'))!;
    const d = json.differences.survived.diff;
    const pp = (x: number) => `${(100 * x).toFixed(1)} pp`;
    expect(survival).toContain(`${pp(d.mean)} [${pp(d.ci[0])}, ${pp(d.ci[1])}]`);
    // Rupiah grouped the English way.
    expect(r.stdout).toMatch(/Rp \d{1,3}(,\d{3})+\b/);
    expect(r.stdout).not.toMatch(/Rp \d{1,3}\.\d{3}/);
  });
});

describe('kube-sim sweep, shards, merge and resume', () => {
  const PATH = 'intervention.mentoring.visitsPerMonth';
  const POINTS = [0, 2, 4];
  // Big enough (about a second of work) that a kill lands while rows are being written.
  const REPS = 1000;
  const TOTAL = POINTS.length * REPS;
  const sweep = (out: string, ...more: string[]) => ['sweep', 'default', '--vary', `${PATH}=0:4:2`, '--reps', String(REPS), '--seed', '7', '--out', out, ...more];
  let reference = '';

  beforeAll(() => {
    const r = kubeSim(sweep('ref.csv', '--workers', '0'));
    expect(r.code, r.stderr).toBe(0);
    reference = read('ref.csv');
  });

  it('writes points × replications rows with the varied column, each row what simulate() gives', () => {
    const csv = parseCsv(reference);
    expect(csv.cols.slice(0, 5)).toEqual(['run', 'point', 'replication', 'seed', PATH]);
    expect(csv.cols.slice(5)).toEqual(RUN_FIELD_KEYS);
    expect(csv.rows).toHaveLength(TOTAL);
    csv.rows.forEach((row, j) => {
      expect(row[0]).toBe(String(j));
      expect(row[csv.col(PATH)]).toBe(String(POINTS[Math.floor(j / REPS)]));
      expect(row[csv.col('replication')]).toBe(String(j % REPS));
    });
    for (const j of [0, REPS + 257, TOTAL - 1]) {
      const sc = parseScenario({ ...defaultScenario, intervention: { ...defaultScenario.intervention, mentoring: { ...defaultScenario.intervention.mentoring, visitsPerMonth: POINTS[Math.floor(j / REPS)] } } });
      const run = simulate(sc, { seed: 7, replication: j % REPS });
      expect(csv.rows[j][csv.col('status')]).toBe(run.outcome.status);
      expect(Number(csv.rows[j][csv.col('capitalFinal')])).toBe(run.outcome.capital);
      expect(Number(csv.rows[j][csv.col('memberIncomeMonthly')])).toBe(run.outcome.incomePerMemberMonthly);
    }
    const manifest = JSON.parse(read('ref.csv.json'));
    expect(manifest).toMatchObject({ seed: 7, replications: REPS, runs: { total: TOTAL, from: 0, to: TOTAL } });
    expect(existsSync(join(work, 'ref.csv.partial'))).toBe(false);
    expect(existsSync(join(work, 'ref.csv.partial.json'))).toBe(false);
  });

  it('--shard 0/3, 1/3, 2/3 merged in shuffled order is byte-identical to the unsharded sweep', () => {
    for (const i of [0, 1, 2]) {
      const r = kubeSim(sweep(`s${i}.csv`, '--shard', `${i}/3`, '--workers', '0'));
      expect(r.code, r.stderr).toBe(0);
    }
    expect(lines('s0.csv') + lines('s1.csv') + lines('s2.csv') - 3).toBe(TOTAL);
    const r = kubeSim(['merge', 's2.csv', 's0.csv', 's1.csv', '--out', 'merged.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(read('merged.csv') === reference).toBe(true);
    expect(JSON.parse(read('merged.csv.json')).runs).toMatchObject({ total: TOTAL, from: 0, to: TOTAL });
  });

  it('merge refuses gaps, overlaps and shards of different sweeps, writing nothing', () => {
    // s0, s1 and s2 come from the test above; x1 is shard 1 of a sweep with another seed.
    const x = kubeSim(['sweep', 'default', '--vary', `${PATH}=0:4:2`, '--reps', String(REPS), '--seed', '8', '--out', 'x1.csv', '--shard', '1/3', '--workers', '0']);
    expect(x.code, x.stderr).toBe(0);
    const cases: [string[], RegExp][] = [
      [['s0.csv', 's2.csv'], /runs \d+–\d+ are missing/],
      [['s0.csv', 's1.csv'], /runs \d+–\d+ are missing/],
      [['s0.csv', 's1.csv', 's1.csv', 's2.csv'], /overlaps/],
      [['s0.csv', 'x1.csv', 's2.csv'], /different sweep/],
      [['s0.csv', 'd1.csv', 's2.csv'], /d1\.csv has \d+ rows; its manifest says \d+ .*damaged/],
    ];
    // d1 is shard 1 with its last row lost (and its manifest).
    writeFileSync(join(work, 'd1.csv'), read('s1.csv').replace(/[^\n]*\n$/, ''));
    writeFileSync(join(work, 'd1.csv.json'), read('s1.csv.json'));
    for (const [files, message] of cases) {
      const before = readdirSync(work).sort();
      const r = kubeSim(['merge', ...files, '--out', 'bad-merge.csv']);
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(work).sort()).toEqual(before);
    }
  });

  it('interrupted with SIGINT: exits 130 saying so, refuses a different sweep on the same --out, and resumes to the same file', async () => {
    const args = sweep('int.csv', '--workers', '1');
    const r = await kubeSimKilled(args, () => lines('int.csv.partial') >= 3, 'SIGINT');
    expect(r.killed).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    const m = /sweep: interrupted after (\d+) of 3000 runs; int\.csv\.partial keeps them\. Run the same command again to resume\./.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const kept = Number(m![1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(TOTAL);
    expect(lines('int.csv.partial')).toBe(kept + 1);
    expect(existsSync(join(work, 'int.csv'))).toBe(false);

    // Another sweep (other seed) into the same --out is refused and the partial file is untouched.
    const partialBefore = read('int.csv.partial');
    const other = kubeSim(['sweep', 'default', '--vary', `${PATH}=0:4:2`, '--reps', String(REPS), '--seed', '99', '--out', 'int.csv', '--workers', '0']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/int\.csv\.partial holds an unfinished different sweep/);
    expect(read('int.csv.partial')).toBe(partialBefore);
    expect(existsSync(join(work, 'int.csv'))).toBe(false);

    const again = kubeSim(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`resuming int.csv after ${kept} of ${TOTAL} runs`);
    expect(read('int.csv') === reference).toBe(true);
    expect(readdirSync(work).filter((f) => f.startsWith('int.csv')).sort()).toEqual(['int.csv', 'int.csv.json']);
  });

  it('killed with SIGKILL mid-write: the torn last line is cut off and the resumed file is the same', async () => {
    const args = sweep('kill.csv', '--workers', '0');
    const r = await kubeSimKilled(args, () => lines('kill.csv.partial') >= 3, 'SIGKILL');
    expect(r.killed).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(join(work, 'kill.csv'))).toBe(false);
    const kept = lines('kill.csv.partial') - 1;
    expect(kept).toBeGreaterThan(0);
    // A write cut short by the kill: half a row, no line break.
    const next = reference.split('\n')[kept + 1];
    appendFileSync(join(work, 'kill.csv.partial'), next.slice(0, Math.floor(next.length / 2)));
    const again = kubeSim(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`resuming kill.csv after ${kept} of ${TOTAL} runs`);
    expect(read('kill.csv') === reference).toBe(true);
  });
});

describe('kube-sim sweep --per week, resumed', () => {
  it('a partial file ending inside a run is cut back to the last whole run, and the result is the same file', async () => {
    const H = 26;
    const args = (out: string, workers: string) => ['sweep', 'default', '--set', `horizonWeeks=${H}`, '--vary', 'intervention.mentoring.visitsPerMonth=0:4:2', '--reps', '20', '--per', 'week', '--seed', '3', '--workers', workers, '--out', out];
    const ref = kubeSim(args('weekly-ref.csv', '0'));
    expect(ref.code, ref.stderr).toBe(0);
    const reference = read('weekly-ref.csv');
    const refLines = reference.split('\n');
    expect(refLines.length - 2).toBe(60 * H);
    // Stop a run of the same command as soon as its partial file exists (its state file is what
    // a resume checks; the worker thread takes a while to start, so nothing is written yet), then
    // give the partial file 10 whole runs, half of the 11th and a torn line.
    const r = await kubeSimKilled(args('weekly.csv', '1'), () => existsSync(join(work, 'weekly.csv.partial')), 'SIGKILL');
    expect(r.killed).toBe(true);
    expect(existsSync(join(work, 'weekly.csv')), 'the sweep finished before it was killed').toBe(false);
    const kept = refLines.slice(0, 1 + 10 * H + H / 2).join('\n');
    writeFileSync(join(work, 'weekly.csv.partial'), `${kept}\n${refLines[1 + 10 * H + H / 2].slice(0, 20)}`);
    // The number of workers is not part of the sweep: resuming with another count is fine.
    const again = kubeSim(args('weekly.csv', '0'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming weekly.csv after 10 of 60 runs');
    expect(read('weekly.csv') === reference).toBe(true);
  });
});

describe('kube-sim sweep --per week, sharded; finished and locked sweeps', () => {
  const H = 26;
  const args = (out: string, ...more: string[]) => ['sweep', 'default', '--set', `horizonWeeks=${H}`, '--vary', 'intervention.mentoring.visitsPerMonth=0:4:2', '--reps', '7', '--per', 'week', '--seed', '4', '--workers', '0', '--out', out, ...more];

  it('weekly shards merge into the same bytes as the unsharded weekly sweep', () => {
    expect(kubeSim(args('wk-all.csv')).code).toBe(0);
    for (const i of [0, 1, 2]) expect(kubeSim(args(`wk-${i}.csv`, '--shard', `${i}/3`)).code).toBe(0);
    const r = kubeSim(['merge', 'wk-1.csv', 'wk-2.csv', 'wk-0.csv', '--out', 'wk-merged.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(read('wk-merged.csv') === read('wk-all.csv')).toBe(true);
    const m = JSON.parse(read('wk-merged.csv.json'));
    expect(m).toMatchObject({ per: 'week', rowsPerRun: H, runs: { total: 21, from: 0, to: 21 } });
    expect(m.sweepCommand).toContain('--shard');
  });

  it('a finished sweep run again does nothing and leaves the file as it was', () => {
    expect(kubeSim(args('wk-done.csv')).code).toBe(0);
    const before = read('wk-done.csv');
    const mtime = statSync(join(work, 'wk-done.csv')).mtimeMs;
    const again = kubeSim(args('wk-done.csv'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/wk-done\.csv is already complete/);
    expect(read('wk-done.csv') === before).toBe(true);
    expect(statSync(join(work, 'wk-done.csv')).mtimeMs).toBe(mtime);
  });

  it('a sweep file being written by a live process is refused; a lock left by a dead one is taken over', () => {
    writeFileSync(join(work, 'wk-busy.csv.partial.lock'), `${hostname()} ${process.pid}`);
    const busy = kubeSim(args('wk-busy.csv'));
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`another kube-sim \\(${hostname()} ${process.pid}\\) is writing`));
    expect(existsSync(join(work, 'wk-busy.csv'))).toBe(false);
    // A pid that cannot be running (above Linux's pid_max) on this host: a stale lock.
    writeFileSync(join(work, 'wk-busy.csv.partial.lock'), `${hostname()} 99999999`);
    const taken = kubeSim(args('wk-busy.csv'));
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(join(work, 'wk-busy.csv.partial.lock'))).toBe(false);
  });
});

describe('kube-sim sweep with sampled designs, and Sobol sensitivity', () => {
  const base = ['--set', 'horizonWeeks=52', '--reps', '2', '--workers', '0', '--seed', '3'];
  const factors = ['--vary', 'intervention.mentoring.visitsPerMonth=0:8', '--vary', 'group.size=5:20'];

  it.each([
    ['lhs', 12, 12],
    ['morris', 4, 4 * 3],
    ['sobol', 8, 8 * 4],
  ])('--design %s --samples %i: the design points × replications, values inside each range, the same file twice', (design, samples, points) => {
    const args = (out: string) => ['sweep', 'default', '--design', design, '--samples', String(samples), ...factors, ...base, '--out', out];
    const r = kubeSim(args(`${design}-a.csv`));
    expect(r.code, r.stderr).toBe(0);
    const csv = parseCsv(read(`${design}-a.csv`));
    expect(csv.rows).toHaveLength(points * 2);
    const visits = csv.rows.map((row) => Number(row[csv.col('intervention.mentoring.visitsPerMonth')]));
    const size = csv.rows.map((row) => Number(row[csv.col('group.size')]));
    expect(Math.min(...visits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...visits)).toBeLessThanOrEqual(8);
    expect(size.every((x) => Number.isInteger(x) && x >= 5 && x <= 20)).toBe(true);
    expect(new Set(visits).size).toBeGreaterThan(1);
    expect(JSON.parse(read(`${design}-a.csv.json`)).design).toMatchObject({ kind: design, samples, points });
    expect(kubeSim(args(`${design}-b.csv`)).code).toBe(0);
    expect(read(`${design}-b.csv`) === read(`${design}-a.csv`)).toBe(true);
  });

  it('sensitivity --method sobol --json gives first-order and total indices with intervals for each factor and outcome', () => {
    const r = kubeSim(['sensitivity', 'default', '--method', 'sobol', '--samples', '16', ...factors, ...base, '--outcome', 'capitalFinal', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ method: 'sobol', samples: 16, points: 16 * 4, replications: 2 });
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0].outcome).toBe('capitalFinal');
    expect(doc.results[0].indices.map((x: { path: string }) => x.path)).toEqual(['intervention.mentoring.visitsPerMonth', 'group.size']);
    // The same numbers in this process: the sweep of the same design (its runs are checked above)
    // averaged per point, and sobolIndices on the design the flags build.
    expect(kubeSim(['sweep', 'default', '--design', 'sobol', '--samples', '16', ...factors, ...base, '--out', 'sobol-check.csv']).code).toBe(0);
    const csv = parseCsv(read('sobol-check.csv'));
    const design = buildDesign('sobol', [factors[1], factors[3]], 16, 3).design!;
    const y = new Float64Array(design.points.length);
    for (const row of csv.rows) y[Number(row[csv.col('point')])] += Number(row[csv.col('capitalFinal')]) / 2;
    const expected = sobolIndices(design, y, { seed: 3 });
    expect(doc.results[0].indices).toEqual(JSON.parse(JSON.stringify(expected)));
    for (const x of doc.results[0].indices) {
      for (const [v, ci] of [[x.first, x.firstCi], [x.total, x.totalCi]]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(ci[0]).toBeLessThanOrEqual(ci[1]);
      }
    }
    expect(Array.isArray(doc.results[0].notes)).toBe(true);
  });
});

describe('kube-sim sensitivity and schema', () => {
  it('sensitivity --method morris prints mu*, mu and sigma of each factor for each outcome', () => {
    const factors = ['intervention.mentoring.visitsPerMonth', 'intervention.grant.amount'];
    const r = kubeSim(['sensitivity', 'default', '--method', 'morris', '--vary', `${factors[0]}=0:8`, '--vary', `${factors[1]}=0:50000000`, '--samples', '4', '--reps', '3', '--workers', '0', '--set', 'horizonWeeks=52']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/morris, 12 points × 3 replications/);
    const outcomes = ['survived', 'memberIncomeMonthly', 'activeMembersFinal', 'capitalFinal'];
    for (const o of outcomes) expect(r.stdout).toMatch(new RegExp(`^${o} \\(`, 'm'));
    for (const f of factors) {
      const rows = r.stdout.split('\n').filter((l) => l.trimStart().startsWith(`${f} `));
      expect(rows, f).toHaveLength(outcomes.length);
    }
    expect(r.stdout).toMatch(/mu\*.*mu.*sigma/);
  });

  it('schema and schema --json list every parameter of parameterTable()', () => {
    const paths = parameterTable().map((p) => p.path);
    const json = kubeSim(['schema', '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.parameters.map((p: { path: string }) => p.path)).toEqual(paths);
    for (const p of doc.parameters) {
      expect(p.unit, p.path).toBeTruthy();
      expect(p.allowed, p.path).toBeTruthy();
      expect(p.meaning, p.path).toBeTruthy();
      expect(p).toHaveProperty('default');
    }
    const text = kubeSim(['schema']);
    expect(text.code).toBe(0);
    const listed = text.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(listed).toEqual(paths);
  });
});

describe('bad flags', () => {
  const cases: [string, string[], RegExp][] = [
    ['--reps 0', ['ensemble', 'default', '--reps', '0', '--runs', 'r.csv'], /--reps: got "0"; allowed: a whole number from 1 to 10000000/],
    ['--reps abc', ['ensemble', 'default', '--reps', 'abc', '--out', 's.json'], /--reps: got "abc"; allowed: a whole number from 1 to/],
    ['--workers -1', ['ensemble', 'default', '--reps', '5', '--workers', '-1', '--runs', 'r.csv'], /--workers: got "-1"; allowed: a whole number from 0 to 64/],
    ['--shard 3/3', ['sweep', 'default', '--vary', 'horizonWeeks=52:104:52', '--reps', '2', '--shard', '3/3', '--out', 'x.csv'], /--shard: got "3\/3"; allowed: I\/N with N from 1 to 100000 and I from 0 to N-1/],
    ['--vary with an unknown path', ['sweep', 'default', '--vary', 'group.sise=5:10:1', '--reps', '2', '--out', 'x.csv'], /--vary: "group.sise" is not a parameter; did you mean group.size\? \(kube-sim schema lists them\)/],
    ['--vary out of range', ['sweep', 'default', '--vary', 'intervention.mentoring.visitsPerMonth=0:12:2', '--reps', '2', '--out', 'x.csv'], /--vary intervention.mentoring.visitsPerMonth: to 12 is outside the parameter's range 0 to 8/],
    ['a design point that breaks a rule linking parameters', ['sweep', 'default', '--vary', 'group.size=5:10:5', '--set', 'group.minMembers=7', '--reps', '1', '--workers', '0', '--out', 'x.csv'], /--vary: design point 0 \(group.size=5\) is not a valid scenario:\n.*group.minMembers: must be at most the group size \(5\)/],
    ['a sampled design whose points break a rule linking parameters', ['sensitivity', 'default', '--method', 'morris', '--vary', 'group.size=5:8', '--set', 'group.minMembers=10', '--set', 'group.size=12', '--samples', '4', '--workers', '0'], /--vary: design point 0 \(group.size=\d+\) is not a valid scenario:\n.*group.minMembers: must be at most the group size/],
    ['--vary seed (every point shares the seed)', ['sweep', 'default', '--vary', 'seed=1:3:1', '--reps', '1', '--workers', '0', '--out', 'x.csv'], /--vary seed: the seed is not a design parameter/],
    ['--samples with a grid', ['sweep', 'default', '--vary', 'group.size=5:6:1', '--samples', '3', '--reps', '1', '--workers', '0', '--out', 'x.csv'], /--samples: a grid takes every FROM:TO:STEP value/],
    ['a flag without its value', ['ensemble', 'default', '--reps', '--seed', '3'], /ensemble: --reps needs a value: --reps N/],
    ['a --set without =', ['ensemble', 'default', '--reps', '2', '--set', 'group.size'], /--set: got "group.size"; allowed: PATH=VALUE, e.g. intervention.grant.amount=30000000/],
    ['a hexadecimal --set value', ['ensemble', 'default', '--reps', '2', '--set', 'group.size=0x10'], /group.size: got "0x10"; allowed: an integer from 5 to 30/],
    ['--vary members.roster (a list, not a number)', ['sweep', 'default', '--vary', 'members.roster=5:10:5', '--reps', '1', '--workers', '0', '--out', 'x.csv'], /--vary: members.roster is not a number/],
    ['--set with an unknown path', ['sweep', 'default', '--vary', 'horizonWeeks=52:104:52', '--set', 'unknown.path=1', '--reps', '2', '--out', 'x.csv'], /--set: invalid scenario\n\s+unknown.path: no such parameter/],
    ['--set with a misspelt path', ['sweep', 'default', '--vary', 'horizonWeeks=52:104:52', '--set', 'intervention.mentoring.visitPerMonth=2', '--reps', '2', '--out', 'x.csv'], /--set: invalid scenario\n\s+intervention.mentoring.visitPerMonth: no such parameter; did you mean intervention.mentoring.visitsPerMonth\?/],
    ['--set group.size=999', ['ensemble', 'default', '--set', 'group.size=999', '--reps', '2', '--runs', 'r.csv'], /--set: invalid scenario\n\s+group.size: got 999; allowed: an integer from 5 to 30/],
    ['--design foo', ['sweep', 'default', '--design', 'foo', '--vary', 'horizonWeeks=52:104', '--reps', '2', '--out', 'x.csv'], /--design: got "foo"; allowed: grid, lhs, morris, sobol/],
    ['--out into a missing folder (sweep)', ['sweep', 'default', '--vary', 'horizonWeeks=52:104:52', '--reps', '2', '--out', 'missing/dir/x.csv'], /--out: cannot write .*missing.*does not exist/],
    ['--out into a missing folder (ensemble)', ['ensemble', 'default', '--reps', '2', '--out', 'missing/dir/x.json'], /--out: cannot write .*missing.*does not exist/],
    ['--runs into a missing folder', ['ensemble', 'default', '--reps', '2', '--runs', 'missing/dir/r.csv'], /--runs: cannot write .*missing.*does not exist/],
    ['--method missing', ['sensitivity', 'default', '--vary', 'horizonWeeks=52:104'], /--method morris\|sobol is required/],
    ['--samples 0', ['sensitivity', 'default', '--method', 'morris', '--vary', 'horizonWeeks=52:104', '--samples', '0'], /--samples: got "0"; allowed: a whole number from 1/],
  ];

  // Each case in its own folder, a few at a time: they only start Node and refuse.
  it.concurrent.each(cases)('%s: exit 2, a message naming the flag, no file left', async (name, args, message) => {
    const dir = join(work, `bad-${name.replace(/\W+/g, '-')}`);
    mkdirSync(dir);
    const r = await kubeSimAsync(args, dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
});

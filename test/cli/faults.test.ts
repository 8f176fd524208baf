/**
 * The CLI under faults, as subprocesses: SIGINT and SIGTERM at any moment of ensemble, compare,
 * sensitivity and sweep; an output folder that is missing or not writable, or a disk that is
 * already full, refused before any run; a disk that fills up in the middle of writing. Whatever
 * happens, no file under its final name is ever truncated (it is absent, or the previous good one),
 * no temporary file is left, and an interrupted sweep resumes to the same bytes. Also: SIGINT in
 * the middle of a merge, a sweep's lock after process.exit or left under this very pid, and a
 * model that breaks an invariant under --check.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/index.ts';
import { seedsActiveAt } from '../trainer-seeds.ts';
import { bin, runKubeSim, scratchFolder, type Result } from './kube-sim.ts';

const work = scratchFolder('kube-sim-faults-');
const FULL_DISK = join(import.meta.dirname, 'fixtures/full-disk.mjs');
const FAULTY_WORKERS = join(import.meta.dirname, 'fixtures/faulty-workers.mjs');
const BROKEN_INVARIANT = join(import.meta.dirname, 'fixtures/broken-invariant.mjs');
const SWEEP_LOCK = join(import.meta.dirname, 'fixtures/sweep-lock.mjs');
const read = (f: string) => readFileSync(join(work, f), 'utf8');
const files = (dir: string) => readdirSync(join(work, dir)).sort();

/** kube-sim in `work`, preloaded with a disk under `work/dir` that holds only `bytes` more. */
function onFullDisk(dir: string, bytes: number, args: string[]): Promise<Result> {
  return preloaded(FULL_DISK, { FULL_DISK_DIR: join(work, dir), FULL_DISK_BYTES: String(bytes) }, args);
}

/** kube-sim in `work` whose first `count` worker threads carry `fault` (test/runner/fixtures). */
function withFaultyWorkers(fault: object, count: number | null, args: string[]): Promise<Result> {
  return preloaded(FAULTY_WORKERS, { FAULTY_WORKERS: JSON.stringify(fault), ...(count === null ? {} : { FAULTY_WORKERS_COUNT: String(count) }) }, args);
}

function preloaded(module: string, vars: Record<string, string>, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...vars };
    const child = spawn(process.execPath, ['--import', module, bin, ...args], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Start kube-sim; once `when(stderr)` holds (polled every 10 ms) it gets `signal`. */
function interrupted(args: string[], when: (stderr: string) => boolean, signal: NodeJS.Signals): Promise<Result & { sent: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (!sent && when(stderr)) {
        sent = true;
        child.kill(signal);
      }
    }, 10);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stdout, stderr, sent });
    });
  });
}

const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const started = (command: string) => (stderr: string) => new RegExp(`${command}: \\d+/\\d+ runs`).test(stderr);

describe('Ctrl-C and SIGTERM while the pool works', () => {
  const cases: [string, string[]][] = [
    ['ensemble', ['ensemble', 'default', '--reps', '20000', '--workers', '2', '--out', 'sig/summary.json', '--runs', 'sig/runs.csv']],
    ['compare', ['compare', 'default', 'tulip', '--reps', '20000', '--workers', '2', '--json']],
    ['sensitivity', ['sensitivity', 'default', '--method', 'morris', '--vary', 'group.size=5:20', '--vary', 'intervention.grant.amount=10000000:50000000', '--samples', '200', '--reps', '50', '--workers', '2']],
  ];
  let previous: Record<string, string> = {};
  beforeAll(() => {
    // A finished small ensemble in the same place: an interrupted run must leave it as it was.
    mkdirSync(join(work, 'sig'));
    const r = runKubeSim(['ensemble', 'default', '--reps', '20', '--workers', '0', '--out', 'sig/summary.json', '--runs', 'sig/runs.csv'], work);
    expect(r.code, r.stderr).toBe(0);
    previous = Object.fromEntries(files('sig').map((f) => [f, read(`sig/${f}`)]));
  });

  for (const [name, args] of cases) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${name}, ${signal}: exit ${EXIT[signal]}, nothing written, earlier files intact, no temporary files`, async () => {
        const r = await interrupted(args, started(name), signal);
        expect(r.sent).toBe(true);
        expect(r.code, r.stderr).toBe(EXIT[signal]);
        expect(r.stderr).toContain(`kube-sim: interrupted; nothing was written (${signal}; run the command again to start over)`);
        expect(r.stdout).toBe('');
        expect(files('sig')).toEqual(Object.keys(previous).sort());
        for (const [f, text] of Object.entries(previous)) expect(read(`sig/${f}`) === text, f).toBe(true);
      }, 60_000);
    }
  }
});

describe('a sweep interrupted again and again, at any moment, by SIGINT, SIGTERM or SIGKILL', () => {
  const sweep = (out: string) => ['sweep', 'default', '--vary', 'intervention.mentoring.visitsPerMonth=0:4:2', '--reps', '400', '--seed', '3', '--workers', '2', '--out', out];
  let reference = '';
  beforeAll(() => {
    const r = runKubeSim(sweep('ref.csv'), work);
    expect(r.code, r.stderr).toBe(0);
    reference = read('ref.csv');
  }, 60_000);

  it('each stop leaves a .partial that is a prefix of whole rows of the finished file; the last run ends byte-identical', async () => {
    const rows = (text: string) => text.split('\n').length - 1;
    // When to strike: before the command has even loaded, as soon as the .partial exists, after
    // a few rows, and later; by each signal in turn.
    const moments: [NodeJS.Signals, (stderr: string) => boolean][] = [
      ['SIGTERM', () => true],
      ['SIGINT', () => existsSync(join(work, 'many.csv.partial'))],
      ['SIGTERM', started('sweep')],
      ['SIGKILL', () => existsSync(join(work, 'many.csv.partial')) && rows(read('many.csv.partial')) > 150],
      ['SIGINT', () => existsSync(join(work, 'many.csv.partial')) && rows(read('many.csv.partial')) > 500],
      ['SIGTERM', () => existsSync(join(work, 'many.csv.partial')) && rows(read('many.csv.partial')) > 900],
    ];
    let stops = 0;
    for (const [signal, when] of moments) {
      const r = await interrupted(sweep('many.csv'), when, signal);
      if (r.code === 0) break; // it finished first
      stops++;
      // Killed before its handlers were set (or by SIGKILL), or stopped by them with 130/143.
      if (r.code === null) expect(r.signal).toBe(signal);
      else expect(r.code, r.stderr).toBe(EXIT[signal as keyof typeof EXIT]);
      expect(existsSync(join(work, 'many.csv')), 'a stopped sweep is never under its final name').toBe(false);
      if (existsSync(join(work, 'many.csv.partial'))) {
        const partial = read('many.csv.partial');
        // Whole rows only, except that SIGKILL may cut the last one (resume cuts it off).
        const whole = signal === 'SIGKILL' ? partial.slice(0, partial.lastIndexOf('\n') + 1) : partial;
        expect(whole.endsWith('\n') || whole === '').toBe(true);
        expect(reference.startsWith(whole), `after ${signal}`).toBe(true);
      }
      expect(readdirSync(work).filter((f) => f.startsWith('.many.csv'))).toEqual([]);
    }
    expect(stops).toBeGreaterThanOrEqual(4);
    const last = runKubeSim(sweep('many.csv'), work);
    expect(last.code, last.stderr).toBe(0);
    expect(read('many.csv') === reference).toBe(true);
    expect(readdirSync(work).filter((f) => f.includes('many.csv')).sort()).toEqual(['many.csv', 'many.csv.json']);
  }, 180_000);
});

describe('an output that cannot be written is refused before any run', () => {
  const commands = (out: string): [string, string[]][] => [
    ['--out', ['run', 'default', '--out', `${out}/run.json`]],
    ['--out', ['ensemble', 'default', '--reps', '50', '--workers', '0', '--out', `${out}/summary.json`]],
    ['--runs', ['ensemble', 'default', '--reps', '50', '--workers', '0', '--runs', `${out}/runs.csv`]],
    ['--out', ['sweep', 'default', '--vary', 'group.size=5:10:5', '--reps', '5', '--workers', '0', '--out', `${out}/sweep.csv`]],
  ];
  const places: [string, string, RegExp][] = [
    ['a missing folder', 'no/such/folder', /the folder \S+no\/such\/folder does not exist/],
    ['a file taken for a folder', '/dev/full', /\/dev\/full is not a folder/],
    ['a folder without permission (even for root)', '/sys', /no permission to write in \/sys/],
  ];
  for (const [what, dir, message] of places) {
    it(`${what}: exit 2 naming the flag and the path`, () => {
      for (const [flag, args] of commands(dir)) {
        const r = runKubeSim(args, work);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^kube-sim: ${flag}: cannot write \\S+: `));
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/runs \(/);
        expect(r.stdout).toBe('');
      }
    }, 60_000);
  }

  it('a full disk: exit 1 saying so, before any run, leaving nothing', async () => {
    mkdirSync(join(work, 'full0'));
    for (const [flag, args] of commands('full0')) {
      const r = await onFullDisk('full0', 0, args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^kube-sim: ${flag}: cannot write \\S+: no space left on the device of \\S+full0 \\(ENOSPC\\); nothing was run`));
      expect(r.stderr).not.toMatch(/runs \(/);
      expect(files('full0')).toEqual([]);
    }
  }, 60_000);
});

describe('the disk fills up while writing', () => {
  beforeAll(() => {
    mkdirSync(join(work, 'fill'));
    const r = runKubeSim(['ensemble', 'default', '--reps', '20', '--workers', '0', '--out', 'fill/summary.json', '--runs', 'fill/runs.csv'], work);
    expect(r.code, r.stderr).toBe(0);
    const one = runKubeSim(['run', 'default', '--out', 'fill/run.json'], work);
    expect(one.code, one.stderr).toBe(0);
  });

  it('ensemble --runs, --out and run --out: exit 1 naming the file; the earlier files are intact and no temporary file is left', async () => {
    const before = Object.fromEntries(files('fill').map((f) => [f, read(`fill/${f}`)]));
    const cases: [string, string[]][] = [
      ['runs.csv', ['ensemble', 'default', '--reps', '3000', '--workers', '2', '--out', 'fill/summary.json', '--runs', 'fill/runs.csv']],
      ['summary.json', ['ensemble', 'default', '--reps', '300', '--workers', '2', '--out', 'fill/summary.json']],
      ['run.json', ['run', 'tulip', '--out', 'fill/run.json']],
    ];
    for (const [file, args] of cases) {
      const r = await onFullDisk('fill', 20_000, args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`kube-sim: cannot write \\S+fill/${file.replace('.', '\\.')}: ENOSPC: no space left on device`));
      expect(files('fill')).toEqual(Object.keys(before).sort());
      for (const [f, text] of Object.entries(before)) expect(read(`fill/${f}`) === text, f).toBe(true);
    }
  }, 120_000);

  it('sweep: exit 1; the .partial keeps only whole rows, the final name never appears, and with room again it resumes to the same bytes', async () => {
    mkdirSync(join(work, 'fs'));
    const args = ['sweep', 'default', '--vary', 'intervention.mentoring.visitsPerMonth=0:4:2', '--reps', '400', '--seed', '3', '--workers', '2', '--out', 'fs/sweep.csv'];
    const reference = runKubeSim([...args.slice(0, -1), 'fs-ref.csv'], work);
    expect(reference.code, reference.stderr).toBe(0);
    const whole = read('fs-ref.csv');
    const r = await onFullDisk('fs', 120_000, args);
    expect(r.code, r.stderr).toBe(1);
    // Told before the first run (the probe took 4 kB of the 120).
    expect(r.stderr.split('\n')[0]).toMatch(/^sweep: about 3\d\d kB to write and 11\d kB free in \S+fs: the sweep will stop when the disk is full, keeping its complete rows, and resume when run again once there is room$/);
    const m = /sweep: cannot write \S+sweep\.csv\.partial: ENOSPC: no space left on device, write\. It keeps the (\d+) complete runs of 1200; make room and run the same command again to resume\./.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const partial = read('fs/sweep.csv.partial');
    expect(partial.split('\n').length - 2).toBe(Number(m![1]));
    expect(partial.endsWith('\n')).toBe(true);
    expect(whole.startsWith(partial)).toBe(true);
    expect(files('fs')).toEqual(['sweep.csv.partial', 'sweep.csv.partial.json']);
    const again = runKubeSim(args, work);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`resuming fs/sweep.csv after ${m![1]} of 1200 runs`);
    expect(read('fs/sweep.csv') === whole).toBe(true);
    expect(files('fs')).toEqual(['sweep.csv', 'sweep.csv.json']);
  }, 120_000);
});

describe('a worker thread of the CLI dies', () => {
  const ensemble = ['ensemble', 'default', '--reps', '300', '--seed', '9', '--workers', '2', '--json'];
  const withoutTimes = (json: string) => {
    const { startedAt: _s, finishedAt: _f, ...rest } = JSON.parse(json);
    return rest;
  };

  it('once: the batch is run again on a fresh worker, said on stderr, and the output is that of a clean run', async () => {
    const clean = runKubeSim(ensemble, work);
    expect(clean.code, clean.stderr).toBe(0);
    // Both first workers carry the fault (whichever gets run 150 dies); their replacements are sound.
    const r = await withFaultyWorkers({ kind: 'exit', atRun: 150 }, 2, ensemble);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ensemble: runs (\d+)–(\d+) failed on a worker \(worker exited with code 3\); running them again on a fresh worker/);
    expect(withoutTimes(r.stdout)).toEqual(withoutTimes(clean.stdout));
  }, 60_000);

  it('twice: exit 1 naming the runs and the job; ensemble writes nothing, sweep keeps its complete rows and resumes to the same bytes', async () => {
    mkdirSync(join(work, 'crash'));
    const r = await withFaultyWorkers({ kind: 'uncaught', atRun: 150 }, null, ['ensemble', 'default', '--reps', '300', '--seed', '9', '--workers', '2', '--out', 'crash/summary.json', '--runs', 'crash/runs.csv']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/kube-sim: runs \d+–\d+ of job 1 \(1 scenario × 300 replications, seed 9\) failed twice \(the second time on a fresh worker\): worker crashed: injected uncaught error; nothing was written/);
    expect(files('crash')).toEqual([]);

    const args = ['sweep', 'default', '--vary', 'group.size=8:12:4', '--reps', '300', '--seed', '9', '--workers', '2', '--out', 'crash/sweep.csv'];
    const ref = runKubeSim([...args.slice(0, -1), 'crash-ref.csv'], work);
    expect(ref.code, ref.stderr).toBe(0);
    const s = await withFaultyWorkers({ kind: 'exit', atRun: 450 }, null, args);
    expect(s.code, s.stderr).toBe(1);
    const m = /sweep: runs \d+–\d+ of job 1 \(2 scenarios × 300 replications, seed 9\) failed twice .*\. crash\/sweep\.csv\.partial keeps the (\d+) complete runs of 600; run the same command again to resume\./.exec(s.stderr);
    expect(m, s.stderr).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(450);
    expect(read('crash/sweep.csv.partial').split('\n').length - 2).toBe(Number(m![1]));
    const again = runKubeSim(args, work);
    expect(again.code, again.stderr).toBe(0);
    expect(read('crash/sweep.csv') === read('crash-ref.csv')).toBe(true);
  }, 120_000);
});

describe('a model that breaks an invariant, under --check', () => {
  // The preload sets member 0's pay this week to -8.8e-11 at the end of week 27 of every run.
  const line = (command: string, runs = '') =>
    `kube-sim: ${command}: the model broke an invariant (a bug in kube-sim: please report it with this command): week 26: paidThisWeek[0] = -8.8e-11: not a finite number ≥ 0${runs}; nothing was written`;
  const broken = (args: string[]) => preloaded(BROKEN_INVARIANT, {}, args);
  const notACrash = (r: Result) => {
    expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at |worker crashed|failed twice/);
    expect(r.stdout).toBe('');
  };

  it('run --check: exit 1 with the invariant in one line, no stack trace, nothing written', async () => {
    mkdirSync(join(work, 'inv'));
    // A group still at work in week 27, when the preload breaks the invariant (some default groups
    // divide their grant in the first weeks, and which seeds do depends on the calibrated worlds).
    const [seed] = seedsActiveAt(loadScenario('default').scenario, 27, 1);
    const r = await broken(['run', 'default', '--seed', String(seed), '--check', '--out', 'inv/run.json']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe(`${line('run')}\n`);
    notACrash(r);
    expect(files('inv')).toEqual([]);
  }, 60_000);

  for (const workers of ['2', '0']) {
    it(`ensemble --check --workers ${workers}: the invariant (from a worker thread${workers === '0' ? ', here this one' : ''}), not a worker crash; exit 1, nothing written`, async () => {
      mkdirSync(join(work, `inv${workers}`));
      const r = await broken(['ensemble', 'default', '--reps', '40', '--workers', workers, '--check', '--out', `inv${workers}/summary.json`, '--runs', `inv${workers}/runs.csv`]);
      expect(r.code, r.stderr).toBe(1);
      const last = r.stderr.trimEnd().split('\n').at(-1)!;
      // The batch that broke is one of the first (every run breaks at week 27).
      const runs = / \(in one of runs \d+–\d+\)(?=; nothing was written$)/.exec(last)?.[0];
      expect(last).toBe(line('ensemble', runs));
      notACrash(r);
      expect(files(`inv${workers}`)).toEqual([]);
    }, 60_000);
  }

  it('without --check the same broken model runs to the end (only --check sees it)', async () => {
    const r = await broken(['run', 'default']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Default KUBE: seed 1, replication 0/);
  }, 60_000);

  it('a sound model: --check exits 0 with the same output, bit for bit, as without it', () => {
    mkdirSync(join(work, 'sound'));
    for (const check of [[], ['--check']]) {
      const tag = check.length ? 'checked' : 'plain';
      const one = runKubeSim(['run', 'tulip', '--seed', '5', '--out', `sound/run-${tag}.csv`, ...check], work);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).toBe('');
      writeFileSync(join(work, `sound/run-${tag}.out`), one.stdout.replace(`run-${tag}.csv`, 'X'));
      const many = runKubeSim(['ensemble', 'default', '--reps', '60', '--seed', '4', '--workers', '2', '--runs', `sound/runs-${tag}.csv`, ...check], work);
      expect(many.code, many.stderr).toBe(0);
      writeFileSync(join(work, `sound/ensemble-${tag}.out`), many.stdout);
    }
    for (const f of ['run-%.csv', 'run-%.out', 'runs-%.csv', 'ensemble-%.out']) {
      expect(read(`sound/${f.replace('%', 'checked')}`) === read(`sound/${f.replace('%', 'plain')}`), f).toBe(true);
    }
  }, 120_000);
});

describe('merge stopped by SIGINT in the middle of a shard', () => {
  it('exit 130; the temporary file is removed and the previous merged file is intact', async () => {
    mkdirSync(join(work, 'mg'));
    // Two shards of a 2-run... sweep, as merge sees them: a file, and a shard still being read
    // (a named pipe that the test feeds), so the signal surely comes in the middle of the copy.
    const runs = 200_000;
    const half = runs / 2;
    const row = (j: number) => `${j},0,${j},1,0.5,active\n`;
    const header = 'run,point,replication,seed,x,status\n';
    const shard = (from: number, to: number) => ({ sweepId: 'test', columns: ['run', 'point', 'replication', 'seed', 'x', 'status'], runs: { total: runs, from, to, shard: `${from / half}/2` } });
    let first = header;
    for (let j = 0; j < half; j++) first += row(j);
    writeFileSync(join(work, 'mg/s0.csv'), first);
    writeFileSync(join(work, 'mg/s0.csv.json'), JSON.stringify(shard(0, half)));
    writeFileSync(join(work, 'mg/s1.csv.json'), JSON.stringify(shard(half, runs)));
    const fifo = spawnSync('mkfifo', [join(work, 'mg/s1.csv')]);
    expect(fifo.status, String(fifo.stderr)).toBe(0);
    writeFileSync(join(work, 'mg/all.csv'), 'the previous merge\n');
    writeFileSync(join(work, 'mg/all.csv.json'), '{"previous":true}\n');

    const child = spawn(process.execPath, [bin, 'merge', 'mg/s0.csv', 'mg/s1.csv', '--out', 'mg/all.csv'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Opening the pipe waits for merge to open it: by then it has copied the first shard.
    const feed = createWriteStream(join(work, 'mg/s1.csv'));
    feed.on('error', () => {}); // merge stops reading: EPIPE
    await new Promise((resolve) => feed.once('open', resolve));
    const temp = () => readdirSync(join(work, 'mg')).filter((f) => f.endsWith('.tmp'));
    expect(temp()).toHaveLength(1);
    feed.write(`${header}${row(half)}`);
    child.kill('SIGINT');
    // More rows after the signal: the copy takes them, then sees the signal and stops.
    let j = half + 1;
    const more = () => {
      while (j < runs && feed.write(row(j))) j++;
    };
    feed.on('drain', more);
    more();
    const code = await done;
    feed.destroy();
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('kube-sim: interrupted; nothing was written (SIGINT; run the command again to start over)');
    expect(stdout).toBe('');
    expect(j, 'merge stopped before the shard ended').toBeLessThan(runs);
    expect(temp()).toEqual([]);
    expect(read('mg/all.csv')).toBe('the previous merge\n');
    expect(read('mg/all.csv.json')).toBe('{"previous":true}\n');
  }, 60_000);
});

describe("a sweep's lock", () => {
  const args = (out: string) => ['sweep', 'default', '--vary', 'group.size=8:12:4', '--reps', '30', '--seed', '2', '--workers', '2', '--out', out];

  it('is removed when a second Ctrl-C ends the process at once; the sweep resumes', async () => {
    mkdirSync(join(work, 'lk'));
    const r = await preloaded(SWEEP_LOCK, { EXIT_WHEN_LOCKED: '1' }, args('lk/s.csv'));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('kube-sim: SIGINT again: stopping at once');
    expect(files('lk')).toEqual(['s.csv.partial', 's.csv.partial.json']);
    const again = runKubeSim(args('lk/s.csv'), work);
    expect(again.code, again.stderr).toBe(0);
    expect(files('lk')).toEqual(['s.csv', 's.csv.json']);
  }, 60_000);

  it('naming this very process on this host (a restarted container: same host name, same pid) is stale: taken over', async () => {
    mkdirSync(join(work, 'lk2'));
    const r = await preloaded(SWEEP_LOCK, { LOCK_BEFORE: join(work, 'lk2/s.csv.partial.lock') }, args('lk2/s.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('another kube-sim');
    expect(files('lk2')).toEqual(['s.csv', 's.csv.json']);
  }, 60_000);
});

/**
 * compare, ensemble and discover across worlds, end to end through the package's bin: the same
 * numbers with 1 and 2 workers, sharded and joined, interrupted and resumed; the refusals of
 * flags that do not fit. Expected numbers come from the unsharded run, not from fixtures.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, runKubeSim, scratchFolder, type Result } from './kube-sim.ts';
import { loadWorlds } from '../../src/cli/worlds.ts';

/** The calibrated worlds the committed file holds (every one is used). */
const W = loadWorlds().worlds.length;

const work = scratchFolder('kube-sim-worlds-');
const kubeSim = (args: string[]): Result => runKubeSim(args, work);
const json = (r: Result) => {
  expect(r.stderr.includes('unexpected failure')).toBe(false);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('compare --worlds', () => {
  it('gives the share of worlds with its interval, the same bits with 1 and 2 workers (every calibrated world × 100 pairs)', () => {
    const args = ['compare', 'mentoring-organising', 'mentoring-entrepreneurship', '--worlds', String(W), '--reps', '100', '--json'];
    const one = json(kubeSim([...args, '--workers', '1']));
    const two = json(kubeSim([...args, '--workers', '2']));
    expect(JSON.stringify(two.worlds)).toBe(JSON.stringify(one.worlds));
    const s = one.worlds.shares.survived;
    expect(one.worlds.count).toBe(W);
    expect(s.worlds).toBe(W);
    // The luck interval is of a whole number of worlds: the share (a mean) lies within it, or
    // within one world of it when nearly every world is sure (the mean of a count that is 0 in
    // more than 97.5% of draws is a little above 0).
    expect(s.luck[0]).toBeLessThanOrEqual(s.luck[1]);
    expect(s.share).toBeGreaterThanOrEqual(s.luck[0] - 1 / W);
    expect(s.share).toBeLessThanOrEqual(s.luck[1] + 1 / W);
    expect(s.perWorld).toHaveLength(W);
    // Sorted from B's worst world to its best, each with its luck interval around its difference.
    for (let i = 1; i < W; i++) expect(s.perWorld[i].mean).toBeGreaterThanOrEqual(s.perWorld[i - 1].mean);
    for (const w of s.perWorld) expect(w.ci[0] <= w.mean && w.mean <= w.ci[1]).toBe(true);
    // Regret: never negative; in each world one package has none.
    for (const side of ['a', 'b']) for (const r of Object.values(one.worlds[side].regret) as { median: number; max: number }[]) expect(r.max).toBeGreaterThanOrEqual(0);
    const ra = one.worlds.a.regret.survived;
    const rb = one.worlds.b.regret.survived;
    expect(ra.bestIn + rb.bestIn).toBeCloseTo(1, 12);
    expect(Object.keys(one.worlds)).toEqual(['count', 'source', 'file', 'shares', 'a', 'b']);
  }, 120_000);

  it('runs in worlds drawn over the priors when asked, and refuses more calibrated worlds than the file holds', () => {
    const prior = json(kubeSim(['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', '30', '--worlds-from', 'prior', '--reps', '5', '--json', '--workers', '1']));
    expect(prior.worlds.source).toBe('prior');
    expect(prior.worlds.file).toBeNull();
    expect(prior.worlds.shares.survived.worlds).toBe(30);
    const r = kubeSim(['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', String(W + 1), '--reps', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--worlds: got ${W + 1}; allowed: a whole number from 1 to ${W} with --worlds-from calibrated .*--worlds-from prior`));
  }, 120_000);

  it('refuses worlds flags that do not fit, naming them', () => {
    const base = ['compare', 'meetings-monthly', 'meetings-weekly', '--reps', '5'];
    const cases: [string[], RegExp][] = [
      [['--worlds', '0'], /--worlds: got "0"; allowed: a whole number from 1 to 10000/],
      [['--worlds', '3', '--worlds-from', 'wide'], /--worlds-from: got "wide"; allowed: calibrated .* or prior/],
      [['--worlds', '3', '--world', '2'], /--world K runs one world and --worlds W runs W of them/],
      [['--worlds', '3', '--shard', '0/2'], /--shard I\/N needs --out FILE.jsonl/],
      [['--worlds', '3', '--out', 'x.csv'], /--out: got "x.csv"; allowed: a path ending in .jsonl/],
      [['--worlds-from', 'prior'], /--worlds-from goes with --worlds W/],
      [['--worlds', '3', '--join', 'a.jsonl', '--out', 'b.jsonl'], /--join reads finished results; it takes no --out or --shard/],
    ];
    for (const [extra, message] of cases) {
      const r = kubeSim([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('writes shards that --join summarises to the same numbers as one run; a missing shard is named', () => {
    const args = ['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', '7', '--reps', '8', '--workers', '1'];
    const whole = json(kubeSim([...args, '--json']));
    for (const i of [0, 1, 2]) {
      const r = kubeSim([...args, '--out', `s${i}.jsonl`, '--shard', `${i}/3`]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${i}/3`));
      expect(existsSync(join(work, `s${i}.jsonl.json`))).toBe(true);
    }
    const joined = json(kubeSim([...args, '--json', '--join', 's0.jsonl', '--join', 's1.jsonl', '--join', 's2.jsonl']));
    expect(JSON.stringify(joined.worlds)).toBe(JSON.stringify(whole.worlds));
    // discover reads the same files: the same packages, worlds, seed and replications.
    const disc = json(kubeSim(['discover', ...args.slice(1), '--json', '--join', 's0.jsonl', '--join', 's1.jsonl', '--join', 's2.jsonl']));
    expect(disc.discovery.worlds).toBe(7);
    expect(disc.discovery.cases).toBe(whole.worlds.shares.survived.perWorld.filter((w: { mean: number }) => w.mean <= 0).length);
    const missing = kubeSim([...args, '--join', 's0.jsonl', '--join', 's2.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--join: worlds 2, 3 are in none of the files/);
    const other = kubeSim(['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', '7', '--reps', '9', '--join', 's0.jsonl']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/is the results of another experiment/);
  }, 120_000);

  it('resumes an interrupted run after its last whole world and ends with the same file', () => {
    const args = ['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', '6', '--reps', '40', '--workers', '1'];
    expect(kubeSim([...args, '--out', 'full.jsonl']).code).toBe(0);
    const full = readFileSync(join(work, 'full.jsonl'), 'utf8');
    const lines = full.split('\n');
    // What an interruption leaves: the header, two whole worlds and half of a third, with its state file.
    writeFileSync(join(work, 'cut.jsonl.partial'), `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, 40)}`);
    const identity = JSON.parse(lines[0]).identity;
    writeFileSync(join(work, 'cut.jsonl.partial.json'), JSON.stringify({ identity }));
    const r = kubeSim([...args, '--out', 'cut.jsonl', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/resuming cut.jsonl after 2 of 6 worlds/);
    expect(readFileSync(join(work, 'cut.jsonl'), 'utf8')).toBe(full);
    expect(existsSync(join(work, 'cut.jsonl.partial'))).toBe(false);
    // A finished file of the same run is summarised, not run again.
    const again = kubeSim([...args, '--out', 'cut.jsonl']);
    expect(again.stderr).toMatch(/already holds these worlds' results/);
    // A partial file of another run is never overwritten.
    writeFileSync(join(work, 'other.jsonl.partial'), `${lines[0]}\n`);
    writeFileSync(join(work, 'other.jsonl.partial.json'), JSON.stringify({ identity: 'another' }));
    const refused = kubeSim([...args, '--out', 'other.jsonl']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds an unfinished different run/);
    expect(readFileSync(join(work, 'other.jsonl.partial'), 'utf8')).toBe(`${lines[0]}\n`);
  }, 120_000);

  it('stops on SIGINT keeping every whole world, and the same command resumes to the same file', async () => {
    // 400 pairs a world: chunks of 5 worlds (about 4000 runs), so a signal past half-way finds
    // the first chunk written.
    const args = ['compare', 'meetings-monthly', 'meetings-weekly', '--worlds', '12', '--reps', '400', '--workers', '1'];
    expect(kubeSim([...args, '--out', 'ref.jsonl']).code).toBe(0);
    const stopped = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args, '--out', 'int.jsonl'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (d) => {
        stderr += d;
        if (!sent && /compare: \d+\/9600 runs \([5-7]\d%\)/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
    });
    expect(stopped.code).toBe(130);
    expect(existsSync(join(work, 'int.jsonl'))).toBe(false);
    const partial = readFileSync(join(work, 'int.jsonl.partial'), 'utf8');
    const ref = readFileSync(join(work, 'ref.jsonl'), 'utf8');
    expect(ref.startsWith(partial)).toBe(true);
    expect(partial.split('\n').length - 2).toBeGreaterThanOrEqual(5); // the header and at least the first chunk's worlds
    const resumed = kubeSim([...args, '--out', 'int.jsonl']);
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(work, 'int.jsonl'), 'utf8')).toBe(ref);
  }, 120_000);
});

describe('ensemble --worlds', () => {
  it('spreads each outcome across worlds; the median lies in the 90% range', () => {
    const d = json(kubeSim(['ensemble', 'default', '--worlds', '10', '--reps', '10', '--json', '--workers', '1']));
    expect(Object.keys(d.worlds)).toEqual(['count', 'source', 'file', 'package']);
    const sp = d.worlds.package.spread.survived;
    expect(sp.worlds).toBe(10);
    expect(sp.range90[0] <= sp.median && sp.median <= sp.range90[1]).toBe(true);
    expect(sp.min <= sp.range90[0] && sp.range90[1] <= sp.max).toBe(true);
    // Sharded and joined, the same spread.
    for (const i of [0, 1]) expect(kubeSim(['ensemble', 'default', '--worlds', '10', '--reps', '10', '--workers', '1', '--out', `e${i}.jsonl`, '--shard', `${i}/2`]).code).toBe(0);
    const joined = json(kubeSim(['ensemble', 'default', '--worlds', '10', '--reps', '10', '--json', '--join', 'e0.jsonl', '--join', 'e1.jsonl']));
    expect(JSON.stringify(joined.worlds)).toBe(JSON.stringify(d.worlds));
    const r = kubeSim(['ensemble', 'default', '--worlds', '3', '--reps', '5', '--runs', 'r.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--runs goes with a single world/);
  }, 120_000);
});

describe('discover', () => {
  it('prints the boxes in English and Bahasa Indonesia, and their coverage, density and trajectory in --json', () => {
    const args = ['discover', 'meetings-monthly', 'meetings-weekly', '--worlds', '60', '--worlds-from', 'prior', '--reps', '20', '--workers', '1', '--out', 'disc.jsonl'];
    const d = json(kubeSim([...args, '--json']));
    const disc = d.discovery;
    expect(disc.worlds).toBe(60);
    expect(disc.cases).toBeGreaterThan(0);
    expect(disc.boxes.length).toBeGreaterThan(0);
    for (const b of disc.boxes) {
      // A rule, or (60 worlds are few) none that stands out: the text says which.
      expect(b.text.en).toMatch(/^B \(Weekly meetings\) fails to beat A \(Monthly meetings\) on still active at the end( when |: no condition| in every world)/);
      expect(b.text.id).toMatch(/^B \(Weekly meetings\) tidak mengungguli A \(Monthly meetings\) dalam masih aktif di akhir( bila |: tidak ada kondisi| di semua dunia)/);
      expect(b.rule.length > 0).toBe(/ when /.test(b.text.en));
      for (const r of b.rule) {
        expect(b.text.en).toContain(r.label.en);
        expect(b.text.id).toContain(r.label.id);
      }
      expect(b.coverage).toBeGreaterThan(0);
      expect(b.coverage).toBeLessThanOrEqual(1);
      expect(b.density).toBeGreaterThan(0);
      expect(b.density).toBeLessThanOrEqual(1);
      expect(b.trajectory[0]).toMatchObject({ mass: expect.any(Number), restricted: 0 });
    }
    // The text in Indonesian from the same results file, without running again.
    const id = kubeSim([...args, '--lang', 'id']);
    expect(id.code).toBe(0);
    expect(id.stdout).toMatch(/dunia termasuk kasus/);
    const bad = kubeSim(['discover', 'meetings-monthly', '--worlds', '5', '--reps', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/with one scenario, --below LEVEL is required/);
    const threshold = kubeSim([...args, '--threshold', '1.5']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold: got "1.5"; allowed: a number from 0 to 1/);
  }, 120_000);
});

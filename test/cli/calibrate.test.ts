/** `kube-sim calibrate` and `--world K` end to end, as a user runs them: subprocesses through the package's bin. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTargetFiles, loadWorlds } from '../../src/cli/worlds.ts';
import { CALIBRATION_TARGETS, drawResult, drawWorlds } from '../../src/experiment/calibrate.ts';
import { measureTargets } from '../../src/experiment/targets.ts';
import { CONSTANT_NAMES, CONSTANTS } from '../../src/model/index.ts';
import { bin, runKubeSim, scratchFolder } from './kube-sim.ts';

const work = scratchFolder('kube-sim-calibrate-');
const kubeSim = (...args: string[]) => runKubeSim(args, work);
// Small, so the test is quick; a loose tolerance so that some draws are accepted.
const SMALL = ['--draws', '6', '--reps', '10', '--confirm-reps', '0', '--seed', '5', '--tolerance', '10', '--workers', '1'];

describe('kube-sim calibrate', () => {
  it('writes the plausible worlds with a manifest, and the same flags give the same file byte for byte', () => {
    const a = kubeSim('calibrate', ...SMALL, '--out', 'a.json');
    expect(a.stderr.replace(/calibrate: \d+\/\d+ draws.*\n/g, '')).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^calibrate: \d+ of 6 draws accepted \(\d+\.\d%; \d+ passed the first stage\); central world \d+; wrote .*a\.json\n/);
    const bytes = readFileSync(join(work, 'a.json'));
    const b = kubeSim('calibrate', ...SMALL, '--out', 'a.json');
    expect(b.code).toBe(0);
    expect(readFileSync(join(work, 'a.json')).equals(bytes)).toBe(true);
    const file = JSON.parse(bytes.toString());
    expect(file.manifest).toMatchObject({ command: 'kube-sim calibrate --draws 6 --reps 10 --confirm-reps 0 --seed 5 --tolerance 10 --out a.json', seed: 5, draws: 6, replications: 10, tolerance: 10, confirmReplications: 0 });
    expect(file.manifest.targets.map((t: { id: string }) => t.id)).toEqual(CALIBRATION_TARGETS.map((t) => t.id));
    expect(existsSync(join(work, 'a.json.partial'))).toBe(false);
  });

  it('resumes from OUT.partial and gives the same file as an uninterrupted run', () => {
    // The first three draws, as an interrupted run would have left them.
    const files = loadTargetFiles();
    const lines = drawWorlds(5, 0, 3).map((w, i) => JSON.stringify(drawResult(i, w, measureTargets(files, CALIBRATION_TARGETS, 10, 5, w))));
    writeFileSync(join(work, 'c.json.partial'), `${JSON.stringify({ kind: 'kube-sim-calibration', seed: 5, draws: 6, reps: 10 })}\n${lines.join('\n')}\n{"index":3,"const`);
    const c = kubeSim('calibrate', ...SMALL, '--out', 'c.json');
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(/resuming from .*c\.json\.partial: 3 of 6 draws already measured/);
    const uninterrupted = kubeSim('calibrate', ...SMALL, '--out', 'd.json');
    expect(uninterrupted.code).toBe(0);
    const strip = (t: string) => t.replace(/ --out [cd]\.json/, '');
    expect(strip(readFileSync(join(work, 'c.json'), 'utf8'))).toBe(strip(readFileSync(join(work, 'd.json'), 'utf8')));
  });

  it('extends a partial file of fewer draws (same seed and replications) to the same file as one run of them all', () => {
    const files = loadTargetFiles();
    const lines = drawWorlds(5, 0, 3).map((w, i) => JSON.stringify(drawResult(i, w, measureTargets(files, CALIBRATION_TARGETS, 10, 5, w))));
    // A finished calibration of 3 draws keeps no partial file; this one was stopped at its end.
    writeFileSync(join(work, 'x.json.partial'), `${JSON.stringify({ kind: 'kube-sim-calibration', seed: 5, draws: 3, reps: 10 })}\n${lines.join('\n')}\n`);
    const x = kubeSim('calibrate', ...SMALL, '--out', 'x.json');
    expect(x.code).toBe(0);
    expect(x.stderr).toMatch(/extending .*x\.json\.partial from 3 to 6 draws/);
    const whole = kubeSim('calibrate', ...SMALL, '--out', 'y.json');
    expect(whole.code).toBe(0);
    const strip = (t: string) => t.replace(/ --out [xy]\.json/, '');
    expect(strip(readFileSync(join(work, 'x.json'), 'utf8'))).toBe(strip(readFileSync(join(work, 'y.json'), 'utf8')));
    // More draws in the partial file than asked for is another calibration.
    writeFileSync(join(work, 'z.json.partial'), `${JSON.stringify({ kind: 'kube-sim-calibration', seed: 5, draws: 9, reps: 10 })}\n`);
    expect(kubeSim('calibrate', ...SMALL, '--out', 'z.json').stderr).toMatch(/z\.json\.partial belongs to another calibration .*at least as many --draws/);
  });

  it('refuses a partial file of another calibration, and bad flags, naming what is allowed', () => {
    writeFileSync(join(work, 'e.json.partial'), `${JSON.stringify({ kind: 'kube-sim-calibration', seed: 9, draws: 6, reps: 10 })}\n`);
    const e = kubeSim('calibrate', ...SMALL, '--out', 'e.json');
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/e\.json\.partial belongs to another calibration/);
    expect(kubeSim('calibrate', '--draws', '0').stderr).toMatch(/--draws: got "0"; allowed: a whole number from 1 to 1000000/);
    expect(kubeSim('calibrate', '--tolerance', 'x').stderr).toMatch(/--tolerance: got "x"; allowed: a number from 0 to 10/);
    expect(kubeSim('calibrate', '--out', 'w.txt').stderr).toMatch(/--out: got "w.txt"; allowed: a path ending in .json/);
    expect(kubeSim('calibrate', '--confirm-reps', '5').stderr).toMatch(/--confirm-reps: got "5"; allowed: 0 \(no confirmation stage\) or a whole number from 10 to 100000/);
  });
});

describe('kube-sim calibrate --chain-steps (ABC-MCMC chains from the first-stage passes)', () => {
  const CHAIN = [...SMALL, '--chain-steps', '6', '--thin', '2'];
  const strip = (t: string) => t.replace(/ --out \S+\.json/, '');
  const text = (name: string) => strip(readFileSync(join(work, name), 'utf8'));

  it('the same flags give the same file; its extra worlds are chain states within the priors, recorded once each, after the passes', () => {
    const a = kubeSim('calibrate', ...CHAIN, '--out', 'm.json');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^calibrate: \d+ worlds accepted \(\d+ of 6 draws, \d+ chain states; \d+ passed the first stage\); central world \d+; wrote .*m\.json\nchains: \d+ \(one per pass\) of 6 steps each, move rate \d+\.\d%, \d+ distinct states recorded\n/);
    const bytes = readFileSync(join(work, 'm.json'));
    expect(kubeSim('calibrate', ...CHAIN, '--out', 'm.json').code).toBe(0);
    expect(readFileSync(join(work, 'm.json')).equals(bytes)).toBe(true);
    expect(existsSync(join(work, 'm.json.partial'))).toBe(false);

    const file = loadWorlds(join(work, 'm.json'));
    const m = file.manifest;
    expect(m).toMatchObject({ command: 'kube-sim calibrate --draws 6 --reps 10 --confirm-reps 0 --seed 5 --tolerance 10 --chain-steps 6 --thin 2 --out m.json', chainSteps: 6, thin: 2, step: 0.5 });
    expect(m.method).toContain('ABC-MCMC');
    expect(m.moveRate).toBeGreaterThan(0);
    expect(m.moveRate).toBeLessThanOrEqual(1);
    // The passes first, in draw order, exactly as rejection alone keeps them; then the chain states.
    expect(kubeSim('calibrate', ...SMALL, '--out', 'r.json').code).toBe(0);
    const plain = loadWorlds(join(work, 'r.json')).worlds;
    expect(file.worlds.slice(0, plain.length).map(({ draw, constants }) => ({ draw, constants }))).toEqual(plain.map(({ draw, constants }) => ({ draw, constants })));
    const states = file.worlds.slice(plain.length);
    expect(states.length).toBeGreaterThan(0);
    expect(file.worlds.length).toBe(m.accepted);
    for (const w of states) {
      expect(w.step! % 2).toBe(0);
      expect(plain[w.chain!].draw).toBe(w.draw);
      for (const k of CONSTANT_NAMES) {
        expect(w.constants[k]).toBeGreaterThanOrEqual(CONSTANTS[k].low);
        expect(w.constants[k]).toBeLessThanOrEqual(CONSTANTS[k].high);
      }
    }
    expect(new Set(file.worlds.map((w) => JSON.stringify(w.constants))).size).toBe(file.worlds.length);
  });

  it('--chain-steps 0 is rejection alone: the same file as without the flag, whatever --thin and --step say', () => {
    expect(kubeSim('calibrate', ...SMALL, '--out', 'n.json').code).toBe(0);
    expect(kubeSim('calibrate', ...SMALL, '--chain-steps', '0', '--thin', '3', '--step', '2', '--out', 'o.json').code).toBe(0);
    expect(text('o.json')).toBe(text('n.json'));
    expect(JSON.parse(text('o.json')).manifest).not.toHaveProperty('chainSteps');
  });

  it('resumes mid-chain (a step cut short, a torn line) to the same file as an uninterrupted run', async () => {
    // A run stopped during its confirmation stage holds every chain step in its partial file; the
    // confirmation replications are not in the partial file's header, so it resumes with other ones.
    const child = spawn(process.execPath, [bin, 'calibrate', ...CHAIN, '--confirm-reps', '100000', '--out', 'p.json'], { cwd: work });
    await new Promise<void>((done) => {
      child.stderr.on('data', (b: Buffer) => {
        if (b.toString().includes('confirming')) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    const lines = readFileSync(join(work, 'p.json.partial'), 'utf8').split('\n').filter(Boolean);
    const chains = lines.filter((l) => l.startsWith('{"chain":'));
    const n = chains.filter((l) => JSON.parse(l).step === 1).length;
    expect(chains.length).toBe(6 * n);
    // Cut after two whole steps and one chain of the third, with a torn line after them.
    const keep = lines.length - chains.length + 2 * n + 1;
    writeFileSync(join(work, 'p.json.partial'), `${lines.slice(0, keep).join('\n')}\n{"chain":1,"st`);
    const p = kubeSim('calibrate', ...CHAIN, '--out', 'p.json');
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/resuming from .*p\.json\.partial: 6 of 6 draws already measured, \d+ chain states/);
    expect(p.stderr).toMatch(/\nchains: 3\/6 steps/);
    expect(kubeSim('calibrate', ...CHAIN, '--out', 'q.json').code).toBe(0);
    expect(text('p.json')).toBe(text('q.json'));
  });

  it('a finished rejection-only partial file gains chains, to the same file as one run with them', () => {
    const files = loadTargetFiles();
    const lines = drawWorlds(5, 0, 6).map((w, i) => JSON.stringify(drawResult(i, w, measureTargets(files, CALIBRATION_TARGETS, 10, 5, w))));
    writeFileSync(join(work, 's.json.partial'), `${JSON.stringify({ kind: 'kube-sim-calibration', seed: 5, draws: 6, reps: 10 })}\n${lines.join('\n')}\n`);
    const s = kubeSim('calibrate', ...CHAIN, '--out', 's.json');
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/resuming from .*s\.json\.partial: 6 of 6 draws already measured\n/);
    expect(kubeSim('calibrate', ...CHAIN, '--out', 't.json').code).toBe(0);
    expect(text('s.json')).toBe(text('t.json'));
  });

  it('refuses to resume chains with other chain settings, and bad chain flags, naming what is allowed', () => {
    const header = { kind: 'kube-sim-calibration', seed: 5, draws: 6, reps: 10, chain: { steps: 9, thin: 3, step: 0.5, tolerance: 10 } };
    writeFileSync(join(work, 'u.json.partial'), `${JSON.stringify(header)}\n{"chain":0,"step":1}\n`);
    const u = kubeSim('calibrate', ...CHAIN, '--out', 'u.json');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/u\.json\.partial already holds chain steps of 6 draws with --chain-steps 9 --thin 3 --step 0\.5 --tolerance 10; give those flags/);
    expect(kubeSim('calibrate', ...SMALL, '--out', 'u.json').stderr).toMatch(/already holds chain steps/);
    expect(kubeSim('calibrate', '--chain-steps', '-1').stderr).toMatch(/--chain-steps: got "-1"; allowed: a whole number from 0 to 100000/);
    expect(kubeSim('calibrate', '--thin', '0').stderr).toMatch(/--thin: got "0"; allowed: a whole number from 1 to 100000/);
    expect(kubeSim('calibrate', '--chain-steps', '4', '--thin', '5').stderr).toMatch(/--thin: got "5"; allowed: a whole number from 1 to --chain-steps \(4\)/);
    expect(kubeSim('calibrate', '--step', '0').stderr).toMatch(/--step: got "0"; allowed: a number above 0 and at most 10/);
    expect(kubeSim('calibrate', '--step', 'x').stderr).toMatch(/--step: got "x"; allowed: a number above 0 and at most 10/);
  });
});

describe('--world K', () => {
  // Read when the tests run, not when they are collected: a committed file awaiting recalibration
  // fails these tests only, not the file's others.
  let worlds: ReturnType<typeof loadWorlds>;
  let other: number;
  beforeAll(() => {
    worlds = loadWorlds();
    other = worlds.worlds.findIndex((_, i) => i !== worlds.central);
  });

  it('runs the scenario in plausible world K: the central world is the default, another gives other numbers', () => {
    const plain = kubeSim('ensemble', 'default', '--reps', '40', '--workers', '0', '--json');
    const central = kubeSim('ensemble', 'default', '--reps', '40', '--workers', '0', '--json', '--world', String(worlds.central));
    const k = kubeSim('ensemble', 'default', '--reps', '40', '--workers', '0', '--json', '--world', String(other));
    for (const r of [plain, central, k]) expect(r.code).toBe(0);
    const headline = (r: { stdout: string }) => JSON.stringify(JSON.parse(r.stdout).outcomes);
    expect(headline(central)).toBe(headline(plain));
    expect(headline(k)).not.toBe(headline(plain));
  });

  it('refuses a world that does not exist, naming the range', () => {
    const r = kubeSim('run', 'default', '--world', String(worlds.worlds.length));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--world: got ${worlds.worlds.length}; allowed: a whole number from 0 to ${worlds.worlds.length - 1}`);
  });
});

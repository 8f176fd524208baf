/** `kube-sim calibrate` and `--world K` end to end, as a user runs them: subprocesses through the package's bin. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargetFiles, loadWorlds } from '../../src/cli/worlds.ts';
import { CALIBRATION_TARGETS, drawResult, drawWorlds } from '../../src/experiment/calibrate.ts';
import { measureTargets } from '../../src/experiment/targets.ts';
import { runKubeSim, scratchFolder } from './kube-sim.ts';

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

describe('--world K', () => {
  const worlds = loadWorlds();
  const other = worlds.worlds.findIndex((_, i) => i !== worlds.central);

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

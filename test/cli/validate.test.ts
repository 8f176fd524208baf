/** `kube-sim validate` end to end, as a user runs it: a subprocess through the package's bin. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runKubeSim, scratchFolder } from './kube-sim.ts';

const doc = join(root, 'docs/VALIDATION.md');
const work = scratchFolder('kube-sim-validate-');
const kubeSim = (...args: string[]) => runKubeSim(args, work);

describe('kube-sim validate', () => {
  it('prints one JSON object whose targets have id, kind, expected, measured, ci, worldsPassing and pass, and leaves the report alone', () => {
    const before = readFileSync(doc);
    const r = kubeSim('validate', '--reps', '12', '--worlds', '2', '--workers', '1', '--json');
    expect(readFileSync(doc).equals(before)).toBe(true);
    expect(r.stderr).toBe('kube-sim: left docs/VALIDATION.md alone: not the reference run (1000 replications, seed 1, every world, no --set): --reps 12, --worlds 2; --write writes it anyway\n');
    // At 12 replications many intervals straddle their lines, so the status may be 0 or 1.
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.stdout);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(json).toMatchObject({ reps: 12, seed: 1, set: {}, worlds: 2, central: 0, worldShareRequired: 0.9 });
    expect(json.targets.length).toBeGreaterThanOrEqual(12);
    for (const t of json.targets) {
      expect(t).toMatchObject({ id: expect.any(String), kind: expect.stringMatching(/^(calibration|held-out)$/), expected: expect.any(String), ci: [expect.anything(), expect.anything()], worldsPassing: expect.any(Number), worlds: 2, pass: expect.any(Boolean) });
      expect(t.perWorld).toHaveLength(2);
      expect(t.pass).toBe(t.worldsPassing >= 0.9);
    }
    expect(json.failed).toBe(json.targets.filter((t: { pass: boolean }) => !t.pass).length);
    expect(r.code).toBe(json.failed ? 1 : 0);
  });

  it('with --set, names the overrides in the table and still leaves the report alone', () => {
    const before = readFileSync(doc);
    const r = kubeSim('validate', '--reps', '10', '--worlds', '1', '--seed', '1', '--workers', '1', '--set', 'business.volatilityScale=1.5');
    expect(readFileSync(doc).equals(before)).toBe(true);
    expect(r.stdout.split('\n')[0]).toMatch(/^Validation: 1 plausible worlds × 10 replications per scenario, seed 1 \(\d+ runs\), with --set business.volatilityScale=1.5 on every scenario/);
    expect(r.stdout).toMatch(/\bheld-out\b/);
    expect(r.stdout).not.toContain('Wrote');
    expect(r.stderr).toMatch(/left docs\/VALIDATION.md alone: not the reference run .*: --reps 10, --worlds 1, --set; --write writes it anyway/);
  });

  it('fails with status 1 when a --set breaks the targets', () => {
    // No grant: nothing to run a business with, so not even Cempaka-like groups survive.
    const r = kubeSim('validate', '--reps', '30', '--worlds', '1', '--workers', '1', '--json', '--set', 'intervention.grant.amount=0');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.set).toEqual({ 'intervention.grant.amount': 0 });
    const byId = Object.fromEntries(json.targets.map((t: { id: string }) => [t.id, t]));
    expect(byId['cempaka-active']).toMatchObject({ pass: false, verdict: 'fail' });
    expect(byId['lombok-income']).toMatchObject({ pass: false });
  });

  const bad: [string, string[], RegExp][] = [
    ['too few replications', ['--reps', '5'], /--reps: got "5"; allowed: a whole number from 10 to 100000/],
    ['replications that are not a number', ['--reps', 'abc'], /--reps: got "abc"; allowed: a whole number from 10 to 100000/],
    ['an unknown parameter', ['--set', 'nope=1'], /--set: invalid scenario\n {2}nope: no such parameter; `kube-sim schema` lists every parameter/],
    ['a value out of range', ['--set', 'group.size=999'], /--set: invalid scenario\n {2}group.size: got 999; allowed: an integer from 5 to 30/],
    ['a parameter validation fixes', ['--set', 'horizonWeeks=52'], /horizonWeeks: cannot be set for validation/],
    ['an assignment without =', ['--set', 'group.size'], /--set: got "group.size"; allowed: PATH=VALUE/],
    ['both --write and --no-write', ['--write', '--no-write'], /--write and --no-write contradict/],
    ['more worlds than the file holds', ['--worlds', '100000'], /--worlds: got 100000; allowed: a whole number from 1 to \d+/],
  ];
  it.each(bad)('refuses %s with status 2 and says what is allowed', (_name, args, message) => {
    const before = readFileSync(doc);
    const r = kubeSim('validate', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readFileSync(doc).equals(before)).toBe(true);
  });
});

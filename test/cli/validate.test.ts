/** `kube-sim validate` end to end, as a user runs it: a subprocess through the package's bin. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runKubeSim, scratchFolder } from './kube-sim.ts';

const doc = join(root, 'docs/VALIDATION.md');
const work = scratchFolder('kube-sim-validate-');
const kubeSim = (...args: string[]) => runKubeSim(args, work);

describe('kube-sim validate', () => {
  it('prints one JSON object whose targets have id, expected, measured, ci and pass, and leaves the report alone', () => {
    const before = readFileSync(doc);
    const r = kubeSim('validate', '--reps', '60', '--json');
    expect(readFileSync(doc).equals(before)).toBe(true);
    expect(r.stderr).toBe('kube-sim: left docs/VALIDATION.md alone: not the reference run (1000 replications, seed 1, no --set): --reps 60; --write writes it anyway\n');
    // At 60 replications some intervals straddle their lines, so the status may be 0 or 1.
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.stdout);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(json).toMatchObject({ reps: 60, seed: 1, set: {} });
    expect(json.targets.length).toBeGreaterThanOrEqual(7);
    for (const t of json.targets) {
      expect(t).toMatchObject({ id: expect.any(String), expected: expect.any(String), ci: [expect.anything(), expect.anything()], pass: expect.any(Boolean) });
      expect(t).toHaveProperty('measured');
    }
    expect(json.failed).toBe(json.targets.filter((t: { pass: boolean }) => !t.pass).length);
    expect(r.code).toBe(json.failed ? 1 : 0);
  });

  it('with --set, names the overrides in the table and still leaves the report alone', () => {
    const before = readFileSync(doc);
    const r = kubeSim('validate', '--reps', '10', '--seed', '1', '--set', 'business.volatilityScale=1.5');
    expect(readFileSync(doc).equals(before)).toBe(true);
    expect(r.stdout.split('\n')[0]).toBe('Validation: 10 replications per scenario, seed 1 (90 runs), with --set business.volatilityScale=1.5 on every scenario');
    expect(r.stdout).not.toContain('Wrote');
    expect(r.stderr).toMatch(/left docs\/VALIDATION.md alone: not the reference run .*: --reps 10, --set; --write writes it anyway/);
  });

  it('fails with status 1 when a --set breaks the targets', () => {
    // No grant: nothing to run a business with, so not even Cempaka-like groups survive.
    const r = kubeSim('validate', '--reps', '30', '--json', '--set', 'intervention.grant.amount=0');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.set).toEqual({ 'intervention.grant.amount': 0 });
    const byId = Object.fromEntries(json.targets.map((t: { id: string }) => [t.id, t]));
    expect(byId['cempaka-active']).toMatchObject({ pass: false, verdict: 'fail' });
    expect(byId['default-inactive-5y']).toMatchObject({ pass: false, verdict: 'fail' });
  });

  const bad: [string, string[], RegExp][] = [
    ['too few replications', ['--reps', '5'], /--reps: got "5"; allowed: a whole number from 10 to 100000/],
    ['replications that are not a number', ['--reps', 'abc'], /--reps: got "abc"; allowed: a whole number from 10 to 100000/],
    ['an unknown parameter', ['--set', 'nope=1'], /--set: invalid scenario\n {2}nope: no such parameter; `kube-sim schema` lists every parameter/],
    ['a value out of range', ['--set', 'group.size=999'], /--set: invalid scenario\n {2}group.size: got 999; allowed: an integer from 5 to 30/],
    ['a parameter validation fixes', ['--set', 'horizonWeeks=52'], /horizonWeeks: cannot be set for validation/],
    ['an assignment without =', ['--set', 'group.size'], /--set: got "group.size"; allowed: PATH=VALUE/],
    ['both --write and --no-write', ['--write', '--no-write'], /--write and --no-write contradict/],
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

/**
 * Bad input at the command line: --set PATH=VALUE, the number flags, --shard, --vary, scenario
 * files. The many generated cases call the CLI's `main` in this process (its exit status and what
 * it writes to stderr); a small sample runs the real `kube-sim` in a subprocess. Every case exits
 * with status 2 and a message naming the flag or field, the value and what is allowed — never 1
 * with "unexpected failure" (a crash), never 0.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { badAssignment, distinct, PARAMETERS, SEED } from './generators.ts';

const dir = scratchFolder('kube-sim-bad-cli-');
const missingFolder = join(dir, 'no-such-folder');

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

/** Run main(args) in this process: its status and stderr; a bad-input refusal is status 2. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  stderr = '';
  const code = await main(args);
  expect(stderr).not.toContain('unexpected failure');
  return { code, stderr };
}

/** A bad value as a command line carries it: text (numbers, booleans and junk alike). */
const asText = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

describe('--set PATH=VALUE', () => {
  // 250 distinct cases: a parameter of the schema and a bad value for it, on `kube-sim run default`.
  it('a bad value: status 2, naming the parameter, the value and the range or options', async () => {
    await fc.assert(
      fc.asyncProperty(badAssignment, distinct(async ({ p, value }) => {
        const text = asText(value);
        // The command line trims values: " poultry " is poultry, an allowed value, not a bad one.
        fc.pre(!(p.options ?? []).includes(text.trim()) && text.trim() !== '' && !/[\n\r]/.test(text));
        const r = await cli(['run', 'default', '--set', `${p.path}=${text}`]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/^kube-sim: --set: invalid scenario/);
        expect(r.stderr).toContain(`${p.path}: got `);
        expect(r.stderr).toContain('allowed: ');
        if (p.min !== undefined && !p.options) expect(r.stderr).toContain(`from ${p.min} to ${p.max}`);
        if (p.options) expect(r.stderr).toContain(`"${p.options[0]}"`);
      })),
      { seed: SEED, numRuns: 250 },
    );
  });

  // 200 distinct cases: a path that is no parameter (typos, junk, __proto__, a path into a number).
  it('an unknown path: status 2, naming the path (with the nearest parameters when there are any)', async () => {
    const known = new Set(PARAMETERS.map((p) => p.path));
    const path = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', '__proto__.polluted', 'group.size.x', 'group', 'members.roster', 'size', 'group.Size', 'intervention..grant'),
      fc.constantFrom(...PARAMETERS.map((p) => p.path)).chain((p) => fc.constantFrom(`${p}x`, `x.${p}`, p.toUpperCase(), p.replace(/\./g, '_'))),
      fc.stringMatching(/^[\w.]{1,20}$/),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('1', 'x', 'NaN', '1e999'), distinct(async (p, v) => {
        fc.pre(!known.has(p) && p !== 'name');
        const r = await cli(['run', 'default', '--set', `${p}=${v}`]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`${p}: no such parameter`);
        expect(r.stderr).toMatch(/did you mean|kube-sim schema. lists every parameter/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      })),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('no "=": status 2, saying the form PATH=VALUE', async () => {
    for (const text of ['group.size', '=5', '']) {
      const r = await cli(['run', 'default', '--set', text]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--set: got "${text}"; allowed: PATH=VALUE`);
    }
  });
});

/** Whether `text` is a whole number from lo to hi as the flags take it (the oracle of the test). */
const wholeIn = (text: string, lo: number, hi: number) => /^\s*-?\d+\s*$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= lo && Number(text) <= hi;

describe('number flags and --shard', () => {
  const FLAGS = [
    { cmd: ['ensemble', 'no-such-scenario'], flag: '--reps', lo: 1, hi: 10_000_000 },
    { cmd: ['ensemble', 'no-such-scenario', '--reps', '1'], flag: '--seed', lo: 0, hi: 4294967295 },
    { cmd: ['ensemble', 'no-such-scenario', '--reps', '1'], flag: '--workers', lo: 0, hi: 64 },
    { cmd: ['run', 'no-such-scenario'], flag: '--replication', lo: 0, hi: 4294967295 },
    { cmd: ['sweep', 'no-such-scenario', '--reps', '1', '--out', 'x.csv'], flag: '--samples', lo: 1, hi: 10_000_000 },
  ];
  const value = fc.oneof(
    fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '1e3', '0x10', '1.5', '-1', '-0', '+1', '1,000', '1.000', '١٢', '9007199254740993', '4294967296', '10000001', '65', 'ten', '__proto__'),
    fc.integer({ min: -1e12, max: 1e12 }).map(String),
    fc.double().map(String),
    fc.string({ maxLength: 8 }),
  );
  // 300 distinct cases: a flag of five and a value, mostly bad; a good value moves on to the missing scenario.
  it('a bad value: status 2, "FLAG: got "VALUE"; allowed: a whole number from LO to HI"', async () => {
    let refusedForTheFlag = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FLAGS), value, distinct(async (f, v) => {
        fc.pre(!/[\n\r]/.test(v));
        const r = await cli([...f.cmd, `${f.flag}=${v}`]);
        expect(r.code, r.stderr).toBe(2);
        if (wholeIn(v, f.lo, f.hi)) expect(r.stderr).toContain('no-such-scenario');
        else {
          refusedForTheFlag++;
          expect(r.stderr).toContain(`${f.flag}: got "${v}"; allowed: a whole number from ${f.lo} to ${f.hi}`);
        }
      })),
      { seed: SEED, numRuns: 300 },
    );
    expect(refusedForTheFlag).toBeGreaterThan(240);
  });

  // 200 distinct cases.
  it('--shard that is not I/N with 0 ≤ I < N ≤ 100000: status 2, naming it and the form', async () => {
    const shard = fc.oneof(
      fc.tuple(fc.integer({ min: -5, max: 200_000 }), fc.integer({ min: -5, max: 200_000 })).map(([i, n]) => `${i}/${n}`),
      fc.constantFrom('', '1', '/', '0/0', '1/1', '2/2', 'a/b', '0.5/2', '1e3/1e4', 'NaN/NaN', '0/100001', ' 0 / 2 '),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(shard, distinct(async (s) => {
        const m = /^(\d+)\/(\d+)$/.exec(s.trim());
        fc.pre(!m || !(Number(m[2]) >= 1 && Number(m[2]) <= 100_000 && Number(m[1]) < Number(m[2])));
        fc.pre(!/[\n\r]/.test(s));
        const r = await cli(['sweep', 'default', '--vary', 'group.size=5:6:1', '--reps', '1', '--out', join(missingFolder, 'x.csv'), `--shard=${s}`]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`--shard: got "${s}"; allowed: I/N with N from 1 to 100000 and I from 0 to N-1`);
      })),
      { seed: SEED, numRuns: 200 },
    );
  });

  // 200 distinct cases: --vary with junk; a valid one stops at the missing output folder, before any run.
  it('--vary junk: status 2, naming --vary and what is wrong', async () => {
    const numbers = fc.oneof(fc.constantFrom('NaN', 'Infinity', '1e999', '', '-1', '0', '5', '30', '31', '0.5', 'x'), fc.double().map(String));
    const vary = fc.oneof(
      fc.tuple(fc.constantFrom(...PARAMETERS.map((p) => p.path), 'seed', 'nope', '__proto__'), numbers, numbers, numbers).map(([p, a, b, c]) => `${p}=${a}:${b}:${c}`),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(vary, distinct(async (v) => {
        fc.pre(!/[\n\r]/.test(v));
        const r = await cli(['sweep', 'default', `--vary=${v}`, '--reps', '1', '--out', join(missingFolder, 'x.csv')]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/^kube-sim: (--vary|--out: cannot write)/);
      })),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('the real command, in a subprocess (a sample)', () => {
  it('bad files and flags exit with status 2 and a message, never a stack trace', () => {
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `{"group": {"size": ${'['.repeat(100_000)}1${']'.repeat(100_000)}}}`);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"name": "Kelompok Bunga Mel\xe9ti"}', 'latin1'));
    const cases: [string[], RegExp][] = [
      [['run', deep], /group\.size: got \[\[\[\[\.\.\.\]\]\]\]; allowed: an integer from 5 to 30/],
      [['run', latin1], /not UTF-8 text \(byte 0xe9 at offset 28\); allowed: UTF-8 JSON/],
      [['run', 'default', '--set', 'group.size=1e999'], /group\.size: got "1e999"; allowed: an integer from 5 to 30/],
      [['ensemble', 'default', '--reps', 'NaN'], /--reps: got "NaN"; allowed: a whole number from 1 to 10000000/],
      [['sweep', 'default', '--vary', 'group.size=5:30:0', '--reps', '1', '--out', 'x.csv'], /--vary group\.size: STEP must be above 0; got 0/],
    ];
    for (const [args, message] of cases) {
      const r = runKubeSim(args, dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    }
  });
});

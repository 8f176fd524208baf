/**
 * Limits with reasons (issue 7): group size, horizon, replications, sweep size and memory each
 * have a documented limit (docs/RELIABILITY.md, "Limits"), and above it the command refuses
 * before any work starts: status 2, a message with the size, the limit and what to do, and no
 * output file (not even a .partial) left behind.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { MAX_DESIGN_VALUES } from '../../src/cli/design-flags.ts';
import { MAX_REPS } from '../../src/cli/args.ts';
import { MAX_SWEEP_RUNS } from '../../src/cli/sweep.ts';
import { MAX_DESIGN_POINTS } from '../../src/experiment/design.ts';
import { MAX_ROSTER_CHARS } from '../../src/io/roster-csv.ts';
import { MAX_SCENARIO_BYTES } from '../../src/io/scenario-file.ts';
import { parameterTable } from '../../src/index.ts';
import { LIMITS, RUN_SETTINGS } from '../../web/app/settings.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';

const dir = scratchFolder('kube-sim-limits-');

let stderr = '';
let ran = 0;
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    // A progress line means runs started: a refusal must come before any.
    if (/runs \(\d+%\)|\] \d+%/.test(String(chunk))) ran++;
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

/** Run the CLI in this process; expect a refusal (status 2) matching `message` and no file in `out`'s folder. */
async function refused(args: string[], message: RegExp): Promise<void> {
  const before = readdirSync(dir).sort();
  stderr = '';
  ran = 0;
  const code = await main(args);
  expect(code, stderr).toBe(2);
  expect(stderr).toMatch(message);
  expect(ran).toBe(0);
  expect(readdirSync(dir).sort()).toEqual(before);
}

const range = (path: string) => parameterTable().find((p) => p.path === path)!;

describe('the limits, as documented', () => {
  it('are the numbers the code enforces', () => {
    expect([range('group.size').min, range('group.size').max]).toEqual([5, 30]);
    expect([range('horizonWeeks').min, range('horizonWeeks').max]).toEqual([4, 1560]);
    expect([range('members.roster').min, range('members.roster').max]).toEqual([5, 30]);
    expect(MAX_REPS).toBe(10_000_000);
    expect(MAX_DESIGN_POINTS).toBe(10_000_000);
    expect(MAX_SWEEP_RUNS).toBe(1e10);
    expect(MAX_DESIGN_VALUES).toBe(5_000_000);
    expect(MAX_SCENARIO_BYTES).toBe(1024 * 1024);
    expect(MAX_ROSTER_CHARS).toBe(1024 * 1024);
    expect(RUN_SETTINGS.reps).toEqual([1, 20_000]);
    expect(LIMITS.sweepRuns).toBe(40_000);
  });
});

describe('above a limit: refused before any work, nothing written', () => {
  const out = join(dir, 'out.csv');
  const json = join(dir, 'summary.json');

  it('group size and horizon', async () => {
    await refused(['run', 'default', '--set', 'group.size=31', '--out', join(dir, 'run.json')], /group\.size: got 31; allowed: an integer from 5 to 30 \(families\)/);
    await refused(['ensemble', 'default', '--reps', '10', '--set', 'horizonWeeks=1561', '--out', json], /horizonWeeks: got 1561; allowed: an integer from 4 to 1560 \(weeks\)/);
  });

  it('a roster of more than 30 members', async () => {
    const csv = join(dir, 'big.csv.txt');
    writeFileSync(csv, ['peran;keterampilan', ...Array.from({ length: 31 }, () => 'anggota;3')].join('\n'));
    await refused(['ensemble', 'default', '--reps', '10', '--roster', csv, '--out', json], /member 31 of 31; a roster has at most 30 members/);
    writeFileSync(csv, `peran;keterampilan\n${'anggota;3\n'.repeat(MAX_ROSTER_CHARS / 10 + 1)}`);
    await refused(['ensemble', 'default', '--reps', '10', '--roster', csv, '--out', json], /--roster: .* has [\d,]+ bytes; allowed: a CSV file of at most 1,048,576 bytes/);
  });

  it('replications', async () => {
    await refused(['ensemble', 'default', '--reps', String(MAX_REPS + 1), '--out', json], /--reps: got "10000001"; allowed: a whole number from 1 to 10000000/);
    await refused(['sweep', 'default', '--vary', 'group.size=5:6:1', '--reps', '1e9', '--out', out], /--reps: got "1e9"; allowed: a whole number from 1 to 10000000/);
  });

  it('a grid above 10,000,000 points', async () => {
    await refused(['sweep', 'default', '--vary', 'group.size=5:30:1', '--vary', 'intervention.grant.amount=0:500000000:100', '--reps', '1', '--out', out], /--vary: the grid has 130,000,026 points \(group\.size 26 × intervention\.grant\.amount 5000001\); at most 10,000,000/);
  });

  it('a sweep above 10^10 runs (points × replications)', async () => {
    await refused(['sweep', 'default', '--vary', 'intervention.grant.amount=0:500000000:100', '--reps', '10000', '--out', out], /sweep: 5000001 points × 10000 replications = 50,000,010,000 runs; at most 10,000,000,000/);
  });

  it('an lhs, morris or sobol design above 5,000,000 values (memory)', async () => {
    await refused(['sweep', 'default', '--design', 'lhs', '--samples', '6000000', '--vary', 'group.size=5:20', '--reps', '1', '--out', out], /--samples: got 6000000; an lhs design .* 6,000,000 values, about 222 MB in the main thread and again in each worker; allowed: at most 5,000,000 values \(--samples 5,000,000 or fewer/);
    await refused(
      ['sensitivity', 'default', '--method', 'sobol', '--samples', '250000', '--vary', 'group.size=5:20', '--vary', 'group.homogeneity=0:1', '--vary', 'business.marketAccess=0:1', '--vary', 'finance.iksShare=0:0.5'],
      /a sobol design of 250,000 samples over 4 parameters has 1,500,000 points × 4 = 6,000,000 values, .*\(--samples 208,333 or fewer with these parameters, or fewer --vary\)/,
    );
  });

  it('a scenario file over 1 MB', async () => {
    const big = join(dir, 'big.json.txt');
    writeFileSync(big, ' '.repeat(MAX_SCENARIO_BYTES + 1));
    await refused(['ensemble', big, '--reps', '10', '--out', json], /1,048,577 bytes; a scenario file is at most 1,048,576 bytes/);
  });

  it('the real command refuses a too-big sweep with status 2 and leaves no file', () => {
    const r = runKubeSim(['sweep', 'default', '--design', 'morris', '--samples', '2000000', '--vary', 'group.size=5:20', '--vary', 'business.marketAccess=0:1', '--reps', '1', '--out', 'm.csv'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/a morris design of 2,000,000 samples over 2 parameters has 6,000,000 points × 2 = 12,000,000 values/);
    expect(existsSync(join(dir, 'm.csv'))).toBe(false);
    expect(existsSync(join(dir, 'm.csv.partial'))).toBe(false);
  });
});

/**
 * The npm package end to end: packed, installed into an empty folder with no network, then used
 * as the README says: `npx kube-sim ...`, `import { simulate, parseScenario } from 'kube-sim'` in
 * plain Node, and the same import type-checked by TypeScript. tsx is not installed there, so
 * everything (the worker threads too) must run from the compiled lib/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../../src/index.ts';
import { installPackage, pack, packedFiles, root } from './install.ts';

let dir = '';
const scratch = mkdtempSync(join(tmpdir(), 'kube-sim-pack-'));

beforeAll(() => {
  dir = installPackage(pack(scratch));
}, 240_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run a command in the folder the package was installed into. */
function inInstalled(command: string, args: string[]) {
  return spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}

describe('the npm package', () => {
  it('ships the compiled library, its types, the bin and the scenarios, and no sources or tests', () => {
    const files = packedFiles();
    for (const f of ['lib/index.js', 'lib/index.d.ts', 'lib/index.js.map', 'lib/browser.js', 'lib/browser.d.ts', 'lib/cli/bin.js', 'lib/runner/node-worker.js', 'scenarios/default.json', 'README.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|web|bench|docs|dist|node_modules)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(dir, 'node_modules/kube-sim/package.json'), 'utf8'));
    expect(Object.keys(installed.dependencies)).not.toContain('tsx');
    expect(existsSync(join(dir, 'node_modules/tsx'))).toBe(false);
  });

  it('npx kube-sim ensemble default --reps 1000 runs from the package, with the numbers of the sources', () => {
    const args = ['ensemble', 'default', '--reps', '1000'];
    const installed = inInstalled('npx', ['--no', 'kube-sim', ...args]);
    expect(installed.stderr).not.toMatch(/Error|tsx/);
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('1000 replications');
    // The same command from the TypeScript sources prints the same report, to the digit.
    const fromSources = spawnSync(process.execPath, [join(root, 'bin/kube-sim.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(fromSources.status).toBe(0);
    expect(installed.stdout).toBe(fromSources.stdout);
  });

  it('imports in plain Node: parseScenario and simulate give the sources\' run, and the browser pool stays out of the Node entry', () => {
    writeFileSync(join(dir, 'use.mjs'), `import * as kube from 'kube-sim';
import * as browser from 'kube-sim/browser';
const scenario = kube.parseScenario({ intervention: { mentoring: { visitsPerMonth: 2 } } });
const run = kube.simulate(scenario, { seed: 3, replication: 1 });
console.log(JSON.stringify({
  outcome: run.outcome,
  node: Object.keys(kube).filter((k) => /pool|worker/i.test(k)).sort(),
  browser: Object.keys(browser).filter((k) => /pool|worker/i.test(k)).sort(),
}));
`);
    const r = inInstalled(process.execPath, ['use.mjs']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const expected = simulate(parseScenario({ intervention: { mentoring: { visitsPerMonth: 2 } } }), { seed: 3, replication: 1 });
    expect(out.outcome).toEqual(JSON.parse(JSON.stringify(expected.outcome)));
    expect(out.node).toContain('nodePool');
    expect(out.node).not.toContain('browserPool');
    expect(out.browser).toContain('browserPool');
    expect(out.browser).not.toContain('nodePool');
  });

  it('type-checks from TypeScript: the types come with the package', () => {
    writeFileSync(join(dir, 'use.ts'), `import { parseScenario, simulate, type RunResult, type Scenario } from 'kube-sim';
import { browserPool } from 'kube-sim/browser';
const scenario: Scenario = parseScenario({ group: { size: 8 } });
const run: RunResult = simulate(scenario, { seed: 1 });
const status: 'active' | 'stagnant' | 'dissolved' = run.outcome.status;
const trust: Float64Array = run.series.meanTrust;
// Without the package's types these would be 'any' and the lines below would not be errors.
// @ts-expect-error: an outcome has no such field
run.outcome.noSuchField;
// @ts-expect-error: simulate takes a scenario
simulate(42);
export { browserPool, status, trust };
`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
        types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
      },
      files: ['use.ts'],
    }));
    const r = inInstalled(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

/**
 * The engine of this tree against another commit's, in one process: the machine's speed drifts by
 * a third from minute to minute, so only same-run ratios count, and the finer the interleaving the
 * less drift is left in them. It checks the other commit out into a temporary worktree (sharing
 * node_modules), builds each tree's engine the same way (one esbuild bundle of its src/index.ts, as
 * `npm run build:lib` bundles the command), imports both bundles, and times them in alternating
 * blocks of replications of the default scenario (the same replications for both). It prints each
 * engine's replications per second over all blocks and over its fastest eighth (the blocks least
 * disturbed by other work on the machine), and the ratios.
 *   npm run bench:against [-- --commit dfd8594 --blocks 80 --per 200]
 * Two copies of one engine measured this way (`--commit HEAD`) differ by about 1% on the fastest
 * eighth and by up to 6% over all blocks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleEntry } from './bundle.ts';

const { values } = parseArgs({
  options: {
    commit: { type: 'string', default: 'dfd8594' },
    blocks: { type: 'string', default: '80' },
    per: { type: 'string', default: '200' },
  },
});
const blocks = Number(values.blocks);
const per = Number(values.per);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'kube-sim-against-'));
const other = join(dir, 'tree');

interface Engine {
  defaultScenario(): unknown;
  simulate(sc: unknown, opts: { replication: number }): unknown;
}

execFileSync('git', ['worktree', 'add', '--detach', other, values.commit!], { cwd: root, stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  const build = (tree: string, name: string): string => {
    const out = join(dir, `${name}.mjs`);
    bundleEntry(tree, 'kube-sim-against-entry', "export { defaultScenario, simulate } from './src/index.ts';\n", out);
    return out;
  };
  const there = (await import(pathToFileURL(build(other, 'there')).href)) as Engine;
  const here = (await import(pathToFileURL(build(root, 'here')).href)) as Engine;
  // One timing function per engine, so neither call site sees the other's code.
  const scThere = there.defaultScenario();
  const scHere = here.defaultScenario();
  const timeThere = (from: number): number => {
    const t0 = performance.now();
    for (let r = from; r < from + per; r++) there.simulate(scThere, { replication: r });
    return performance.now() - t0;
  };
  const timeHere = (from: number): number => {
    const t0 = performance.now();
    for (let r = from; r < from + per; r++) here.simulate(scHere, { replication: r });
    return performance.now() - t0;
  };
  for (let w = 0; w < 10; w++) {
    timeThere(0);
    timeHere(0);
  }
  const t = { there: [] as number[], here: [] as number[] };
  for (let k = 0; k < blocks; k++) {
    const from = (k % 10) * per;
    if (k % 2) {
      t.here.push(timeHere(from));
      t.there.push(timeThere(from));
    } else {
      t.there.push(timeThere(from));
      t.here.push(timeHere(from));
    }
  }
  const sum = (x: number[]) => x.reduce((s, v) => s + v, 0);
  const fastest = (x: number[]) => [...x].sort((a, b) => a - b).slice(0, Math.max(1, x.length >> 3));
  const rate = (x: number[]) => Math.round((x.length * per) / (sum(x) / 1000));
  const res = {
    commit: values.commit,
    blocks,
    per,
    other: { all: rate(t.there), fastest: rate(fastest(t.there)) },
    here: { all: rate(t.here), fastest: rate(fastest(t.here)) },
    ratio: { all: +(sum(t.there) / sum(t.here)).toFixed(3), fastest: +(sum(fastest(t.there)) / sum(fastest(t.here))).toFixed(3) },
  };
  console.log(`${values.commit}: ${res.other.fastest} replications/s (fastest eighth of ${blocks} blocks of ${per}), ${res.other.all}/s over all`);
  console.log(`this tree: ${res.here.fastest} replications/s (fastest eighth), ${res.here.all}/s over all`);
  console.log(`ratio (this / ${values.commit}): ${res.ratio.fastest} on the fastest eighth, ${res.ratio.all} over all blocks`);
  console.log(JSON.stringify(res));
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: root, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

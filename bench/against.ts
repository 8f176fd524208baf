/**
 * The engine benchmark of this tree against another commit's, in the same run: the machine's speed
 * drifts by a third from minute to minute, so only same-run ratios count. It checks the other
 * commit out into a temporary worktree (sharing node_modules), builds each tree's bench/engine.ts
 * the same way (one esbuild bundle, as `npm run build:lib` builds the command), then runs the two
 * bundles in turns, and prints each tree's best replications per second and their ratio.
 *   npm run bench:against [-- --commit 106fd8e --reps 10000 --turns 3]
 * `--source` runs both trees from their TypeScript sources through tsx instead (no build).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    commit: { type: 'string', default: '106fd8e' },
    reps: { type: 'string', default: '10000' },
    turns: { type: 'string', default: '3' },
    source: { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'kube-sim-against-'));
const other = join(dir, 'tree');
execFileSync('git', ['worktree', 'add', '--detach', other, values.commit!], { cwd: root, stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  /** The command that runs a tree's engine benchmark: its bundle, or its sources through tsx. */
  const build = (tree: string, name: string): string[] => {
    if (values.source) return ['--import', 'tsx', join(tree, 'bench/engine.ts')];
    const out = join(dir, `${name}.mjs`);
    execFileSync(esbuild, [join(tree, 'bench/engine.ts'), '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${out}`, '--log-level=warning'], { cwd: tree });
    return [out];
  };
  const there = build(other, 'there');
  const here = build(root, 'here');
  const rate = (args: string[], cwd: string) => {
    const out = execFileSync(process.execPath, [...args, '--reps', values.reps!, '--rounds', '2'], { cwd, encoding: 'utf8' });
    const last = JSON.parse(out.trim().split('\n').pop()!);
    return last.replicationsPerSecond as number;
  };
  const best = { here: 0, there: 0 };
  for (let t = 0; t < Number(values.turns); t++) {
    best.there = Math.max(best.there, rate(there, other));
    best.here = Math.max(best.here, rate(here, root));
    console.log(`turn ${t + 1}: ${values.commit} ${best.there}/s, this tree ${best.here}/s (best so far)`);
  }
  const how = values.source ? 'from sources (tsx)' : 'built (esbuild bundle)';
  console.log(`${values.commit}, ${how}: ${Math.round(best.there)} replications/s`);
  console.log(`this tree, ${how}: ${Math.round(best.here)} replications/s`);
  console.log(`ratio (this / ${values.commit}): ${(best.here / best.there).toFixed(2)}`);
  console.log(JSON.stringify({ commit: values.commit, built: !values.source, other: best.there, here: best.here, ratio: best.here / best.there }));
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: root, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The engine benchmark of this tree against another commit's, in the same run: the machine's speed
 * drifts by a third from minute to minute, so only same-run ratios count. It checks the other
 * commit out into a temporary worktree (sharing node_modules), then runs both trees' bench/engine.ts
 * in turns, and prints each tree's best replications per second and their ratio.
 *   npm run bench:against [-- --commit 534cdae --reps 5000 --turns 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { commit: { type: 'string', default: '534cdae' }, reps: { type: 'string', default: '5000' }, turns: { type: 'string', default: '3' } } });
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'kube-sim-against-'));
const other = join(dir, 'tree');
execFileSync('git', ['worktree', 'add', '--detach', other, values.commit!], { cwd: root, stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  const rate = (tree: string) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/engine.ts', '--reps', values.reps!, '--rounds', '2'], { cwd: tree, encoding: 'utf8' });
    const last = JSON.parse(out.trim().split('\n').pop()!);
    return last.replicationsPerSecond as number;
  };
  const best = { here: 0, there: 0 };
  for (let t = 0; t < Number(values.turns); t++) {
    best.there = Math.max(best.there, rate(other));
    best.here = Math.max(best.here, rate(root));
  }
  console.log(`${values.commit}: ${Math.round(best.there)} replications/s`);
  console.log(`this tree: ${Math.round(best.here)} replications/s`);
  console.log(`ratio (this / ${values.commit}): ${(best.here / best.there).toFixed(2)}`);
  console.log(JSON.stringify({ commit: values.commit, other: best.there, here: best.here, ratio: best.here / best.there }));
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: root, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

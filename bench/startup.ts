/**
 * Startup benchmark: `kube-sim run default` from the installed npm package (packed, installed
 * into an empty folder as test/package does), against `node -e 1` timed in the same rounds, so
 * that the machine's drift hits both alike. Each round runs both once, in turn; prints the
 * medians and their ratio; the last line is one JSON object. Target: kube-sim's median ≤ 0.3 s.
 *   npm run bench:startup [-- --runs 21]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackage, pack } from '../test/package/install.ts';
import { flag } from './flags.ts';

const runs = flag('--runs', 21);
const scratch = mkdtempSync(join(tmpdir(), 'kube-sim-bench-pack-'));
console.log('packing and installing kube-sim into an empty folder ...');
const dir = installPackage(pack(scratch), 'kube-sim-bench-startup-');
// The installed command itself (node_modules/.bin/kube-sim, the compiled lib/cli/bin.js), as a
// shell or an npm script runs it; `npx` would add npm's own start-up to every run.
const kubeSim = join(dir, 'node_modules/.bin/kube-sim');

function time(command: string, args: string[]): number {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return seconds;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// One untimed round of each: the first start reads the files from disk.
time(process.execPath, ['-e', '1']);
time(kubeSim, ['run', 'default']);
const node: number[] = [];
const cli: number[] = [];
for (let i = 0; i < runs; i++) {
  node.push(time(process.execPath, ['-e', '1']));
  cli.push(time(kubeSim, ['run', 'default']));
}
rmSync(scratch, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });

const result = {
  runs,
  nodeMedianS: Number(median(node).toFixed(3)),
  kubeSimRunMedianS: Number(median(cli).toFixed(3)),
  ratio: Number((median(cli) / median(node)).toFixed(2)),
  kubeSimRunRangeS: [Number(Math.min(...cli).toFixed(3)), Number(Math.max(...cli).toFixed(3))],
  targetS: 0.3,
};
console.log(`node -e 1                 median ${result.nodeMedianS.toFixed(3)} s over ${runs} runs`);
console.log(`kube-sim run default      median ${result.kubeSimRunMedianS.toFixed(3)} s (range ${result.kubeSimRunRangeS.join('–')} s), ${result.ratio}× node -e 1; target ≤ ${result.targetS} s`);
console.log(JSON.stringify(result));

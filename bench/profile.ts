/**
 * Where the engine's time goes: builds a loop of replications of the default scenario and the
 * engine into one bundle (as `npm run build:lib` bundles the command), runs it under
 * `node --cpu-prof` after a warm-up, and prints the self time by source file, by function and by
 * line (the whole process's samples, start-up included).
 *   npm run bench:profile [-- --reps 20000 --interval 100]
 * `--interval` is the sampling interval in microseconds. The last line is one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntry } from './bundle.ts';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '20000' }, interval: { type: 'string', default: '100' } } });
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'kube-sim-profile-'));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  positionTicks?: { line: number; ticks: number }[];
}

try {
  const bundle = join(dir, 'engine.mjs');
  // A small entry built with the engine into one bundle: esbuild marks each module's code with a
  // `// path` comment, which puts each sample back in its source file.
  bundleEntry(
    root,
    'kube-sim-profile-entry',
    `import { defaultScenario, simulate } from './src/index.ts';
const sc = defaultScenario();
for (let r = 0; r < 2000; r++) simulate(sc, { replication: 1e9 + r }); // warm-up: the JIT settles
const t0 = performance.now();
for (let r = 0; r < ${Number(values.reps)}; r++) simulate(sc, { replication: r });
console.log(JSON.stringify({ replicationsPerSecond: Math.round(${Number(values.reps)} / ((performance.now() - t0) / 1000)) }));
`,
    bundle,
  );
  const out = execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${values.interval}`, bundle], { cwd: root, encoding: 'utf8' });
  const bench = JSON.parse(out.trim().split('\n').pop()!);
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!), 'utf8')) as { nodes: ProfileNode[] };
  // esbuild marks the start of each module's code with a `// path` comment: map bundle lines to files.
  const lines = readFileSync(bundle, 'utf8').split('\n');
  const fileAt: string[] = [];
  let current = '(runtime)';
  lines.forEach((text, k) => {
    const m = /^\/\/ ((?:src|node_modules)\/\S+|kube-sim-profile-entry\.ts)$/.exec(text);
    if (m) current = m[1].replace(/^src\/model\//, '');
    fileAt[k + 1] = current;
  });
  let total = 0;
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byLine = new Map<number, number>();
  for (const n of profile.nodes) {
    total += n.hitCount;
    if (!n.hitCount) continue;
    const inBundle = n.callFrame.url.endsWith('engine.mjs');
    const file = inBundle ? fileAt[n.callFrame.lineNumber + 1] : n.callFrame.functionName ? '(node)' : n.callFrame.url ? '(node)' : `(${n.callFrame.functionName || 'vm'})`;
    const name = `${n.callFrame.functionName || '(anonymous)'}  ${file}`;
    byFile.set(file, (byFile.get(file) ?? 0) + n.hitCount);
    byFunction.set(name, (byFunction.get(name) ?? 0) + n.hitCount);
    if (inBundle) for (const t of n.positionTicks ?? []) byLine.set(t.line, (byLine.get(t.line) ?? 0) + t.ticks);
  }
  const pct = (x: number) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
  const top = (m: Map<string | number, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log(`${values.reps} replications of the default scenario, ${bench.replicationsPerSecond} replications/s under the profiler; ${total} samples`);
  console.log('\nself time by source file');
  for (const [f, v] of top(byFile, 25)) console.log(`${pct(v)}  ${f}`);
  console.log('\nself time by function');
  for (const [f, v] of top(byFunction, 25)) console.log(`${pct(v)}  ${f}`);
  console.log('\nhottest lines');
  for (const [l, v] of top(byLine, 20)) console.log(`${pct(v)}  ${fileAt[l as number]}: ${lines[(l as number) - 1].trim().slice(0, 100)}`);
  console.log(JSON.stringify({ replications: Number(values.reps), replicationsPerSecond: bench.replicationsPerSecond, samples: total, byFile: Object.fromEntries(top(byFile, 25).map(([f, v]) => [f, +((100 * v) / total).toFixed(1)])) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Sweep benchmark: `kube-sim sweep` of 1,000,000 group-runs of the default scenario (1,000 values
 * of the mentoring intensity × 1,000 replications, by default) streamed to CSV, as a child
 * process whose resident memory is sampled every 100 ms (VmRSS) and whose peak (VmHWM) the
 * kernel keeps. Prints the rate and the peak; the last line is one JSON object.
 *   npm run bench:sweep [-- --runs 1000000 --workers 2]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flag } from './flags.ts';

const runs = flag('--runs', 1_000_000);
const workers = flag('--workers', 2);
// 1,000 points of visits per month (0.000 to 7.992) × runs / 1,000 replications.
const points = 1000;
const reps = Math.ceil(runs / points);
const dir = mkdtempSync(join(tmpdir(), 'kube-sim-bench-'));
const out = join(dir, 'sweep.csv');
const args = ['bin/kube-sim.js', 'sweep', 'default', '--vary', 'intervention.mentoring.visitsPerMonth=0:7.992:0.008', '--reps', String(reps), '--out', out, '--workers', String(workers)];

function memKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const t0 = performance.now();
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
let peakRss = 0;
let peakHwm = 0;
const samples: number[] = [];
const timer = setInterval(() => {
  const rss = memKb(child.pid!, 'VmRSS');
  peakRss = Math.max(peakRss, rss);
  peakHwm = Math.max(peakHwm, memKb(child.pid!, 'VmHWM'));
  samples.push(rss);
}, 100);
let stdout = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', () => {});
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
clearInterval(timer);
const seconds = (performance.now() - t0) / 1000;
if (code !== 0) throw new Error(`sweep failed with exit ${code}: ${stdout}`);
const bytes = statSync(out).size;
rmSync(dir, { recursive: true, force: true });
const total = points * reps;
const result = {
  runs: total,
  workers,
  seconds: +seconds.toFixed(1),
  runsPerSecond: Math.round(total / seconds),
  peakRssMb: +(Math.max(peakRss, peakHwm) / 1024).toFixed(1),
  medianRssMb: +([...samples].sort((a, b) => a - b)[samples.length >> 1] / 1024).toFixed(1),
  csvMb: +(bytes / 2 ** 20).toFixed(1),
};
console.log(stdout.trim());
console.log(`${total} group-runs in ${result.seconds} s (${result.runsPerSecond} runs/s, start-up included); peak RSS ${result.peakRssMb} MB (kernel high-water mark), median ${result.medianRssMb} MB; CSV ${result.csvMb} MB`);
console.log(JSON.stringify(result));

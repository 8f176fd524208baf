/**
 * Where one replication's time goes, phase by phase: setting a run up (streams, context, members),
 * stepping its weeks, recording the weekly indicators, and assembling the result. Each phase is
 * timed over many replications of the default scenario, in several rounds; the fastest round is
 * reported (the machine is shared). Run from the sources or, as the package runs, built:
 *   npm run bench:phases [-- --reps 4000 --rounds 15]
 */
import { createRun, defaultScenario, INDICATORS, simulate } from '../src/index.ts';
import { flag } from './flags.ts';

const reps = flag('--reps', 4000);
const rounds = flag('--rounds', 15);
const sc = defaultScenario();
const H = sc.horizonWeeks;
const K = INDICATORS.length;
const best: Record<string, number> = {};
let sink = 0;
function time(name: string, body: (r: number) => void): void {
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) body(r);
  best[name] = Math.min(best[name] ?? Infinity, ((performance.now() - t0) / reps) * 1000);
}
for (let k = 0; k < rounds; k++) {
  time('set-up', (r) => (sink += createRun(sc, { replication: r }).state.n));
  time('set-up + weeks', (r) => {
    const run = createRun(sc, { replication: r });
    while (run.step());
    sink += run.state.capital;
  });
  time('set-up + weeks + record', (r) => {
    const run = createRun(sc, { replication: r });
    const block = new Float64Array(K * H);
    for (let t = 0; run.step(); t++) run.record(block, t, H);
    sink += block[0];
  });
  time('simulate()', (r) => (sink += simulate(sc, { replication: r }).outcome.capital));
}
const setUp = best['set-up'];
const weeks = best['set-up + weeks'] - setUp;
const record = best['set-up + weeks + record'] - best['set-up + weeks'];
const result = best['simulate()'] - best['set-up + weeks + record'];
const whole = best['simulate()'];
const row = (name: string, us: number) => console.log(`${name.padEnd(34)} ${us.toFixed(1).padStart(6)} µs  ${((100 * us) / whole).toFixed(0).padStart(3)}%`);
console.log(`default scenario, ${H} weeks, ${sc.group.size} members; fastest of ${rounds} rounds of ${reps} replications`);
row('set up (streams, context, members)', setUp);
row(`the ${H} weeks' processes`, weeks);
row('recording the weekly indicators', record);
row('assembling the result', result);
row('simulate(), whole', whole);
console.log(JSON.stringify({ setUp, weeks, record, result, whole, perWeek: weeks / H, check: sink > 0 }));

/**
 * Engine benchmark: replications of the default scenario on one core (this thread), each a full
 * `simulate()` with its weekly series, events and outcome.
 *   npm run bench [-- --reps 10000 --rounds 3] [-- --built]
 * Several rounds are timed and the fastest is reported (the machine is shared; the minimum is
 * the least disturbed measurement). The last line is one JSON object. `--built` times the compiled
 * engine the package ships (lib/, from `npm run build:lib`) instead of the TypeScript sources run
 * through tsx (3-4% slower than lib/ when the two alternate in one process: docs/PERFORMANCE.md).
 */
import { existsSync } from 'node:fs';
import { flag } from './flags.ts';

type Engine = typeof import('../src/index.ts');
const built = process.argv.includes('--built');
if (built && !existsSync(new URL('../lib/index.js', import.meta.url))) throw new Error('--built: lib/index.js not found; run npm run build:lib first');
const { defaultScenario, simulate } = (await import(built ? '../lib/index.js' : '../src/index.ts')) as Engine;

const reps = flag('--reps', 10_000);
const rounds = flag('--rounds', 3);
const sc = defaultScenario();

let peakRss = process.memoryUsage().rss;
const rssAt: number[] = [];
function round(offset: number) {
  let memberWeeks = 0;
  let pairUpdates = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    const { work } = simulate(sc, { replication: offset + r });
    memberWeeks += work.memberWeeks;
    pairUpdates += work.pairUpdates;
    if ((r & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rssAt.push(process.memoryUsage().rss);
  return { seconds, memberWeeks, pairUpdates };
}

round(1_000_000_000); // warm-up: lets the JIT settle so rounds measure steady state
const results = [];
for (let k = 0; k < rounds; k++) {
  const r = round(0);
  results.push(r);
  console.log(`round ${k + 1}: ${reps} replications in ${r.seconds.toFixed(3)} s`);
}
const best = results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const out = {
  engine: built ? 'lib' : 'src',
  replications: reps,
  seconds: +best.seconds.toFixed(3),
  replicationsPerSecond: Math.round(reps / best.seconds),
  memberWeeksPerSecond: Math.round(best.memberWeeks / best.seconds),
  pairUpdatesPerSecond: Math.round(best.pairUpdates / best.seconds),
  peakRssMb: +(peakRss / 2 ** 20).toFixed(1),
  rssAfterEachRoundMb: rssAt.map((b) => +(b / 2 ** 20).toFixed(1)),
};
console.log(`default scenario: ${sc.group.size} members, ${sc.horizonWeeks} weeks; ${built ? 'compiled engine (lib/)' : 'sources through tsx'}; best of ${rounds} rounds`);
console.log(`  ${out.replicationsPerSecond} replications/s, ${out.memberWeeksPerSecond} member-weeks/s, ${out.pairUpdatesPerSecond} pair-updates/s, peak RSS ${out.peakRssMb} MB`);
console.log(JSON.stringify(out));

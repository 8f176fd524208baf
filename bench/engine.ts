/**
 * Engine benchmark: replications of the default scenario on one core (this thread).
 * Prints replications/s, member-weeks/s and pair-updates/s; the last line is one JSON object.
 *   npm run bench [-- --reps 10000]
 */
import { defaultScenario, simulate } from '../src/index.ts';

const arg = process.argv.indexOf('--reps');
const reps = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
const sc = defaultScenario();

// Warm up the JIT so the figures describe steady state, then measure.
for (let r = 0; r < 500; r++) simulate(sc, { replication: 1_000_000 + r });

let peakRss = process.memoryUsage().rss;
let memberWeeks = 0;
let pairUpdates = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < reps; r++) {
  const res = simulate(sc, { replication: r });
  // Weeks actually simulated: a dissolved group stops at its dissolution week.
  const lived = res.outcome.status === 'dissolved' ? (res.outcome.statusWeek ?? 0) + 1 : res.weeks;
  const n = res.members.length;
  memberWeeks += n * lived;
  pairUpdates += n * (n - 1) * lived;
  if ((r & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const out = {
  replications: reps,
  seconds: +seconds.toFixed(3),
  replicationsPerSecond: Math.round(reps / seconds),
  memberWeeksPerSecond: Math.round(memberWeeks / seconds),
  pairUpdatesPerSecond: Math.round(pairUpdates / seconds),
  peakRssMb: +(peakRss / 2 ** 20).toFixed(1),
};
console.log(`${reps} replications of the default scenario (${sc.group.size} members, ${sc.horizonWeeks} weeks) in ${out.seconds} s`);
console.log(`  ${out.replicationsPerSecond} replications/s, ${out.memberWeeksPerSecond} member-weeks/s, ${out.pairUpdatesPerSecond} pair-updates/s, peak RSS ${out.peakRssMb} MB`);
console.log(JSON.stringify(out));

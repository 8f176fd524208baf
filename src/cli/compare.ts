/** `kube-sim compare`: scenario A against B, paired by replication (common random numbers). */
import { z } from 'zod';
import { PairedComparison, type Comparison } from '../experiment/compare.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import { common, parseFlags, UsageError } from './args.ts';
import { load, manifest, rupiah, runJob } from './common.ts';
import { outcomeName } from '../experiment/outcome-names.ts';
import { RUN_FIELDS } from '../experiment/outcomes.ts';
import { headlineJson } from '../experiment/report.ts';
import { summariseWorlds } from '../experiment/worlds.ts';
import { checkWorldsFlags, worldList, worldsResults, worldsShape, WORLDS_OPTIONS } from './worlds-run.ts';
import { compareWorldsTable, worldsJson } from './worlds-report.ts';

export const COMPARE_HELP = `kube-sim compare <a> <b> --reps N [--seed N] [--workers N] [--set PATH=VALUE]... [--roster FILE.csv] [--json]
kube-sim compare <a> <b> --worlds W --reps N [--worlds-from calibrated|prior] [--out FILE.jsonl [--shard I/N]] [--join FILE.jsonl]...
    Replication r of A and of B share their luck, so each difference is the effect of
    what differs between the scenarios. Prints A, B, B − A with its 95% interval, and
    the probability that B is better. --set and --roster apply to both.
    --worlds W runs both in W plausible worlds (N pairs each): the spread of each outcome
    across worlds, the share of worlds where B is better (with its interval from luck),
    each package's regret, cost per surviving group. --worlds-from calibrated (default:
    the calibration's worlds, W at most their number) or prior (W drawn over the
    constants' prior ranges). --out keeps each world's results (resumable); --shard I/N
    runs a 1/N of the worlds; --join summarises the shards' files.`;

export async function compareCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'compare',
    args,
    { reps: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, world: { type: 'string' }, ...WORLDS_OPTIONS },
    { ...common, json: z.boolean().optional(), ...worldsShape },
  );
  checkWorldsFlags('compare', flags);
  if (positionals.length !== 2) throw new UsageError(`compare: expected two scenarios A and B, got ${positionals.length}`);
  if (flags.reps === undefined) throw new UsageError('compare: --reps N is required (pairs of replications, e.g. --reps 1000)');
  const a = load(positionals[0], flags.set, flags.roster, flags.world);
  const b = load(positionals[1], flags.set, flags.roster, flags.world);
  if (a.scenario.horizonWeeks !== b.scenario.horizonWeeks) {
    throw new UsageError(`compare: A runs ${a.scenario.horizonWeeks} weeks and B ${b.scenario.horizonWeeks}; outcomes at the horizon compare only at the same horizon (use --set horizonWeeks=N)`);
  }
  const seed = flags.seed ?? a.scenario.seed;
  const startedAt = new Date();
  if (flags.worlds !== undefined) {
    const source = flags['worlds-from'] ?? 'calibrated';
    const { worlds, file } = worldList(source, flags.worlds, seed);
    const results = await worldsResults({ command: 'compare', packages: [a, b], worlds, source, seed, reps: flags.reps, workers: flags.workers, out: flags.out, shard: flags.shard }, flags.join);
    if (typeof results === 'number') return results;
    if (flags.shard && flags.shard.count > 1) {
      process.stdout.write(`Wrote ${flags.out}: worlds ${results[0]?.world ?? 0}–${(results.at(-1)?.world ?? -1)} of ${flags.worlds} (shard ${flags.shard.index}/${flags.shard.count}); when every shard is done, the same command with --join FILE for each shard (and no --out, --shard) summarises them.\n`);
      return 0;
    }
    const summary = summariseWorlds(results, [a.scenario.name, b.scenario.name]);
    const info = { count: worlds.length, source, file };
    if (flags.json) {
      const doc = {
        ...manifest({ a: { scenario: a.scenario.name, scenarioFile: a.path, scenarioHash: a.hash }, b: { scenario: b.scenario.name, scenarioFile: b.path, scenarioHash: b.hash }, set: a.set, seed, replications: flags.reps }, startedAt),
        worlds: worldsJson(summary, info),
      };
      process.stdout.write(`${JSON.stringify(doc)}\n`);
    } else process.stdout.write(compareWorldsTable(summary, info, flags.reps, seed));
    return 0;
  }
  const job: JobSpec = { scenarios: [a.scenario, b.scenario], seed, replications: flags.reps, order: 'replication', series: false };
  const cmp = new PairedComparison(a.scenario, b.scenario);
  await runJob('compare', job, { workers: flags.workers, onBatch: (batch) => cmp.add(batch.rows) });
  const result = cmp.summary(seed);
  if (flags.json) {
    const doc = {
      ...manifest({ a: { scenario: a.scenario.name, scenarioFile: a.path, scenarioHash: a.hash }, b: { scenario: b.scenario.name, scenarioFile: b.path, scenarioHash: b.hash }, set: a.set, seed, replications: flags.reps }, startedAt),
      // Each side's headline, under the ensemble's keys (survivalRate, costPerSurvivingGroup, ...).
      a: headlineJson(result.a),
      b: headlineJson(result.b),
      differences: Object.fromEntries(result.differences.map((d) => [d.key, { a: { mean: d.a.mean, ci: d.a.ci }, b: { mean: d.b.mean, ci: d.b.ci }, diff: { mean: d.diff.mean, ci: d.diff.ci }, pBetter: d.pBetter, pairsBetter: d.pairsBetter, better: d.better === 1 ? 'higher' : 'lower' }])),
    };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  } else process.stdout.write(table(a.scenario.name, b.scenario.name, seed, result));
  return 0;
}

/** Rupiah outcomes: by their unit (costPerSurvivingGroup is no run field: a ratio of means). */
const isRupiah = (key: string) => key === 'costPerSurvivingGroup' || (RUN_FIELDS.find((f) => f.key === key)?.unit.startsWith('Rp') ?? false);

/** A value of A or B. The survival share is a percentage. */
function fmt(key: string, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (isRupiah(key)) return rupiah(x);
  if (key === 'survived') return `${(100 * x).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3);
}

/**
 * A difference B − A. A difference of two shares is in percentage points ("+13.9 pp"): "13.9%"
 * would read as 13.9% of A's survival.
 */
function fmtDiff(key: string, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (key === 'survived') return `${(100 * x).toFixed(1)} pp`;
  return fmt(key, x);
}

function table(aName: string, bName: string, seed: number, c: Comparison): string {
  const rows = c.differences.map((d) => [
    outcomeName(d.key),
    fmt(d.key, d.a.mean),
    fmt(d.key, d.b.mean),
    `${fmtDiff(d.key, d.diff.mean)} [${fmtDiff(d.key, d.diff.ci[0])}, ${fmtDiff(d.key, d.diff.ci[1])}]`,
    // A normal approximation is never that sure: no flat 0% or 100% (the JSON keeps the number).
    d.pBetter > 0.99 ? '>99%' : d.pBetter < 0.01 ? '<1%' : `${(100 * d.pBetter).toFixed(0)}%`,
  ]);
  const head = ['outcome', `A: ${aName}`, `B: ${bName}`, 'B − A [95% interval]', 'P(B better)'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ')}`;
  return [`${c.replications} paired replications, seed ${seed} (pp: percentage points)`, line(head), ...rows.map(line), ''].join('\n');
}

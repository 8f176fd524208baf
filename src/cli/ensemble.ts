/** `kube-sim ensemble`: many replications of one scenario, summarised. */
import { resolve } from 'node:path';
import { Ensemble, type EnsembleSummary, type Headline } from '../experiment/ensemble.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import { F, RUN_FIELD_KEYS } from '../experiment/outcomes.ts';
import { DISSOLUTION_CAUSE_TEXT, type DissolutionCause } from '../model/index.ts';
import type { Estimate } from '../experiment/stats.ts';
import { bandsJson, jsonSummary } from '../experiment/report.ts';
import { AtomicWriter, writeFileAtomic } from '../io/atomic.ts';
import { runCsvLine, RUNS_CSV_HEADER } from '../io/csv.ts';
import { z } from 'zod';
import { common, outPath, parseFlags, UsageError } from './args.ts';
import { checkWritable, load, manifest, rupiah, runJob, type Loaded } from './common.ts';
import { summariseWorlds } from '../experiment/worlds.ts';
import { checkWorldsFlags, worldList, worldsResults, worldsShape, WORLDS_OPTIONS, type WorldsFlags } from './worlds-run.ts';
import { ensembleWorldsTable, worldsJson } from './worlds-report.ts';

export const ENSEMBLE_HELP = `kube-sim ensemble <scenario> --reps N [--seed N] [--workers N] [--set PATH=VALUE]...
                  [--roster FILE.csv] [--json] [--out summary.json] [--runs runs.csv] [--check]
    Replications 0..N-1 of one scenario: survival, outcomes with 95% intervals, cost.
    --out writes the summary with per-week quantile bands of every indicator and the
    survival curve; --runs writes one CSV row per run (+ runs.csv.json manifest).
    --check checks the model's invariants every week of every run (debug mode).
kube-sim ensemble <scenario> --worlds W --reps N [--worlds-from calibrated|prior] [--out FILE.jsonl [--shard I/N]] [--join FILE.jsonl]...
    The scenario in W plausible worlds, N replications each: the median and 90% range
    of each outcome's world means, and cost per surviving group across worlds. --out,
    --shard and --join as for compare --worlds.`;

export async function ensembleCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'ensemble',
    args,
    { ...WORLDS_OPTIONS, reps: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' }, runs: { type: 'string' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, world: { type: 'string' }, check: { type: 'boolean' } },
    // --out is a summary .json, or with --worlds the per-world results .jsonl.
    { ...common, json: z.boolean().optional(), ...worldsShape, out: outPath('--out', ['.json', '.jsonl']).optional(), runs: outPath('--runs', ['.csv']).optional() },
  );
  if (flags.worlds !== undefined) return ensembleWorlds(flags, positionals);
  if (flags.out?.toLowerCase().endsWith('.jsonl')) throw new UsageError(`--out: got "${flags.out}"; allowed: a path ending in .json (a .jsonl of per-world results goes with --worlds W)`);
  checkWorldsFlags('ensemble', { ...flags, out: undefined });
  if (positionals.length !== 1) throw new UsageError(`ensemble: expected one scenario (a JSON file or a built-in name), got ${positionals.length}`);
  if (flags.reps === undefined) throw new UsageError('ensemble: --reps N is required (how many replications, e.g. --reps 1000)');
  const loaded = load(positionals[0], flags.set, flags.roster, flags.world);
  const out = flags.out ? resolve(flags.out) : null;
  const runsPath = flags.runs ? resolve(flags.runs) : null;
  if (out) checkWritable(out, '--out');
  if (runsPath) checkWritable(runsPath, '--runs');
  const seed = flags.seed ?? loaded.scenario.seed;
  const startedAt = new Date();
  const summary = await runEnsemble(loaded, seed, flags.reps, flags.workers, !!out, runsPath, flags.check);
  const doc = {
    ...manifest({ scenario: loaded.scenario.name, scenarioFile: loaded.path, scenarioHash: loaded.hash, set: loaded.set, seed, replications: flags.reps }, startedAt),
    ...jsonSummary(summary),
  };
  if (out) writeFileAtomic(out, `${JSON.stringify({ ...doc, scenarioResolved: loaded.scenario, bands: bandsJson(summary) })}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
  else process.stdout.write(table(loaded, seed, summary));
  return 0;
}

/** `ensemble --worlds W`: the scenario across W plausible worlds. */
async function ensembleWorlds(flags: WorldsFlags & { reps?: number; seed?: number; workers?: number; json?: boolean; set: string[]; roster?: string; runs?: string; check?: boolean }, positionals: string[]): Promise<number> {
  checkWorldsFlags('ensemble', flags);
  if (flags.runs || flags.check) throw new UsageError(`ensemble: ${flags.runs ? '--runs' : '--check'} goes with a single world; with --worlds W, --out FILE.jsonl keeps each world's results`);
  if (flags.out && !flags.out.toLowerCase().endsWith('.jsonl')) throw new UsageError(`--out: got "${flags.out}"; allowed with --worlds: a path ending in .jsonl (each world's results)`);
  if (positionals.length !== 1) throw new UsageError(`ensemble: expected one scenario (a JSON file or a built-in name), got ${positionals.length}`);
  if (flags.reps === undefined) throw new UsageError('ensemble: --reps N is required (replications in each world, e.g. --reps 100)');
  const loaded = load(positionals[0], flags.set, flags.roster);
  const seed = flags.seed ?? loaded.scenario.seed;
  const startedAt = new Date();
  const source = flags['worlds-from'] ?? 'calibrated';
  const { worlds, file } = worldList(source, flags.worlds!, seed);
  const results = await worldsResults({ command: 'ensemble', packages: [loaded], worlds, source, seed, reps: flags.reps, workers: flags.workers, out: flags.out, shard: flags.shard }, flags.join);
  if (typeof results === 'number') return results;
  if (flags.shard && flags.shard.count > 1) {
    process.stdout.write(`Wrote ${flags.out}: worlds ${results[0]?.world ?? 0}–${results.at(-1)?.world ?? -1} of ${flags.worlds} (shard ${flags.shard.index}/${flags.shard.count}); when every shard is done, the same command with --join FILE for each shard (and no --out, --shard) summarises them.\n`);
    return 0;
  }
  const summary = summariseWorlds(results, [loaded.scenario.name]);
  const info = { count: worlds.length, source, file };
  if (flags.json) {
    const doc = { ...manifest({ scenario: loaded.scenario.name, scenarioFile: loaded.path, scenarioHash: loaded.hash, set: loaded.set, seed, replications: flags.reps }, startedAt), worlds: worldsJson(summary, info) };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  } else process.stdout.write(ensembleWorldsTable(summary, info, flags.reps, seed));
  return 0;
}

/** Run the ensemble on a pool, writing per-run rows to `runsPath` as they arrive (in order). */
export async function runEnsemble(loaded: Loaded, seed: number, reps: number, workers: number | undefined, bands: boolean, runsPath: string | null, check = false): Promise<EnsembleSummary> {
  const job: JobSpec = { scenarios: [loaded.scenario], seed, replications: reps, order: 'point', series: bands, ...(check ? { check } : {}) };
  const ens = new Ensemble(loaded.scenario, bands);
  const runs = runsPath ? new AtomicWriter(runsPath) : null;
  runs?.write(`${RUNS_CSV_HEADER}\n`);
  const startedAt = new Date();
  try {
    await runJob('ensemble', job, {
      workers,
      // Each batch is folded into the bands and written out here; nothing keeps its series.
      recycle: true,
      onBatch(b) {
        ens.add(b.rows, b.series, b.bins);
        if (runs) {
          const lines: string[] = [];
          for (let j = b.from; j < b.to; j++) {
            const o = (j - b.from) * F;
            lines.push(runCsvLine(b.rows, o, j, seed));
          }
          runs.write(`${lines.join('\n')}\n`);
        }
      },
    });
    if (runs) {
      runs.commit();
      writeFileAtomic(`${runsPath}.json`, `${JSON.stringify(manifest({ scenario: loaded.scenario.name, scenarioFile: loaded.path, scenarioHash: loaded.hash, set: loaded.set, seed, replications: reps, columns: ['replication', 'seed', ...RUN_FIELD_KEYS], scenarioResolved: loaded.scenario }, startedAt), null, 2)}\n`);
    }
  } catch (e) {
    runs?.abort();
    throw e;
  }
  return ens.summary();
}

/** A number, or "–" for an interval end that is unknown (one run) or unbounded. */
const or = (x: number, f: (x: number) => string) => (Number.isFinite(x) ? f(x) : '–');
const pctOf = (x: number) => (100 * x).toFixed(1);
const pct = (e: Estimate) => `${pctOf(e.mean)}%  [${or(e.ci[0], pctOf)}, ${or(e.ci[1], pctOf)}]`;
const num = (e: Estimate, d = 2) => `${e.mean.toFixed(d)}  [${or(e.ci[0], (x) => x.toFixed(d))}, ${or(e.ci[1], (x) => x.toFixed(d))}]`;
const rp = (e: Estimate | null) => (e ? `${rupiah(e.mean)}  [${or(e.ci[0], rupiah)}, ${or(e.ci[1], rupiah)}]` : 'none survived');

/** Headline outcomes as an aligned table (each with its 95% interval). */
export function headlineRows(h: Headline): [string, string][] {
  return [
    ['survival (active at horizon)', pct(h.survivalRate)],
    ['stagnant', pct(h.stagnantRate)],
    ['dissolved', pct(h.dissolvedRate)],
    ['income per member per month', rp(h.memberIncomeMonthly)],
    ['business profit per member per month', rp(h.businessProfitMonthly)],
    ['active members at horizon', num(h.activeMembersFinal)],
    ['capital at horizon', rp(h.capitalFinal)],
    ['exits per member', num(h.exitsPerMember, 3)],
    ['misuse committed', num(h.misuseCommitted, 3)],
    ['misuse found', num(h.misuseDetected, 3)],
    ['intervention cost', rp(h.interventionCost)],
    ['cost per surviving group', rp(h.costPerSurvivingGroup)],
    ['member income per Rp spent', h.incomePerRupiah ? num(h.incomePerRupiah, 3) : 'nothing spent'],
  ];
}

function table(loaded: Loaded, seed: number, s: EnsembleSummary): string {
  const rows = headlineRows(s.headline);
  const w = Math.max(...rows.map((r) => r[0].length));
  const causes = Object.entries(s.causes)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${DISSOLUTION_CAUSE_TEXT[c as DissolutionCause]?.en ?? c} (${n} ${n === 1 ? 'run' : 'runs'})`)
    .join(', ');
  return [
    `${loaded.scenario.name}: ${s.replications} replications, seed ${seed}, ${s.weeks} weeks (mean  [95% interval])`,
    ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`),
    causes ? `  why groups dissolved: ${causes}` : '',
    '',
  ].join('\n');
}

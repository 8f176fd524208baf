/**
 * `kube-sim sensitivity`: which parameters move the outcomes. Runs a Morris or Sobol design,
 * averages each point's replications (all points share the replications' luck), and reports
 * Morris mu*, mu, sigma or Sobol first-order and total indices with bootstrap 95% intervals.
 */
import { z } from 'zod';
import { runCount } from '../experiment/jobs.ts';
import { F, FIELD, RUN_FIELDS } from '../experiment/outcomes.ts';
import { morrisIndices, sobolIndices } from '../experiment/sensitivity.ts';
import { common, MAX_REPS, parseFlags, UsageError, wholeNumber } from './args.ts';
import { load, manifest, rupiah, runJob } from './common.ts';
import { buildDesign, checkDesignPoints, designJob } from './design-flags.ts';

const DEFAULT_OUTCOMES = ['survived', 'memberIncomeMonthly', 'activeMembersFinal', 'capitalFinal'];
const NUMERIC_OUTCOMES = RUN_FIELDS.filter((f) => !f.names && f.key !== 'statusWeek').map((f) => f.key);

export const SENSITIVITY_HELP = `kube-sim sensitivity <scenario> --method morris|sobol --vary PATH=LO:HI ...
                     [--samples N] [--reps N] [--outcome KEY]... [--seed N] [--workers N] [--json]
                     [--set PATH=VALUE]... [--roster FILE.csv]
    Morris screening (--samples trajectories, default 20) or Sobol indices (--samples base
    rows N, default 256; N × (factors + 2) points). Each point is the mean of --reps
    replications (default 20). Outcomes (default ${DEFAULT_OUTCOMES.join(', ')}):
    ${NUMERIC_OUTCOMES.join(', ')}.`;

export async function sensitivityCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'sensitivity',
    args,
    {
      method: { type: 'string' }, vary: { type: 'string', multiple: true }, samples: { type: 'string' }, reps: { type: 'string' },
      outcome: { type: 'string', multiple: true }, seed: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, world: { type: 'string' }, 
    },
    {
      ...common,
      method: z.enum(['morris', 'sobol'], { error: (i) => `--method: got "${String(i.input)}"; allowed: morris or sobol` }).optional(),
      vary: z.array(z.string()).default([]),
      samples: wholeNumber('--samples', 1, MAX_REPS).optional(),
      outcome: z.array(z.enum(NUMERIC_OUTCOMES as [string, ...string[]], { error: (i) => `--outcome: got "${String(i.input)}"; allowed: ${NUMERIC_OUTCOMES.join(', ')}` })).default([]),
      json: z.boolean().optional(),
    },
  );
  if (positionals.length !== 1) throw new UsageError(`sensitivity: expected one scenario, got ${positionals.length}`);
  if (!flags.method) throw new UsageError('sensitivity: --method morris|sobol is required');
  const loaded = load(positionals[0], flags.set, flags.roster, flags.world);
  const seed = flags.seed ?? loaded.scenario.seed;
  const reps = flags.reps ?? 20;
  const samples = flags.samples ?? (flags.method === 'morris' ? 20 : 256);
  const design = buildDesign(flags.method, flags.vary, samples, seed);
  checkDesignPoints(loaded.scenario, design);
  const job = designJob(loaded.scenario, design, seed, reps);
  const outcomes = flags.outcome.length ? flags.outcome : DEFAULT_OUTCOMES;
  const ys = outcomes.map(() => new Float64Array(design.points));
  const startedAt = new Date();
  await runJob('sensitivity', job, {
    workers: flags.workers,
    onBatch(b) {
      for (let j = b.from; j < b.to; j++) {
        const point = Math.floor(j / reps);
        const o = (j - b.from) * F;
        outcomes.forEach((key, i) => (ys[i][point] += b.rows[o + FIELD[key]] / reps));
      }
    },
  });
  const d = design.design!;
  const results = outcomes.map((key, i) => {
    const indices = flags.method === 'morris' ? morrisIndices(d, ys[i], { seed }) : sobolIndices(d, ys[i], { seed });
    return { outcome: key, indices, notes: notesOn(ys[i], indices) };
  });
  if (flags.json) {
    const doc = { ...manifest({ scenario: loaded.scenario.name, scenarioFile: loaded.path, scenarioHash: loaded.hash, set: loaded.set, seed, method: flags.method, samples, replications: reps, points: design.points, runs: runCount(job), factors: design.factors }, startedAt), results };
    process.stdout.write(`${JSON.stringify(doc, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
    return 0;
  }
  let f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
  const w = Math.max(...design.factors.map((x) => x.path.length));
  const lines = [`${loaded.scenario.name}: ${flags.method}, ${design.points} points × ${reps} replications, seed ${seed}`];
  for (const r of results) {
    const unit = RUN_FIELDS[FIELD[r.outcome]].unit;
    f = (x: number) => (!Number.isFinite(x) ? '–' : unit.startsWith('Rp') ? rupiah(x) : x.toFixed(3));
    lines.push('', `${r.outcome} (${unit}; ${flags.method === 'morris' ? 'effect of moving a parameter across its whole range' : 'share of the variance'})`);
    if (flags.method === 'morris') {
      lines.push(`  ${'parameter'.padEnd(w)}  ${'mu*'.padStart(10)}  ${'[95% interval]'.padStart(22)}  ${'mu'.padStart(10)}  ${'sigma'.padStart(10)}`);
      for (const x of r.indices as ReturnType<typeof morrisIndices>) lines.push(`  ${x.path.padEnd(w)}  ${f(x.muStar).padStart(10)}  ${`[${f(x.muStarCi[0])}, ${f(x.muStarCi[1])}]`.padStart(22)}  ${f(x.mu).padStart(10)}  ${f(x.sigma).padStart(10)}`);
    } else {
      lines.push(`  ${'parameter'.padEnd(w)}  ${'first'.padStart(7)}  ${'[95% interval]'.padStart(17)}  ${'total'.padStart(7)}  ${'[95% interval]'.padStart(17)}`);
      for (const x of r.indices as ReturnType<typeof sobolIndices>) lines.push(`  ${x.path.padEnd(w)}  ${f(x.first).padStart(7)}  ${`[${f(x.firstCi[0])}, ${f(x.firstCi[1])}]`.padStart(17)}  ${f(x.total).padStart(7)}  ${`[${f(x.totalCi[0])}, ${f(x.totalCi[1])}]`.padStart(17)}`);
    }
    for (const n of r.notes) lines.push(`  note: ${n}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * What a reader should know about an outcome's indices: that it did not vary at all over the
 * design (indices are undefined), or that Sobol estimates left [0, 1] by more than noise (too few
 * samples for this outcome).
 */
function notesOn(y: Float64Array, indices: ReadonlyArray<object>): string[] {
  const notes: string[] = [];
  if (y.every((v) => v === y[0])) notes.push(`every design point gave the same mean (${y[0]}): no variation to attribute`);
  const values = indices.flatMap((x) => ['first', 'total'].map((k) => (x as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number'));
  if (values.some((v) => v < -0.1 || v > 1.1)) notes.push('some indices are far outside [0, 1]: too few samples for this outcome; raise --samples (and --reps)');
  return notes;
}

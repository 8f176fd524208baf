/** `kube-sim run`: one replication, with its weekly series, events and outcome. */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { csvLine, weekCells } from '../io/csv.ts';
import { DISSOLUTION_CAUSE_TEXT, eventList, INDICATORS, simulate, type RunResult, type Scenario } from '../model/index.ts';
import { common, outPath, parseFlags, UsageError, wholeNumber } from './args.ts';
import { checkWritable, holdingInterrupts, load, rupiah, VERSION } from './common.ts';

export const RUN_HELP = `kube-sim run <scenario> [--seed N] [--replication N] [--set PATH=VALUE]... [--roster FILE.csv]
              [--out run.json|run.csv] [--check]
    One replication. Prints the outcome; --out writes the weekly series, events,
    members and outcome as JSON, or the weekly series as a tidy CSV (one row per week).
    In events, member numbers are 0-based indexes into the members list (-1: none).
    --check checks the model's invariants every week (debug mode; same numbers, slower).`;

export async function runCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'run',
    args,
    { seed: { type: 'string' }, replication: { type: 'string' }, out: { type: 'string' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, world: { type: 'string' }, check: { type: 'boolean' } },
    { seed: common.seed, replication: wholeNumber('--replication', 0, 4294967295).optional(), out: outPath('--out', ['.json', '.csv']).optional(), set: common.set, roster: common.roster, world: common.world, check: common.check },
  );
  if (positionals.length !== 1) throw new UsageError(`run: expected one scenario (a JSON file or a built-in name), got ${positionals.length}`);
  const { scenario, path } = load(positionals[0], flags.set, flags.roster, flags.world);
  const out = flags.out ? resolve(flags.out) : null;
  if (out) checkWritable(out, '--out');
  const result = simulate(scenario, { seed: flags.seed, replication: flags.replication, check: flags.check });
  // Write first: a failed write must not look like a finished run.
  if (out) {
    const text = out.toLowerCase().endsWith('.csv') ? weeklyCsv(result) : `${JSON.stringify(runDocument(scenario, path, result, args))}\n`;
    await holdingInterrupts(flags.out!, () => writeFileAtomic(out, text));
  }
  process.stdout.write(summary(scenario, result));
  if (flags.out) process.stdout.write(`Wrote ${flags.out}: ${INDICATORS.length} series × ${result.weeks} weeks${out!.endsWith('.json') ? `, ${result.events.count} events` : ''}\n`);
  return 0;
}

/** One row per week: seed, replication, week, then every indicator (see weekCells). */
function weeklyCsv(r: RunResult): string {
  const block = new Float64Array(r.series[INDICATORS[0].key].buffer, 0, INDICATORS.length * r.weeks);
  const end = r.outcome.status === 'dissolved' ? r.outcome.statusWeek! : r.weeks;
  const lines = [csvLine(['seed', 'replication', 'week', ...INDICATORS.map((d) => d.key)])];
  for (let t = 0; t < r.weeks; t++) lines.push(csvLine([r.seed, r.replication, t + 1, ...weekCells(block, 0, r.weeks, t, end)]));
  return `${lines.join('\n')}\n`;
}

function summary(sc: Scenario, r: RunResult): string {
  const o = r.outcome;
  const fate =
    o.status === 'active'
      ? `active after ${r.weeks} weeks`
      : o.status === 'stagnant'
        ? `stagnant since week ${o.statusWeek! + 1}`
        : `dissolved in week ${o.statusWeek! + 1}: ${DISSOLUTION_CAUSE_TEXT[o.cause!].en}`;
  return [
    `${sc.name}: seed ${r.seed}, replication ${r.replication}, ${r.weeks} weeks`,
    `Outcome: ${fate}`,
    o.status === 'dissolved'
      ? `  members left         ${o.membersAtEnd} of ${r.members.length} when it ended`
      : `  active members       ${o.activeMembers} of ${r.members.length}`,
    `  capital              ${rupiah(o.capital)}`,
    `  IKS fund             ${rupiah(o.iksFund)}`,
    `  income per member    ${rupiah(o.incomePerMemberMonthly)} a month`,
    `  exits ${o.exits} · misuse committed ${o.misuseCommitted} (found ${o.misuseDetected}) · leader changes ${o.leaderChanges} · facilitator visits ${o.mentorVisits}`,
    `  intervention cost    ${rupiah(o.interventionCost)}`,
    '',
  ].join('\n');
}

/** The JSON written by `run --out`: everything needed to read and reproduce the run. */
function runDocument(sc: Scenario, path: string, r: RunResult, args: string[]) {
  return {
    kubeSim: VERSION,
    command: ['kube-sim', 'run', ...args].join(' '),
    scenarioFile: path,
    // The scenario with the run's seed in it: running this scenario again gives this run.
    scenario: { ...sc, seed: r.seed },
    seed: r.seed,
    replication: r.replication,
    weeks: r.weeks,
    outcome: r.outcome,
    members: r.members,
    events: eventList(r.events),
    indicators: INDICATORS.map(({ key, unit, text }) => ({ key, unit, text })),
    series: Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, Array.from(v)])),
  };
}

/** `kube-sim discover`: where, across plausible worlds, B fails to beat A (PRIM scenario discovery). */
import { z } from 'zod';
import { discoverWorlds, type DiscoverTarget, type Discovery } from '../experiment/discover.ts';
import { formatBound } from '../experiment/prim.ts';
import { CONSTANT_LABELS } from '../experiment/world-words.ts';
import { WORLD_OUTCOMES } from '../experiment/worlds.ts';
import { CONSTANTS, type ConstantName } from '../model/index.ts';
import { common, parseFlags, UsageError, wholeNumber } from './args.ts';
import { load, manifest } from './common.ts';
import { checkWorldsFlags, worldList, worldsResults, worldsShape, WORLDS_OPTIONS } from './worlds-run.ts';

export const DISCOVER_HELP = `kube-sim discover <a> <b> --worlds W --reps N [--outcome KEY] [--worlds-from calibrated|prior]
kube-sim discover <scenario> --worlds W --reps N --below LEVEL [--outcome KEY] ...
                  [--threshold D] [--alpha A] [--min-mass M] [--boxes K] [--lang en|id] [--json]
                  [--seed N] [--workers N] [--set PATH=VALUE]... [--out FILE.jsonl [--shard I/N]] [--join FILE.jsonl]...
    Scenario discovery (PRIM, Friedman & Fisher 1999) over the worlds' uncertain constants:
    the box of conditions where B fails to beat A on --outcome (default survived), or where
    one scenario's outcome falls below LEVEL. Prints each box's rule in words, its coverage
    (share of the failing worlds inside it) and density (share of the worlds inside it that
    fail), and the peeling trajectory (coverage traded for density). PRIM needs many
    worlds: --worlds-from prior --worlds 200 draws them over the constants' prior ranges.
    --out, --shard, --join as for compare --worlds (the same results files).`;

/** A decimal number in [min, max], given as text. */
const decimal = (flag: string, min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) && Number.isFinite(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${flag}: got "${text}"; allowed: a number from ${min} to ${max}` });
    return z.NEVER;
  });

const OUTCOME_KEYS = WORLD_OUTCOMES.map((o) => o.key);

export async function discoverCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'discover',
    args,
    {
      ...WORLDS_OPTIONS, reps: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, set: { type: 'string', multiple: true }, roster: { type: 'string' },
      outcome: { type: 'string' }, below: { type: 'string' }, threshold: { type: 'string' }, alpha: { type: 'string' }, 'min-mass': { type: 'string' }, boxes: { type: 'string' }, lang: { type: 'string' },
    },
    {
      ...common,
      ...worldsShape,
      json: z.boolean().optional(),
      outcome: z.enum(OUTCOME_KEYS as [string, ...string[]], { error: (i) => `--outcome: got "${String(i.input)}"; allowed: ${OUTCOME_KEYS.join(', ')}` }).optional(),
      below: decimal('--below', -1e15, 1e15).optional(),
      threshold: decimal('--threshold', 0, 1).optional(),
      alpha: decimal('--alpha', 0.01, 0.5).optional(),
      'min-mass': decimal('--min-mass', 0, 1).optional(),
      boxes: wholeNumber('--boxes', 1, 10).optional(),
      lang: z.enum(['en', 'id'], { error: (i) => `--lang: got "${String(i.input)}"; allowed: en or id` }).optional(),
    },
  );
  if (flags.worlds === undefined) throw new UsageError('discover: --worlds W is required (the plausible worlds to search, e.g. --worlds 12, or --worlds 200 --worlds-from prior)');
  checkWorldsFlags('discover', flags);
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`discover: expected two scenarios A and B (where does B fail to beat A?) or one with --below LEVEL, got ${positionals.length}`);
  if (positionals.length === 1 && flags.below === undefined) throw new UsageError('discover: with one scenario, --below LEVEL is required (where does its outcome fall below LEVEL?)');
  if (positionals.length === 2 && flags.below !== undefined) throw new UsageError('discover: --below goes with one scenario; with two, the worlds sought are those where B fails to beat A');
  if (flags.reps === undefined) throw new UsageError('discover: --reps N is required (replications in each world, e.g. --reps 100)');
  const packages = positionals.map((p) => load(p, flags.set, flags.roster));
  if (packages.length === 2 && packages[0].scenario.horizonWeeks !== packages[1].scenario.horizonWeeks) {
    throw new UsageError(`discover: A runs ${packages[0].scenario.horizonWeeks} weeks and B ${packages[1].scenario.horizonWeeks}; outcomes at the horizon compare only at the same horizon (use --set horizonWeeks=N)`);
  }
  const seed = flags.seed ?? packages[0].scenario.seed;
  const startedAt = new Date();
  const source = flags['worlds-from'] ?? 'calibrated';
  const { worlds, file } = worldList(source, flags.worlds, seed);
  const results = await worldsResults({ command: 'discover', packages, worlds, source, seed, reps: flags.reps, workers: flags.workers, out: flags.out, shard: flags.shard }, flags.join);
  if (typeof results === 'number') return results;
  if (flags.shard && flags.shard.count > 1) {
    process.stdout.write(`Wrote ${flags.out}: worlds ${results[0]?.world ?? 0}–${results.at(-1)?.world ?? -1} of ${flags.worlds} (shard ${flags.shard.index}/${flags.shard.count}); when every shard is done, the same command with --join FILE for each shard (and no --out, --shard) finds the boxes.\n`);
    return 0;
  }
  const outcome = flags.outcome ?? 'survived';
  const target: DiscoverTarget = packages.length === 2 ? { kind: 'fails', outcome } : { kind: 'below', outcome, level: flags.below!, package: 0 };
  const names = packages.map((p) => p.scenario.name);
  const d = discoverWorlds(results, target, packages.length === 2 ? names : [names[0], names[0]], { threshold: flags.threshold, alpha: flags.alpha, minMass: flags['min-mass'], maxBoxes: flags.boxes });
  if (flags.json) {
    const doc = {
      ...manifest({ scenarios: packages.map((p) => ({ scenario: p.scenario.name, scenarioFile: p.path, scenarioHash: p.hash })), set: packages[0].set, seed, replications: flags.reps, worlds: { count: worlds.length, source, file } }, startedAt),
      discovery: discoveryJson(d),
    };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  } else process.stdout.write(discoveryText(d, flags.lang ?? 'en', worlds.length, source, flags.reps));
  return 0;
}

/** The discovery as stable JSON: each box's rule (with both texts), coverage, density and trajectory. */
export function discoveryJson(d: Discovery) {
  return {
    target: d.target,
    question: d.question,
    worlds: d.worlds,
    cases: d.cases,
    boxes: d.boxes.map((b) => ({
      text: b.text,
      rule: b.rule.map((r) => ({ ...r, label: CONSTANT_LABELS[r.name as ConstantName], prior: [CONSTANTS[r.name as ConstantName].low, CONSTANTS[r.name as ConstantName].high] })),
      coverage: b.coverage,
      density: b.density,
      mass: b.mass,
      cases: b.cases,
      points: b.points,
      meetsThreshold: b.meetsThreshold,
      chosenStep: b.chosenStep,
      trajectory: b.trajectory,
    })),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** The discovery in words, in one language, with each box's trade-off. */
export function discoveryText(d: Discovery, lang: 'en' | 'id', W: number, source: string, reps: number): string {
  const en = lang === 'en';
  const lines = [
    en ? `${W} ${source} worlds × ${reps} replications each.` : `${W} dunia (${source === 'prior' ? 'diambil dari rentang awal konstanta' : 'terkalibrasi'}) × ${reps} ulangan masing-masing.`,
    d.question[lang],
    en ? `${d.cases} of ${d.worlds} worlds are cases.` : `${d.cases} dari ${d.worlds} dunia termasuk kasus.`,
  ];
  if (d.cases === 0) lines.push(en ? 'No world is a case: there is nothing to discover.' : 'Tidak ada dunia yang termasuk kasus: tidak ada yang perlu dicari.');
  if (d.cases === d.worlds && d.worlds > 0) lines.push(en ? 'Every world is a case: it holds whatever the constants (within these worlds).' : 'Semua dunia termasuk kasus: berlaku apa pun nilai konstantanya (di dunia-dunia ini).');
  d.boxes.forEach((b, i) => {
    lines.push(
      '',
      en
        ? `Box ${i + 1}: coverage ${pct(b.coverage)} (${b.cases} of ${d.cases} cases inside), density ${pct(b.density)} (${b.cases} of ${b.points} worlds inside are cases)${b.meetsThreshold ? '' : '; below the density threshold'}`
        : `Kotak ${i + 1}: cakupan ${pct(b.coverage)} (${b.cases} dari ${d.cases} kasus di dalam), kepadatan ${pct(b.density)} (${b.cases} dari ${b.points} dunia di dalam adalah kasus)${b.meetsThreshold ? '' : '; di bawah ambang kepadatan'}`,
      `  ${b.text[lang]}`,
      ...b.rule.map((r) => {
        const c = CONSTANTS[r.name as ConstantName];
        const range = `${r.lo === null ? formatBound(c.low, lang) : formatBound(r.lo, lang)} – ${r.hi === null ? formatBound(c.high, lang) : formatBound(r.hi, lang)}`;
        return `    ${r.name}: ${range} (${en ? 'prior' : 'rentang awal'} ${formatBound(c.low, lang)} – ${formatBound(c.high, lang)})`;
      }),
      en
        ? '  peeling trajectory (step: coverage, density, worlds inside, constants restricted; * chosen, before pasting and dropping restrictions that are not significant):'
        : '  lintasan pengupasan (langkah: cakupan, kepadatan, dunia di dalam, konstanta dibatasi; * dipilih, sebelum penempelan dan pembuangan batasan yang tidak signifikan):',
      ...b.trajectory.map((s, t) => `   ${t === b.chosenStep ? '*' : ' '}${String(t).padStart(3)}: ${pct(s.coverage).padStart(4)}  ${pct(s.density).padStart(4)}  ${String(Math.round(s.mass * d.worlds)).padStart(5)}  ${s.restricted}`),
    );
  });
  return `${lines.join('\n')}\n`;
}

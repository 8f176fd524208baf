/**
 * Every lever's paired effect (common random numbers) beside the range the evidence supports
 * (docs/EVIDENCE.md): the business's profit per member over 3 years (%; income paid out beside it), survival at 3 and 5 years (pp), misuse
 * committed in 3 years (%). A mark says whether the 95% interval sits inside the evidence's range.
 *   npm run effects [-- --reps 1000] [--seed 1] [--lever id] [--json]
 */
import { parseArgs } from 'node:util';
import { LEVERS, leverEffect, type EffectMeasure } from '../src/experiment/effects.ts';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, lever: { type: 'string' }, json: { type: 'boolean', default: false } } });
const reps = Number(values.reps);
const seed = Number(values.seed);
if (!Number.isInteger(reps) || reps < 2) throw new Error(`--reps: got ${values.reps}; allowed: a whole number of at least 2`);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: got ${values.seed}; allowed: a whole number from 0`);
const levers = values.lever ? LEVERS.filter((l) => l.id === values.lever) : LEVERS;
if (levers.length === 0) throw new Error(`--lever: got ${values.lever}; allowed: ${LEVERS.map((l) => l.id).join(', ')}`);

const fmt = (m: EffectMeasure, unit: string) => {
  if (Number.isNaN(m.mean)) return 'n/a'.padEnd(34);
  const s = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  const range = m.range ? `[${s(m.range[0])}, ${s(m.range[1])}]` : '(none)';
  const mark = m.inside === null ? ' ' : m.inside ? '✓' : '✗';
  return `${s(m.mean)}${unit} [${s(m.ci[0])}, ${s(m.ci[1])}] ${mark} ev ${range}`.padEnd(50);
};
const results = levers.map((l) => leverEffect(l, reps, seed));
if (values.json) {
  console.log(JSON.stringify({ reps, seed, levers: results.map(({ lever, ...r }) => ({ id: lever.id, label: lever.label, source: lever.evidence.source, ...r })) }, null, 2));
} else {
  console.log(`Paired effects, ${reps} replications each, seed ${seed}; ✓ = 95% interval inside the evidence's range (docs/EVIDENCE.md)`);
  for (const r of results) {
    console.log(`\n${r.lever.label}   [${r.lever.evidence.source}]`);
    console.log(`  profit/member (3 y)  ${fmt(r.profitPct, '%')}  Rp ${Math.round(r.profitPct.a / 1000)}k → ${Math.round(r.profitPct.b / 1000)}k a month`);
    console.log(`  paid out/member      ${fmt(r.payoutPct, '%')}  Rp ${Math.round(r.payoutPct.a / 1000)}k → ${Math.round(r.payoutPct.b / 1000)}k a month`);
    console.log(`  survival at 3 y      ${fmt(r.survival3, 'pp')}  ${(100 * r.survival3.a).toFixed(1)}% → ${(100 * r.survival3.b).toFixed(1)}%`);
    console.log(`  survival at 5 y      ${fmt(r.survival5, 'pp')}  ${(100 * r.survival5.a).toFixed(1)}% → ${(100 * r.survival5.b).toFixed(1)}%`);
    console.log(`  misuse / year alive  ${fmt(r.misusePct, '%')}  ${r.misusePct.a.toFixed(2)} → ${r.misusePct.b.toFixed(2)} a year alive`);
  }
}

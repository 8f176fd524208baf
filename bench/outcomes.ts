/**
 * A quick look at what the model does with a few packages and group types, over many seeds:
 * share still active, stagnant, income per member per month among active groups, causes of
 * dissolution. A quick probe for model work; `kube-sim validate` measures the model against the evidence.
 *   node --import tsx bench/outcomes.ts [replications, default 300]
 */
import { readFileSync } from 'node:fs';
import { BUSINESS_TYPES, parseScenario, simulate } from '../src/index.ts';

const reps = Number(process.argv[2] ?? 300);
if (!Number.isInteger(reps) || reps < 1) throw new Error(`replications must be a positive whole number, got ${process.argv[2]}`);
// The case groups as shipped (only what the case study observed; docs/VALIDATION.md).
const file = (name: string) => JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8'));
const cempakaLike = file('cempaka');
const tulipLike = file('tulip');
const variants: Record<string, object> = {
  'default, 3 years': {},
  'default, 5 years': { horizonWeeks: 260 },
  'no mentoring, 5 years': { horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 0 } } },
  'Cempaka': cempakaLike,
  'Tulip': tulipLike,
  'weekly meetings': { group: { meetingIntervalWeeks: 1 } },
  'grant Rp 50m': { intervention: { grant: { amount: 50_000_000 } } },
  'grant Rp 10m': { intervention: { grant: { amount: 10_000_000 } } },
  ...Object.fromEntries(BUSINESS_TYPES.filter((t) => t !== 'livestock').map((t) => [t, { business: { type: t } }])),
};

const quantile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] : 0);
const k = (x: number) => `Rp ${Math.round(x / 1000)}k`;
console.log(`${reps} replications each (seed 1)`);
console.log('variant                 active  stagnant  income/member/month (active groups): median  p90   dissolved by');
for (const [name, input] of Object.entries(variants)) {
  const sc = parseScenario(input);
  let active = 0;
  let stagnant = 0;
  const income: number[] = [];
  const causes: Record<string, number> = {};
  for (let r = 0; r < reps; r++) {
    const o = simulate(sc, { replication: r }).outcome;
    if (o.status === 'active') {
      active++;
      income.push(o.incomePerMemberMonthly);
    } else if (o.status === 'stagnant') stagnant++;
    if (o.cause) causes[o.cause] = (causes[o.cause] ?? 0) + 1;
  }
  const by = Object.entries(causes).map(([c, n]) => `${c} ${n}`).join(', ') || '-';
  console.log(
    `${name.padEnd(22)} ${(active / reps).toFixed(2).padStart(6)} ${(stagnant / reps).toFixed(2).padStart(9)}   ${k(quantile(income, 0.5)).padStart(44)} ${k(quantile(income, 0.9)).padStart(8)}   ${by}`,
  );
}

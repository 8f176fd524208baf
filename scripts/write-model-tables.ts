/**
 * Write the tables of docs/MODEL.md §9 that come from the code, so the document cannot drift from
 * it: the uncertain constants (src/model/constants.ts, with the central world's values from
 * src/model/world.ts) and the business-type profiles (src/model/business-types.ts, with the derived
 * margins at the central world's returnScale). Each table sits between its markers in MODEL.md.
 *   node --import tsx scripts/write-model-tables.ts      (npm run docs:tables)
 * Run it after `npm run calibrate` (which rewrites world.ts) or after changing a constant or a
 * profile; test/model/model-doc.test.ts fails while MODEL.md differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUSINESS_PROFILES } from '../src/model/business-types.ts';
import { TYPICAL_STAKE } from '../src/model/context.ts';
import { CONSTANT_NAMES, CONSTANTS, type World } from '../src/model/constants.ts';
import { CENTRAL_WORLD } from '../src/model/world.ts';

export const MODEL_DOC = resolve(import.meta.dirname, '../docs/MODEL.md');

/** A generated block: its markers in MODEL.md and the function that renders its text. */
interface Block {
  begin: string;
  end: string;
  render: (world: World) => string;
}

const written = '(written by npm run docs:tables; do not edit by hand)';

/** A table cell: pipes escaped so a text cannot break the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** A number as the code holds it (no rounding: the table shows exactly what a run uses). */
const num = (x: number): string => String(x);

/** The table of uncertain constants: name, unit, prior range, central value, what it does, why. */
export function constantsTable(world: World = CENTRAL_WORLD): string {
  const rows = CONSTANT_NAMES.map((k) => {
    const c = CONSTANTS[k];
    return `| \`${k}\` | ${cell(c.unit)} | ${num(c.low)}–${num(c.high)} | ${num(world[k])} | ${cell(c.text)} | ${cell(c.reason)} |`;
  });
  return ['| Constant | Unit | Prior range | Central world | What it does | Reason / source |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Thousands separated by commas, as the rest of MODEL.md writes rupiah. */
const rupiah = (x: number): string => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The business-type profiles with three derived columns at the world's returnScale: the net
 * weekly margin on working capital when every productivity factor is 1 (grossReturn·returnScale −
 * operatingCost), the productivity needed to cover operating costs (operatingCost /
 * (grossReturn·returnScale)), and the net margin on one member's capacity (livestock, which has
 * none: on the typical stake, Rp 2.5m, where its effective herd equals its capital).
 */
export function profilesTable(world: World = CENTRAL_WORLD): string {
  const rs = world.returnScale;
  const rows = Object.entries(BUSINESS_PROFILES).map(([type, b]) => {
    const gross = b.grossReturn * rs;
    const net = gross - b.operatingCost;
    // Without a capacity (livestock) a member's share of the typical stake, Rp 2.5m, is where the effective herd equals the capital.
    const perMember = b.capacityPerMember ?? TYPICAL_STAKE;
    const capacity = b.capacityPerMember === null ? 'none (diminishing returns)' : rupiah(b.capacityPerMember);
    return `| ${type} | ${b.grossReturn.toFixed(3)} | ${gross.toFixed(4)} | ${b.operatingCost.toFixed(3)} | ${b.cycleWeeks} | ${b.volatility.toFixed(2)} | ${b.shocksPerYear.toFixed(2)} | ${b.shockLoss.toFixed(2)} | ${b.labourWeight.toFixed(1)} | ${b.trustWeight.toFixed(1)} | ${capacity} | ${net.toFixed(4)} | ${(b.operatingCost / gross).toFixed(3)} | ${rupiah(perMember * net)} |`;
  });
  return [
    `| Type | grossReturn | × returnScale (${num(rs)}) | operatingCost | cycleWeeks | volatility | shocksPerYear | shockLoss | labourWeight | trustWeight | capacityPerMember (Rp) | Net at typical | Break-even | Net per member at typical (Rp/week) |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export const BLOCKS: readonly Block[] = [
  { begin: `<!-- constants:begin ${written} -->`, end: '<!-- constants:end -->', render: constantsTable },
  { begin: `<!-- profiles:begin ${written} -->`, end: '<!-- profiles:end -->', render: profilesTable },
];

/**
 * The document with every generated block replaced by what the code gives now. Each pair of
 * markers must occur exactly once, begin before end; anything else is an error naming the marker.
 */
export function spliceTables(doc: string, world: World = CENTRAL_WORLD): string {
  let out = doc;
  for (const b of BLOCKS) {
    const i = out.indexOf(b.begin);
    const j = out.indexOf(b.end);
    if (i < 0 || out.indexOf(b.begin, i + 1) >= 0) throw new Error(`docs/MODEL.md must hold the marker ${b.begin} exactly once`);
    if (j < 0 || out.indexOf(b.end, j + 1) >= 0) throw new Error(`docs/MODEL.md must hold the marker ${b.end} exactly once`);
    if (j < i) throw new Error(`docs/MODEL.md: ${b.end} comes before ${b.begin}`);
    out = `${out.slice(0, i + b.begin.length)}\n${b.render(world)}\n${out.slice(j)}`;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const doc = readFileSync(MODEL_DOC, 'utf8');
  const next = spliceTables(doc);
  if (next === doc) console.log(`${MODEL_DOC}: tables already up to date`);
  else {
    writeFileSync(MODEL_DOC, next);
    console.log(`wrote the tables of ${MODEL_DOC}`);
  }
}

/**
 * docs/MODEL.md's generated tables (§9: the uncertain constants, the business-type profiles) are
 * exactly what scripts/write-model-tables.ts writes from the code now. When this fails, a constant,
 * its prior, the central world or a profile changed without `npm run docs:tables`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCKS, constantsTable, MODEL_DOC, profilesTable, spliceTables } from '../../scripts/write-model-tables.ts';
import { BUSINESS_PROFILES, CENTRAL_WORLD, CONSTANT_NAMES, CONSTANTS } from '../../src/model/index.ts';

const doc = readFileSync(MODEL_DOC, 'utf8');

/** The text between a block's markers in MODEL.md. */
function between(text: string, begin: string, end: string): string {
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  expect(i, `marker ${begin}`).toBeGreaterThanOrEqual(0);
  expect(j, `marker ${end}`).toBeGreaterThan(i);
  return text.slice(i + begin.length, j).trim();
}

describe('docs/MODEL.md generated tables', () => {
  it('the constants table in MODEL.md is what the script writes from CONSTANTS and CENTRAL_WORLD', () => {
    expect(between(doc, BLOCKS[0].begin, BLOCKS[0].end)).toBe(constantsTable());
  });

  it('the business-profiles table in MODEL.md is what the script writes from BUSINESS_PROFILES', () => {
    expect(between(doc, BLOCKS[1].begin, BLOCKS[1].end)).toBe(profilesTable());
  });

  it('running the script on MODEL.md would change nothing', () => {
    expect(spliceTables(doc) === doc, 'docs/MODEL.md is stale: run npm run docs:tables').toBe(true);
  });

  it('the constants table has one row per constant, with its prior and central value', () => {
    const rows = constantsTable().split('\n').slice(2);
    expect(rows).toHaveLength(CONSTANT_NAMES.length);
    CONSTANT_NAMES.forEach((k, r) => {
      const cells = rows[r].split(' | ');
      expect(cells[0]).toBe(`| \`${k}\``);
      expect(cells[2]).toBe(`${CONSTANTS[k].low}–${CONSTANTS[k].high}`);
      expect(Number(cells[3])).toBe(CENTRAL_WORLD[k]);
    });
  });

  it('a changed central value or prior makes the document stale', () => {
    const t: number = CENTRAL_WORLD.temptation;
    const other = { ...CENTRAL_WORLD, temptation: t === 0.5 ? 0.25 : 0.5 };
    expect(spliceTables(doc, other)).not.toBe(doc);
    expect(constantsTable(other)).not.toBe(constantsTable());
  });

  it('the profiles table derives the margins from returnScale', () => {
    const rows = profilesTable().split('\n').slice(2);
    expect(rows).toHaveLength(Object.keys(BUSINESS_PROFILES).length);
    const b = BUSINESS_PROFILES.livestock;
    const cells = rows[0].split(' | ');
    expect(cells[0]).toBe('| livestock');
    expect(Number(cells[11])).toBeCloseTo(b.grossReturn * CENTRAL_WORLD.returnScale - b.operatingCost, 4);
    expect(Number(cells[12])).toBeCloseTo(b.operatingCost / (b.grossReturn * CENTRAL_WORLD.returnScale), 3);
  });

  it('every uncertain constant also appears in the text outside its generated table (where it acts)', () => {
    const { begin, end } = BLOCKS[0];
    const prose = doc.slice(0, doc.indexOf(begin)) + doc.slice(doc.indexOf(end));
    const missing = CONSTANT_NAMES.filter((k) => !prose.includes(`\`${k}\``));
    expect(missing, 'constants tabulated in §9.5 but described nowhere else in MODEL.md').toEqual([]);
  });

  it('a document without a marker is an error that names it', () => {
    expect(() => spliceTables(doc.replace(BLOCKS[0].end, ''))).toThrow(/constants:end/);
    expect(() => spliceTables(`${doc}\n${BLOCKS[1].begin}`)).toThrow(/profiles:begin/);
  });
});

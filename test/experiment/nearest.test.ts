/** "Did you mean ...?" for misspelt parameter paths (src/experiment/nearest.ts). */
import { describe, expect, it } from 'vitest';
import { settableParameters } from '../../src/experiment/jobs.ts';
import { editDistance, nearestPaths } from '../../src/experiment/nearest.ts';

const known = [...settableParameters().keys()];

describe('nearestPaths', () => {
  it.each([
    ['group.sise', 'group.size'],
    ['group.Size', 'group.size'],
    ['horizonweeks', 'horizonWeeks'],
    ['intervention.grant.amout', 'intervention.grant.amount'],
    ['intervention.mentoring.visitPerMonth', 'intervention.mentoring.visitsPerMonth'],
    ['mentoring.visitPerMonth', 'intervention.mentoring.visitsPerMonth'],
    ['visitsPerMonth', 'intervention.mentoring.visitsPerMonth'],
    ['intervention.mentoring.vistisPerMonth', 'intervention.mentoring.visitsPerMonth'],
  ])('%s → %s', (typo, meant) => {
    expect(known).toContain(meant);
    expect(nearestPaths(typo, known)).toEqual([meant]);
  });

  it('suggests nothing for a path that is nothing like a parameter', () => {
    for (const junk of ['nope', '__proto__', 'zzzzzzzzzzzz', 'x']) expect(nearestPaths(junk, known)).toEqual([]);
  });

  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('size', 'size')).toBe(0);
    expect(editDistance('sise', 'size')).toBe(1);
    expect(editDistance('szie', 'size')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

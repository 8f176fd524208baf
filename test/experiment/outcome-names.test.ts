/** Outcomes in words for the command line's tables (src/experiment/outcome-names.ts). */
import { describe, expect, it } from 'vitest';
import { outcomeName } from '../../src/experiment/outcome-names.ts';
import { RUN_FIELDS } from '../../src/experiment/outcomes.ts';

describe('outcomeName', () => {
  it('names every run outcome and headline in words, never by its key, each name once', () => {
    const keys = [...RUN_FIELDS.map((f) => f.key), 'costPerSurvivingGroup', 'incomePerRupiah'];
    const names = keys.map(outcomeName);
    for (const [i, name] of names.entries()) {
      expect(name, keys[i]).not.toBe(keys[i]);
      expect(name, keys[i]).not.toMatch(/\b[a-z]+[A-Z]\w*\b/);
    }
    expect(new Set(names).size).toBe(names.length);
    // A summarised field (not status, its week or cause) without a short name falls back to its
    // sentence-long description.
    for (const f of RUN_FIELDS.filter((x) => !['status', 'statusWeek', 'cause'].includes(x.key))) expect(outcomeName(f.key), f.key).not.toBe(f.text);
  });

  it('uses the short names of the app and the indicators\' own words for the elements', () => {
    expect(outcomeName('activeMembersFinal')).toBe('active members at the end');
    expect(outcomeName('cohesionMean')).toBe('cohesion, weekly mean');
    expect(outcomeName('misuseCommitted')).toBe('misuse committed (found or not)');
    expect(outcomeName('misuseDetected')).toBe('misuse found');
  });
});

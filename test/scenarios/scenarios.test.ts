/** Every shipped scenario: parses with the schema, loads by its built-in name, runs, and says what it is in both languages. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_FILES } from '../../src/experiment/targets.ts';
import { builtInScenarios, loadScenario } from '../../src/io/scenario-file.ts';
import { BUSINESS_TYPES, parseScenario, simulate } from '../../src/index.ts';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('scenario files', () => {
  it.each(files)('%s parses, loads by name, runs, and is described in English and Bahasa Indonesia', (file) => {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const sc = parseScenario(raw, file);
    const name = file.replace(/\.json$/, '');
    expect(loadScenario(name).scenario).toEqual(sc);
    expect(sc.name).not.toBe('KUBE');
    const { en, id } = sc.description ?? { en: '', id: '' };
    expect(en.length).toBeGreaterThan(80);
    expect(id.length).toBeGreaterThan(80);
    expect(id).not.toBe(en);
    // Bahasa Indonesia, not English copied over: common Indonesian words appear.
    expect(id).toMatch(/\b(dan|dengan|yang|kelompok)\b/);
    const run = simulate(sc, { replication: 0 });
    expect(run.series.capital).toHaveLength(sc.horizonWeeks);
    expect(['active', 'stagnant', 'dissolved']).toContain(run.outcome.status);
    expect(readme, `README's scenario table lists ${file}`).toContain(`scenarios/${file}`);
  });

  it('covers every business type', () => {
    const types = new Set(files.map((f) => parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8'))).business.type));
    expect([...types].sort()).toEqual([...BUSINESS_TYPES].sort());
  });

  it('includes every scenario the validation measures', () => {
    expect(builtInScenarios()).toEqual(expect.arrayContaining([...TARGET_FILES]));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_GOLDEN_REPLICATIONS, enginePrints, type EngineGolden } from '../../scripts/write-engine-golden.ts';

const golden = JSON.parse(readFileSync(new URL('./fixtures/engine-golden.json', import.meta.url), 'utf8')) as EngineGolden;

describe('the engine gives the runs of its fixture (a speed-up must not change a bit; the fixture is re-written only when the model changes on purpose)', () => {
  it('1,000 runs of 100 random scenarios: every series, event, outcome and member, bit for bit', () => {
    expect(golden.scenarios).toHaveLength(100);
    let runs = 0;
    golden.scenarios.forEach(({ input, prints }, s) => {
      expect(prints).toHaveLength(ENGINE_GOLDEN_REPLICATIONS);
      const now = enginePrints(input);
      for (let r = 0; r < prints.length; r++) {
        expect(now[r], `scenario ${s} replication ${r} (if the model was changed on purpose: node --import tsx scripts/write-engine-golden.ts)`).toBe(prints[r]);
        runs++;
      }
    });
    expect(runs).toBe(1000);
  });

  it('the fixture covers the paths a speed-up could break', () => {
    const inputs = golden.scenarios.map((s) => s.input as { members?: { roster?: unknown[] }; constants?: object; finance?: { payoutRule?: string }; group?: { size?: number } });
    expect(inputs.filter((x) => x.members?.roster).length).toBeGreaterThan(3);
    expect(inputs.filter((x) => x.constants).length).toBeGreaterThan(30);
    expect(inputs.filter((x) => x.finance?.payoutRule === 'byContribution').length).toBeGreaterThan(5);
    expect(new Set(inputs.map((x) => x.group?.size)).size).toBeGreaterThan(10);
  });
});

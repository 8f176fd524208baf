/**
 * Writes test/model/fixtures/no-external.json: the fingerprints of 1,000 runs (five scenarios ×
 * 200 replications, seed 1) of the model as it stands. test/model/external.test.ts checks that
 * the model without supplied decisions still gives exactly these runs. It was first written by the
 * model before the external-decisions slot existed (commit 38bb464), so the slot changed no bit;
 * run it again only when the model is changed on purpose:
 *   node --import tsx scripts/write-no-external-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { fingerprintRun, loadScenario, simulate } from '../src/index.ts';

export const GOLDEN_SCENARIOS = ['default', 'tulip', 'cempaka', 'meetings-weekly', 'grant-only'] as const;
export const GOLDEN_REPLICATIONS = 200;
export const GOLDEN_SEED = 1;

export function goldenPrints(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of GOLDEN_SCENARIOS) {
    const sc = loadScenario(name).scenario;
    out[name] = Array.from({ length: GOLDEN_REPLICATIONS }, (_, replication) => fingerprintRun(simulate(sc, { seed: GOLDEN_SEED, replication })));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../test/model/fixtures/no-external.json', import.meta.url);
  writeFileSync(path, `${JSON.stringify({ seed: GOLDEN_SEED, prints: goldenPrints() }, null, 1)}\n`);
  console.log(`wrote ${path.pathname}`);
}

/**
 * Writes test/model/fixtures/engine-golden.json: 100 random valid scenarios (the generator of
 * test/model/random-scenario.ts, seed 'engine-golden', horizons of 4 to 520 weeks, every third
 * scenario in one of the plausible worlds of scenarios/worlds/model-v2.json) with the fingerprints of
 * 10 replications of each: 1,000 runs, every series, event, outcome and member. The scenarios are
 * stored as their inputs, so the fixture does not depend on the generator staying the same.
 * test/model/engine-golden.test.ts checks that the engine still gives exactly these runs: work on
 * the engine's speed (issue 16) must not change a bit. It was first written by commit 106fd8e,
 * before that work began, and again with the fifteenth calibration's model (livestock's
 * diminishing returns to the herd); run it again only when the model is changed on purpose:
 *   node --import tsx scripts/write-engine-golden.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fingerprintRun, parseScenario, simulate } from '../src/index.ts';
import { randomScenario, scenarioRng } from '../test/model/random-scenario.ts';

export const ENGINE_GOLDEN_REPLICATIONS = 10;

export interface EngineGolden {
  scenarios: { input: Record<string, unknown>; prints: string[] }[];
}

/** The fingerprints of ENGINE_GOLDEN_REPLICATIONS replications of a scenario input. */
export function enginePrints(input: Record<string, unknown>): string[] {
  const sc = parseScenario(input);
  return Array.from({ length: ENGINE_GOLDEN_REPLICATIONS }, (_, replication) => fingerprintRun(simulate(sc, { replication })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const worlds = (JSON.parse(readFileSync(new URL('../scenarios/worlds/model-v2.json', import.meta.url), 'utf8')) as { worlds: { constants: Record<string, number> }[] }).worlds;
  const r = scenarioRng('engine-golden');
  const scenarios: EngineGolden['scenarios'] = [];
  for (let s = 0; s < 100; s++) {
    const { input } = randomScenario(r, [4, 520]);
    if (s % 3 === 0) input.constants = worlds[(s * 7) % worlds.length].constants;
    scenarios.push({ input, prints: enginePrints(input) });
  }
  const path = new URL('../test/model/fixtures/engine-golden.json', import.meta.url);
  writeFileSync(path, `${JSON.stringify({ scenarios } satisfies EngineGolden)}\n`);
  console.log(`wrote ${path.pathname}: ${scenarios.length} scenarios x ${ENGINE_GOLDEN_REPLICATIONS} replications`);
}

/**
 * Write src/model/world.ts (the constants every run uses by default) from the central world of
 * the committed worlds file, so that the default scenario runs on the calibration's central world.
 *   node --import tsx scripts/write-central-world.ts [worlds file]
 * `npm run calibrate` runs it after `kube-sim calibrate`; test/experiment/calibrate.test.ts checks
 * that the two agree.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadWorlds, WORLDS_FILE } from '../src/cli/worlds.ts';
import { CONSTANT_NAMES } from '../src/model/constants.ts';

export function centralWorldSource(path = WORLDS_FILE): string {
  const file = loadWorlds(path);
  const w = file.worlds[file.central].constants;
  return `/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by \`npm run calibrate\` from scenarios/worlds/model-v2.json (its world ${file.central}); do not edit by hand.
 */
export const CENTRAL_WORLD = {
${CONSTANT_NAMES.map((k) => `  ${k}: ${w[k]},`).join('\n')}
} as const;
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = resolve(import.meta.dirname, '../src/model/world.ts');
  writeFileSync(target, centralWorldSource(process.argv[2] ?? WORLDS_FILE));
  console.log(`wrote ${target}`);
}

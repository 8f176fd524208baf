/**
 * Targets measured in many worlds on the worker pool (calibrate, validate), and the worlds file
 * (scenarios/worlds/model-v2.json) that `--world K` reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldsFile } from '../experiment/calibrate.ts';
import type { JobSpec } from '../experiment/jobs.ts';
import { F } from '../experiment/outcomes.ts';
import type { Estimate } from '../experiment/stats.ts';
import { estimateTargets, scenariosOf, targetScenario, TARGET_FILES, type RowsByScenario, type Target, type TargetFiles } from '../experiment/targets.ts';
import { parseWorldsFile } from '../experiment/worlds.ts';
import type { World } from '../model/index.ts';
import { loadScenario } from '../io/scenario-file.ts';
import type { Pool } from '../runner/pool.ts';
import { UsageError } from './args.ts';

/** The committed plausible worlds of the model. */
export const WORLDS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios/worlds/model-v2.json');

/** Read and check a worlds file (the committed one by default). */
export function loadWorlds(path = WORLDS_FILE): WorldsFile {
  if (!existsSync(path)) throw new Error(`${path}: no worlds file; \`npm run calibrate\` writes it`);
  return parseWorldsFile(JSON.parse(readFileSync(path, 'utf8')), path);
}

/** The constants of world K of the committed file, or a clear error naming the allowed range. */
export function worldConstants(k: number, path = WORLDS_FILE): World {
  const file = loadWorlds(path);
  if (!Number.isInteger(k) || k < 0 || k >= file.worlds.length) throw new UsageError(`--world: got ${k}; allowed: a whole number from 0 to ${file.worlds.length - 1} (the plausible worlds in ${path}; the central one is ${file.central})`);
  return file.worlds[k].constants;
}

/** The built-in scenario files the targets start from. */
export function loadTargetFiles(): TargetFiles {
  return Object.fromEntries(TARGET_FILES.map((name) => [name, loadScenario(name).scenario])) as TargetFiles;
}

/**
 * Measure `targets` in each of `worlds` (reps replications of each scenario they use, common
 * random numbers across scenarios and worlds), a chunk of worlds per pool job. `onWorld` gets each
 * world's estimates in order, as soon as its chunk is done; `onProgress` runs done and in all.
 */
export async function measureWorlds(
  pool: Pool,
  files: TargetFiles,
  targets: readonly Target[],
  worlds: readonly World[],
  opts: { reps: number; seed: number; chunk?: number; signal?: AbortSignal; onWorld(i: number, est: Record<string, Estimate>): void; onProgress?(done: number, total: number): void },
): Promise<void> {
  const keys = scenariosOf(targets);
  const per = keys.length * opts.reps;
  const total = worlds.length * per;
  const chunk = opts.chunk ?? 20;
  for (let w0 = 0; w0 < worlds.length; w0 += chunk) {
    const part = worlds.slice(w0, w0 + chunk);
    const job: JobSpec = {
      scenarios: part.flatMap((w) => keys.map((k) => targetScenario(files, k, w))),
      seed: opts.seed,
      replications: opts.reps,
      order: 'point',
      series: false,
    };
    const rows = new Float64Array(part.length * per * F);
    await pool.run(job, {
      signal: opts.signal,
      onBatch: (b) => rows.set(b.rows, b.from * F),
      onProgress: (d) => opts.onProgress?.(w0 * per + d, total),
    });
    part.forEach((_, j) => {
      const byKey: RowsByScenario = {};
      keys.forEach((k, s) => {
        const p = j * keys.length + s;
        byKey[k] = rows.subarray(p * opts.reps * F, (p + 1) * opts.reps * F);
      });
      opts.onWorld(w0 + j, estimateTargets(targets, byKey));
    });
  }
}

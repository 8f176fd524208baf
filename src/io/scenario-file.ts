/** Load a scenario from a JSON file, or by the name of a built-in scenario in scenarios/. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from '../model/index.ts';

/** The folder of built-in scenarios shipped with kube-sim. */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

/** Names of the built-in scenarios (file names without .json). */
export function builtInScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/** Thrown when a scenario cannot be read or parsed as JSON. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

export interface LoadedScenario {
  scenario: Scenario;
  /** The file it came from. */
  path: string;
  /** The file's text, exactly as read (for hashing and manifests). */
  text: string;
}

export function loadScenario(pathOrName: string): LoadedScenario {
  let path = resolve(pathOrName);
  if (!existsSync(path)) {
    const builtIn = join(SCENARIO_DIR, `${pathOrName}.json`);
    if (/^[\w-]+$/.test(pathOrName) && existsSync(builtIn)) path = builtIn;
    else {
      throw new ScenarioFileError(
        `scenario "${pathOrName}": no such file, and not a built-in scenario (built-in: ${builtInScenarios().join(', ')})`,
      );
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioFileError(`scenario ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    // Editors such as Notepad start UTF-8 files with a byte-order mark; JSON does not allow it.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ScenarioFileError(`scenario ${path}: not valid JSON (${(e as Error).message})`);
  }
  return { scenario: parseScenario(raw, path), path, text };
}

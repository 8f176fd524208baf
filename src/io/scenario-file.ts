/** Load a scenario from a JSON file, or by the name of a built-in scenario in scenarios/. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * The largest scenario file read. The largest valid scenario (30 roster members with 60-character
 * names, two 4,000-character descriptions, every parameter written out) is under 30 KB, so a
 * bigger file is not a scenario; refusing it up front keeps a mistaken 2 GB file from being read
 * into memory.
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

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
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENARIO_BYTES) {
      throw new ScenarioFileError(`scenario ${path}: ${size.toLocaleString('en')} bytes; a scenario file is at most ${MAX_SCENARIO_BYTES.toLocaleString('en')} bytes (the largest valid scenario is under 30 KB)`);
    }
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof ScenarioFileError) throw e;
    throw new ScenarioFileError(`scenario ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const text = utf8(bytes, path);
  let raw: unknown;
  try {
    // Editors such as Notepad start UTF-8 files with a byte-order mark; JSON does not allow it.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ScenarioFileError(`scenario ${path}: not valid JSON (${(e as Error).message})`);
  }
  return { scenario: parseScenario(raw, path), path, text };
}

/**
 * The file's text, or a refusal naming the first byte that is not UTF-8: decoding leniently would
 * turn a Windows-1252 "é" in a name into "\uFFFD" without a word.
 */
function utf8(bytes: Buffer, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ScenarioFileError(`scenario ${path}: UTF-16 text (it starts with bytes 0x${bytes[0].toString(16)} 0x${bytes[1].toString(16)}); allowed: UTF-8 JSON (save it as UTF-8)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The first offset whose prefix does not decode: found by halving (the file is at most 1 MB).
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid));
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    throw new ScenarioFileError(`scenario ${path}: not UTF-8 text (byte 0x${bytes[lo].toString(16).padStart(2, '0')} at offset ${lo}); allowed: UTF-8 JSON (save it as UTF-8)`);
  }
}

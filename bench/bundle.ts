/**
 * Build an engine entry into one ESM bundle the way `npm run build:lib` bundles the command
 * (esbuild, node20): `source` is written as a temporary entry file at the top of `tree` (so its
 * `./src/...` imports resolve there), bundled to `out`, and removed. bench:against and
 * bench:profile use it, so both time the engine as built alike.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const esbuild = join(resolve(import.meta.dirname, '..'), 'node_modules/.bin/esbuild');

export function bundleEntry(tree: string, name: string, source: string, out: string): void {
  const entry = join(tree, `${name}.ts`);
  writeFileSync(entry, source);
  try {
    execFileSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${out}`, '--log-level=warning'], { cwd: tree });
  } finally {
    rmSync(entry);
  }
}

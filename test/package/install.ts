/**
 * The npm package as a user gets it: `npm pack` (whose prepack script compiles src/ to lib/), then
 * `npm install` of the tarball into an empty folder, with no network: the package's dependencies
 * are installed from this repository's node_modules (as folders: npm links them) rather than
 * fetched, so this works on a clean clone after `npm ci` and offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');

/** `npm pack` the repository into `into`; returns the tarball's path. */
export function pack(into: string): string {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', into], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  // The prepack script's own output comes first; npm's JSON report is the last thing printed.
  const report = JSON.parse(out.slice(out.lastIndexOf('\n[') + 1)) as { filename: string; files: { path: string }[] }[];
  return join(into, report[0]!.filename);
}

/** The files a tarball ships, as `npm pack --dry-run` lists them (no build). */
export function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

/**
 * A fresh folder (outside the repository, so nothing resolves to its node_modules) with the
 * tarball installed; returns the folder.
 */
export function installPackage(tarball: string, prefix = 'kube-sim-installed-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'uses-kube-sim', private: true, type: 'module' })}\n`);
  const deps = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, ...deps.map((d) => join(root, 'node_modules', d))], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return dir;
}

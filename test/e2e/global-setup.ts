/**
 * Global setup of the e2e project: build the app once with the repository's vite.config.ts into a
 * temporary folder outside the repository, and hand its path to every browser test as
 * `inject('appDist')` (or `appDist()` from ./app.ts). The folder is removed at teardown.
 *
 * The build runs even without Chromium: the offline test also checks the built files themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the built app (index.html, assets/, sw.js). */
    appDist: string;
  }
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), `kube-sim-e2e-dist-${process.pid}-`));
  const started = performance.now();
  // Vitest sets NODE_ENV=test, and Vite then builds with import.meta.env.PROD false (no service
  // worker, for one): build exactly what `npm run build` gives.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  console.log(`[e2e] app built in ${Math.round(performance.now() - started)} ms into ${outDir}`);
  project.provide('appDist', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}

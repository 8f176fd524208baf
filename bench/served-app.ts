/**
 * What the browser benches share: the app built for production into a temporary folder, served on
 * loopback, and one headless Chromium; `close()` stops both and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium, serveStatic } from '../test/e2e/app.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export async function servedApp(name: string) {
  const outDir = mkdtempSync(join(tmpdir(), `kube-sim-bench-${name}-`));
  process.env.NODE_ENV = 'production';
  await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await serveStatic(outDir);
  const browser = await launchChromium();
  return {
    server,
    browser,
    async close(): Promise<void> {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

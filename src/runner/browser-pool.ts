/** Workers for the browser: module Workers (bundled by Vite) speaking comlink. */
import * as Comlink from 'comlink';
import type { WorkerApi } from './api.ts';
import { Pool, remoteHandle, type WorkerHandle } from './pool.ts';

/** One module Worker's API, a promise that rejects when it dies, and its end. */
export interface BrowserWorker {
  api: Comlink.Remote<WorkerApi>;
  dead: Promise<never>;
  terminate(): void;
}

/**
 * A module Worker running the worker API, for a page that asks one worker directly (trainer
 * mode's single runs); the pool's workers are these too.
 */
export function startBrowserWorker(): BrowserWorker {
  // './worker.js': the compiled file beside lib/runner/browser-pool.js in the package; from the
  // sources, Vite resolves it to worker.ts, as it does any .js import from TypeScript.
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'kube-sim' });
  const api = Comlink.wrap<WorkerApi>(worker);
  const dead = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      // Handled here (the pool retries or fails the run): not also reported to the page as an
      // uncaught error, which the page would take for a crash of its own.
      e.preventDefault();
      reject(new Error(`worker crashed: ${e.message || 'its script did not load or failed'}`));
    });
    worker.addEventListener('messageerror', () => reject(new Error('worker sent a message that could not be read')));
  });
  dead.catch(() => {});
  return { api, dead, terminate: () => worker.terminate() };
}

/** A module Worker running the worker API, as the pool's handle. */
export function browserWorker(): WorkerHandle {
  const { api, dead, terminate } = startBrowserWorker();
  return remoteHandle(api, dead, terminate);
}

/** A pool of module Workers: by default one per logical core (at most 8), leaving the page one. */
export function browserPool(workers = Math.max(1, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 2)))): Pool {
  return new Pool(browserWorker, workers);
}

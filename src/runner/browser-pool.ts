/** Workers for the browser: module Workers (bundled by Vite) speaking comlink. */
import * as Comlink from 'comlink';
import type { WorkerApi } from './api.ts';
import { Pool, remoteHandle, type WorkerHandle } from './pool.ts';

/** A module Worker running the worker API. */
export function browserWorker(): WorkerHandle {
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
  return remoteHandle(api, dead, () => worker.terminate());
}

/** A pool of module Workers: by default one per logical core (at most 8), leaving the page one. */
export function browserPool(workers = Math.max(1, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 2)))): Pool {
  return new Pool(browserWorker, workers);
}

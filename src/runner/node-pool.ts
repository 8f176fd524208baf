/** Workers for Node: worker_threads speaking comlink through its node adapter, or in-process. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi, type BatchResult, type WorkerApi } from './api.ts';
import { Pool, remoteHandle, type WorkerFactory, type WorkerHandle } from './pool.ts';

/**
 * Where a worker_thread starts. From the package's compiled JavaScript, the compiled worker
 * itself, lib/runner/node-worker.js: named from one folder up so that it is found both from
 * lib/runner/node-pool.js and from the command's single-file bundle, lib/cli/bin.js. From the
 * TypeScript sources (tests, benches, bin/kube-sim.js), a boot script that teaches the thread
 * TypeScript with tsx first: a worker_thread does not inherit its parent's module hooks.
 */
const BOOT = import.meta.url.endsWith('.ts') ? new URL('./node-worker-boot.mjs', import.meta.url) : new URL('../runner/node-worker.js', import.meta.url);

/**
 * A worker_thread running the worker API: by default this package's worker; `entry` and
 * `workerData` start another script that serves the same API (the tests' faulty workers).
 */
export function nodeWorker(entry: URL = BOOT, workerData?: unknown): WorkerHandle {
  const worker = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const api = Comlink.wrap<WorkerApi>(nodeEndpoint(worker));
  let ended = false;
  const dead = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new Error(`worker crashed: ${e.message}`)));
    worker.once('exit', (code) => reject(new Error(ended ? 'worker terminated' : `worker exited with code ${code}`)));
  });
  return remoteHandle(api, dead, () => {
    ended = true;
    void worker.terminate();
  });
}

/** The worker API on this thread (for tiny jobs and tests): no parallelism, same numbers. */
export function inProcessWorker(): WorkerHandle {
  const api = createWorkerApi();
  // Each batch starts on a fresh macrotask: run synchronously, the pool would chain every batch in
  // microtasks and never let an abort, a signal (Ctrl-C) or a timer in until the whole job ended.
  const runBatch = (id: number, from: number, to: number) =>
    new Promise<BatchResult>((resolve, reject) => setImmediate(() => {
      try {
        resolve(api.runBatch(id, from, to));
      } catch (e) {
        reject(e);
      }
    }));
  return { ...api, runBatch, dead: new Promise<never>(() => {}), terminate() {} };
}

/** Default worker count: one per core, at most 8. */
export function defaultWorkers(): number {
  return Math.min(8, availableParallelism());
}

/** A pool of `workers` worker_threads (0: run in this thread). */
export function nodePool(workers: number): Pool {
  const factory: WorkerFactory = workers === 0 ? inProcessWorker : nodeWorker;
  return new Pool(factory, Math.max(1, workers));
}

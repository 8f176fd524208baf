/** The worker API in a Node worker_thread, exposed over comlink's node adapter. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi, type WorkerApi } from './api.ts';
import { transferring } from './transfer.ts';

if (!parentPort) throw new Error('node-worker.ts must run in a worker_thread');
Comlink.expose(transferring(createWorkerApi({ shared: true })) satisfies WorkerApi, nodeEndpoint(parentPort));

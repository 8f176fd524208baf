/** The worker API in a browser (or Deno) Worker, exposed over comlink. */
import * as Comlink from 'comlink';
import { createWorkerApi } from './api.ts';
import { transferring } from './transfer.ts';

Comlink.expose(transferring(createWorkerApi({ shared: true })));

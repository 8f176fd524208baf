/** Wrap the worker API so batch results move their typed arrays to the caller instead of copying. */
import * as Comlink from 'comlink';
import { traceBuffers } from '../model/index.ts';
import type { WorkerApi } from './api.ts';

export function transferring(api: WorkerApi): WorkerApi {
  return {
    ...api,
    runBatch(id, from, to) {
      const b = api.runBatch(id, from, to);
      return Comlink.transfer(b, b.series && b.bins ? [b.rows.buffer, b.series.buffer, b.bins.buffer] : [b.rows.buffer]);
    },
    trace(scenario, opts) {
      const t = api.trace(scenario, opts);
      return Comlink.transfer(t, traceBuffers(t));
    },
  };
}

/**
 * The runs on show, computed by one module Worker of the runner (src/runner/browser-pool.ts).
 * The worker computes a whole run (model/trace.ts) in a few milliseconds; the page only plays it
 * back. An injected event asks for the runs again: the weeks already shown come back the same
 * (same seed, same injections before them), the weeks after show the group's response.
 */
import { startBrowserWorker, type BrowserWorker } from '../../src/browser.ts';
import { setFailure, setTraces, type Store } from './store.ts';

export interface Runs {
  /** Ask for the runs on show; true if this answer is the one on screen now (no newer request came). */
  load(): Promise<boolean>;
  /** Try again after a failure, on a fresh Worker. */
  retry(): void;
}

export function createRuns(store: Store, start: () => BrowserWorker = startBrowserWorker): Runs {
  let sim = start();
  let request = 0;

  async function load(): Promise<boolean> {
    const id = ++request;
    const { state } = store;
    state.pending = true;
    try {
      if (!state.shown) throw new Error(state.invalid ?? 'no group');
      const { api, dead } = sim;
      const opts = { seed: state.settings.seed, injections: state.injections };
      const traces = await Promise.race([Promise.all(state.shown.map((s) => api.trace(s.scenario, opts))), dead]);
      if (id !== request) return false;
      setTraces(store, traces);
      return true;
    } catch (err) {
      if (id === request) setFailure(store, err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  return {
    load,
    retry() {
      sim.terminate();
      sim = start();
      void load();
    },
  };
}

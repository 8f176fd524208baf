/**
 * kube-sim's public API for Node (`import ... from 'kube-sim'`): everything that runs anywhere,
 * plus a pool of worker_threads and the scenario files (by path or built-in name). Nothing
 * browser-only: the browser's module Workers are `kube-sim/browser` (src/browser.ts).
 */
export * from './core.ts';
export { defaultWorkers, inProcessWorker, nodePool, nodeWorker } from './runner/node-pool.ts';
export { builtInScenarios, loadScenario, ScenarioFileError, SCENARIO_DIR, MAX_SCENARIO_BYTES, type LoadedScenario } from './io/scenario-file.ts';

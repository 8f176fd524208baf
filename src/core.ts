/**
 * What runs anywhere (Node, a Worker, the page): the model, many runs, the runner's pool and worker
 * API. The package's two doors re-export it: `kube-sim` (src/index.ts) adds Node's worker_threads
 * and scenario files; `kube-sim/browser` (src/browser.ts) adds the browser's module Workers.
 */
export * from './model/index.ts';
// Reading a real group's roster from a survey CSV (pure: browser and CLI alike).
export { decodeRosterBytes, parseRosterCsv, RosterCsvError, ROSTER_CSV_COLUMNS, type RosterCsvProblem, type RosterCsvText } from './io/roster-csv.ts';
// Tidy CSV lines (pure), as the CLI writes them; the web app's exports use the same.
export { csvField, csvLine, runCsvLine, RUNS_CSV_HEADER } from './io/csv.ts';
// Many runs (pure): jobs, run rows, ensembles, comparisons, cost, designs, sensitivity.
export * from './experiment/jobs.ts';
export * from './experiment/outcomes.ts';
export * from './experiment/stats.ts';
export * from './experiment/bands.ts';
export * from './experiment/ensemble.ts';
export * from './experiment/compare.ts';
export * from './experiment/report.ts';
export * from './experiment/cost.ts';
export * from './experiment/design.ts';
export * from './experiment/sensitivity.ts';
// Across plausible worlds (pure): ensembles and comparisons over worlds, regret, PRIM discovery.
export * from './experiment/worlds.ts';
export * from './experiment/prim.ts';
export * from './experiment/discover.ts';
export * from './experiment/world-words.ts';
// The runner's pool and worker API (the workers themselves are in index.ts and browser.ts;
// nothing here starts a worker on import).
export * from './runner/api.ts';
export * from './runner/pool.ts';
export * from './runner/worlds.ts';

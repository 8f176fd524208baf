/**
 * kube-sim's public API for the browser (`import ... from 'kube-sim/browser'`, through a bundler
 * that understands `new Worker(new URL(...), { type: 'module' })`, such as Vite): everything that
 * runs anywhere, plus a pool of module Workers. It imports nothing of Node; the page (web/) uses it.
 */
export * from './core.ts';
export { browserPool, browserWorker, startBrowserWorker, type BrowserWorker } from './runner/browser-pool.ts';
// The workshop pages speak the workshop server's protocol (plain zod schemas, no Node).
export { INJECTION_KINDS as WORKSHOP_INJECTION_KINDS, ServerMessageSchema, WEEK_SECONDS, type Answers, type Debrief, type Plan, type PublicState, type ServerMessage, type You } from './server/protocol.ts';
// The debrief re-runs a session's weeks in the page: its answers become the model's external decisions as on the server.
export { externalOf } from './server/drive.ts';

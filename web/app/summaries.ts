/**
 * The summaries of the runs on show (the current one and a pinned A), worked out once per batch:
 * while runs stream in, only the bands the fan charts draw are computed.
 */
import type { EnsembleSummary } from '../../src/browser.ts';
import type { EnsembleRun } from './session.ts';

/**
 * The indicators drawn as fan charts over all runs: income so far, which a dissolved group keeps.
 * Members, capital and cohesion are drawn among the groups still active (fate.ts).
 */
export const FAN_KEYS = ['incomePerMember'] as const;

const cache = new WeakMap<EnsembleRun, { done: number; summary: EnsembleSummary }>();

export function summaryOf(run: EnsembleRun): EnsembleSummary {
  const hit = cache.get(run);
  if (hit?.done === run.done) return hit.summary;
  const summary = run.ensemble.summary(FAN_KEYS);
  cache.set(run, { done: run.done, summary });
  return summary;
}

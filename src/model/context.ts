/** What every weekly process is handed besides the state: the scenario, its business profile and the streams. */
import { BUSINESS_PROFILES, type BusinessProfile } from './business-types.ts';
import type { Streams } from './random.ts';
import type { Scenario } from './scenario.ts';
import type { GroupState } from './state.ts';

export interface RunContext {
  sc: Scenario;
  biz: BusinessProfile;
  rng: Streams;
  /** Weeks during which the facilitator visits. */
  mentoringWeeks: number;
}

/** The shape every weekly process shares: update the state in place. */
export type Process = (st: GroupState, ctx: RunContext) => void;

export const WEEKS_PER_MONTH = 52 / 12;

export function createContext(sc: Scenario, rng: Streams): RunContext {
  return {
    sc,
    biz: BUSINESS_PROFILES[sc.business.type],
    rng,
    mentoringWeeks: Math.round(sc.intervention.mentoring.months * WEEKS_PER_MONTH),
  };
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The sweep form's fields and the outcomes a sweep can draw. */

/** What the sweep form holds, as typed (checked when the sweep starts). */
export interface SweepForm {
  path: string;
  from: string;
  to: string;
  steps: string;
  reps: string;
  outcome: SweepOutcome;
}

export const SWEEP_OUTCOMES = ['survivalRate', 'memberIncomeMonthly', 'costPerSurvivingGroup', 'activeMembersFinal', 'capitalFinal', 'exitsPerMember'] as const;
export type SweepOutcome = (typeof SWEEP_OUTCOMES)[number];

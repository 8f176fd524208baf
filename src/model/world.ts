/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 7); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.638,
  skillReturn: 0.1137,
  marketReturn: 0.2433,
  coordReturn: 0.3335,
  businessMentoring: 0.09133,
  organising: 0.3308,
  trainingOrganising: 0.1098,
  misuseRate: 0.08107,
  temptation: 0.8069,
  splitThreshold: 0.5638,
  meetingCost: 0.009402,
  sizeCost: 0.1751,
  stagnantEffort: 0.15,
  outsideExit: 0.0004138,
} as const;

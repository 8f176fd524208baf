/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 137); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6097,
  skillReturn: 0.2201,
  marketReturn: 0.2303,
  coordReturn: 0.02938,
  businessMentoring: 0.09718,
  organising: 0.2681,
  trainingOrganising: 0.2006,
  misuseRate: 0.06462,
  temptation: 0.4108,
  splitThreshold: 0.5008,
  meetingCost: 0.1377,
  teamIncentive: 0.05995,
  loafingShare: 0.2885,
  sharedAttitudes: 0.1458,
  stagnantEffort: 0.08328,
  outsideExit: 0.0006729,
  capitalElasticity: 0.7366,
} as const;

/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 46); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6189,
  skillReturn: 0.238,
  marketReturn: 0.1832,
  coordReturn: 0.05488,
  businessMentoring: 0.08714,
  organising: 0.3583,
  trainingOrganising: 0.1663,
  misuseRate: 0.05266,
  temptation: 0.4304,
  splitThreshold: 0.5023,
  meetingCost: 0.01003,
  sizeCost: 0.04695,
  shareResponse: 0.06,
  sharedAttitudes: 0.1758,
  stagnantEffort: 0.07315,
  outsideExit: 0.0005775,
} as const;

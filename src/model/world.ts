/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 53); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.605,
  skillReturn: 0.05228,
  marketReturn: 0.2179,
  coordReturn: 0.06969,
  businessMentoring: 0.06898,
  organising: 0.3399,
  trainingOrganising: 0.1444,
  misuseRate: 0.04894,
  temptation: 0.6445,
  splitThreshold: 0.5169,
  meetingCost: 0.01285,
  sizeCost: 0.04825,
  sharedAttitudes: 0.1549,
  stagnantEffort: 0.0877,
  outsideExit: 0.00052,
} as const;

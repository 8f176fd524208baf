/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 9); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6553,
  skillReturn: 0.1976,
  marketReturn: 0.2342,
  coordReturn: 0.1358,
  businessMentoring: 0.0622,
  organising: 0.2848,
  trainingOrganising: 0.1725,
  misuseRate: 0.09696,
  temptation: 0.7024,
  splitThreshold: 0.5753,
  meetingCost: 0.006466,
  sizeCost: 0.5253,
  stagnantEffort: 0.08494,
  outsideExit: 0.0005453,
} as const;

/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 60); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6381,
  skillReturn: 0.1805,
  marketReturn: 0.2428,
  coordReturn: 0.05504,
  businessMentoring: 0.06269,
  organising: 0.2768,
  trainingOrganising: 0.1248,
  misuseRate: 0.06935,
  temptation: 0.4464,
  splitThreshold: 0.5018,
  meetingCost: 0.09759,
  sizeCost: 0.065,
  sharedCommitment: 0.125,
  stagnantEffort: 0.1167,
  outsideExit: 0.0008971,
} as const;

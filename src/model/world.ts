/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 9); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.7571,
  skillReturn: 0.2284,
  marketReturn: 0.06341,
  coordReturn: 0.1668,
  businessMentoring: 0.04441,
  organising: 0.2852,
  trainingOrganising: 0.07955,
  misuseRate: 0.03188,
  temptation: 0.7514,
  splitThreshold: 0.5801,
  meetingCost: 0.09686,
  sizeCost: 0.3526,
  outsideExit: 0.0006411,
} as const;

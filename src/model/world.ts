/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 7); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.8038,
  skillReturn: 0.0666,
  marketReturn: 0.1786,
  coordReturn: 0.4013,
  businessMentoring: 0.0539,
  organising: 0.1824,
  trainingOrganising: 0.02444,
  misuseRate: 0.1092,
  temptation: 0.2919,
  splitThreshold: 0.5705,
  meetingCost: 0.03783,
  sizeCost: 0.1491,
  outsideExit: 0.0005836,
} as const;

/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 93); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6063,
  skillReturn: 0.2323,
  marketReturn: 0.1999,
  coordReturn: 0.0434,
  businessMentoring: 0.1067,
  organising: 0.2703,
  trainingOrganising: 0.1456,
  misuseRate: 0.07814,
  temptation: 0.3949,
  splitThreshold: 0.4653,
  meetingCost: 0.07117,
  teamIncentive: 0.08997,
  loafingShare: 0.4197,
  sharedAttitudes: 0.1401,
  stagnantEffort: 0.1423,
  outsideExit: 0.0007276,
} as const;

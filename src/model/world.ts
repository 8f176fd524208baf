/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 178); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.563,
  skillReturn: 0.1508,
  marketReturn: 0.244,
  coordReturn: 0.06612,
  businessMentoring: 0.0511,
  organising: 0.3314,
  trainingOrganising: 0.1657,
  misuseRate: 0.06799,
  temptation: 0.2381,
  splitThreshold: 0.5065,
  meetingCost: 0.06501,
  teamIncentive: 0.13,
  loafingShare: 0.4906,
  sharedAttitudes: 0.1259,
  stagnantEffort: 0.1049,
  outsideExit: 0.0007978,
} as const;

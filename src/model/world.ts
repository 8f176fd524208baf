/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 203); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6747,
  skillReturn: 0.1619,
  marketReturn: 0.1076,
  coordReturn: 0.04241,
  businessMentoring: 0.06022,
  organising: 0.3417,
  trainingOrganising: 0.1886,
  misuseRate: 0.05331,
  temptation: 0.6826,
  splitThreshold: 0.4724,
  meetingCost: 0.03883,
  teamIncentive: 0.09515,
  loafingShare: 0.5135,
  sharedAttitudes: 0.1214,
  stagnantEffort: 0.1146,
  outsideExit: 0.0006746,
  capitalElasticity: 0.725,
} as const;

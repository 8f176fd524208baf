/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 8); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.7415,
  skillReturn: 0.1539,
  marketReturn: 0.1408,
  coordReturn: 0.3025,
  businessMentoring: 0.04009,
  organising: 0.2998,
  trainingOrganising: 0.1851,
  misuseRate: 0.03781,
  temptation: 0.3495,
  splitThreshold: 0.5591,
  meetingCost: 0.1202,
  sizeCost: 0.3825,
  outsideExit: 0.0007051,
} as const;

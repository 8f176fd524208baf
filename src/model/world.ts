/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 1); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6656,
  skillReturn: 0.05618,
  marketReturn: 0.1327,
  coordReturn: 0.2064,
  businessMentoring: 0.09067,
  organising: 0.3582,
  trainingOrganising: 0.02726,
  misuseRate: 0.06901,
  temptation: 0.5472,
  splitThreshold: 0.3,
  meetingCost: 0.2634,
  sizeCost: 0.2001,
  outsideExit: 0.000602,
} as const;

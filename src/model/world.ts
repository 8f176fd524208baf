/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its world 5); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.6775,
  skillReturn: 0.1165,
  marketReturn: 0.1474,
  coordReturn: 0.1365,
  businessMentoring: 0.1141,
  organising: 0.2628,
  trainingOrganising: 0.02993,
  misuseRate: 0.07336,
  temptation: 0.438,
  meetingCost: 0.1056,
  sizeCost: 0.3981,
  outsideExit: 0.0003211,
} as const;

/**
 * The central plausible world: the constants a run uses unless its scenario gives others.
 * Written by `npm run calibrate` from scenarios/worlds/model-v2.json (its `central` world); do not edit by hand.
 */
export const CENTRAL_WORLD = {
  returnScale: 0.7,
  skillReturn: 0.275,
  marketReturn: 0.225,
  coordReturn: 0.35,
  businessMentoring: 0.085,
  organising: 0.25,
  misuseRate: 0.085,
  temptation: 0.5,
  meetingCost: 0.2,
  sizeCost: 0.3,
  outsideExit: 0.00055,
} as const;

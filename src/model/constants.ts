/**
 * The model's uncertain constants: each with the prior range calibration draws it from and the
 * reason for that range. `kube-sim calibrate` fits them to the calibration targets (approximate
 * Bayesian computation) and writes the accepted sets, the plausible worlds, to
 * scenarios/worlds/model-v2.json; a run uses the central world (world.ts) unless its scenario names
 * others in `constants`. docs/MODEL.md §9 is generated from this table.
 */
import { CENTRAL_WORLD } from './world.ts';

export interface ConstantSpec {
  /** Prior range: calibration draws uniformly from [low, high]. */
  low: number;
  high: number;
  unit: string;
  /** What it does, in one line. */
  text: string;
  /** Why this range: the evidence or the reasoning. */
  reason: string;
}

export const CONSTANTS = {
  returnScale: {
    low: 0.4, high: 1.0, unit: '×',
    text: 'Scales every business type’s gross weekly return on working capital',
    reason: 'Returns to capital in microenterprises of about 5% a month (de Mel, McKenzie & Woodruff 2008) bound the net margin; the profiles’ gross returns are shapes, this sets their level',
  },
  skillReturn: {
    low: 0.05, high: 0.5, unit: '×',
    text: 'Productivity gained per unit of saturating skill 1 − e^(−3·skill) above the typical member’s',
    reason: 'Business-training trials find profit effects of 0–15% (McKenzie & Woodruff 2014; McKenzie 2021): a large rise in skill must move productivity by a few per cent',
  },
  marketReturn: {
    low: 0.05, high: 0.4, unit: '×',
    text: 'Productivity gained per unit of saturating market access above the typical group’s',
    reason: 'Consulting and marketing advice move sales by about 5–15% at most in trials (Bruhn, Karlan & Schoar 2018); no estimate for groups',
  },
  coordReturn: {
    low: 0, high: 0.06, unit: '×',
    text: 'Productivity gained per unit of coordination (accepted chair, clear roles) above the typical group’s',
    reason: 'Trials that improve business practices move profits by 5–10% (McKenzie 2021), and in livestock the animals carry output while labour and feed add little (EVIDENCE.md §14): from typical to perfect coordination moves profit by at most 10%, possibly not at all. Near break-even a default group’s profit moves about 3.4 times as much as its productivity (2.9–4.1 across the thirteenth calibration’s worlds; EVIDENCE.md §14), so productivity by at most 10% / 3.4 ≈ 2.9%, which a top of 0.06 gives over the half of the coordination scale a group can gain',
  },
  businessMentoring: {
    low: 0.02, high: 0.15, unit: 'share of gap',
    text: 'Share of the gap to full skill and market access one entrepreneurship visit closes at full quality',
    reason: 'Mentoring and consulting trials find effects on profits no larger than training’s (Brooks, Donovan & Johnson 2018; Bruhn et al. 2018); a year of visits should move skill by less than a long course',
  },
  organising: {
    low: 0.1, high: 0.4, unit: 'share of gap',
    text: 'Share of the gap to clear goals, roles and books one organising visit closes at full quality',
    reason: 'No trial of organising support for KUBE; the case study’s call for it, savings-group facilitation studies (Karlan et al. 2017) and audits (Olken 2007) say it matters, not how much',
  },
  trainingOrganising: {
    low: 0, high: 0.3, unit: 'share of gap',
    text: 'Share of the gap to clear goals and roles that long up-front training closes (books two thirds of it)',
    reason: 'Business training moves management practices a little and profits by 5–10% (McKenzie 2021); how much it teaches a group to organise itself is not measured. From none to v1’s fixed 0.3',
  },
  misuseRate: {
    low: 0.02, high: 0.15, unit: 'per week',
    text: 'Weekly chance scale that a fully dishonest, needy officer without oversight takes money',
    reason: 'About a quarter of funds went missing in unaudited village projects (Olken 2007); ROSCAs in Benin: one group in three had an enforcement problem in two years (McNabb et al.)',
  },
  temptation: {
    low: 0, high: 1, unit: 'exponent',
    text: 'How an officer’s temptation to take the money grows with the money per member (elasticity)',
    reason: 'Outside money drew in members and leaders seeking it, and conflict (Gugerty & Kremer 2008); no elasticity has been measured, so from none (0) to proportional (1)',
  },
  splitThreshold: {
    low: 0.2, high: 0.7, unit: 'commitment',
    text: 'Commitment below which a member backs dividing the money while it is all cash (half that once all is in the business); members who joined for the grant at 5/3 of it',
    reason: 'Some KUBE form hastily for the money and divide it (DOMAIN.md); 10–30% of groups dividing or losing the grant in their first year is the assumed reading (docs/EVIDENCE.md §13). From only the thoroughly disaffected (model v2’s fixed 0.3 was near the low end) to anyone a little more attached than the typical founding member (0.6)',
  },
  meetingCost: {
    low: 0, high: 0.4, unit: 'attendance',
    text: 'Fall in a needy member’s chance to attend when meetings are weekly rather than monthly',
    reason: 'Meetings cost poor families working time; weekly groups in Feigenberg, Field & Pande 2013 met because repayment required it. Assumption',
  },
  teamIncentive: {
    low: 0.05, high: 0.13, unit: 'exponent',
    text: 'The whole incentive loss of team work with group size: a conditional cooperator’s or free rider’s effort scales by (10 / active members)^teamIncentive where profit is paid out equally (loafing and the family’s share of the return together)',
    reason: 'Giving Chinese farm families the whole return on their work instead of a production team’s share (about 1/30) accounts for about half of the output growth of 1978–84 (Lin 1992), a fifth to a quarter more output: the team’s whole incentive loss, loafing and the shared return together. Read as effort: ln 1.2 / ln 30 to ln 1.25 / ln 30, 0.054–0.066, with output in proportion to effort; twice that, 0.107–0.131, with output as its square root (an assumption), whose top is the prior’s. The bottom, 0.05, a little below the linear reading, allows that part of the gain was management, not effort; Xu 2012’s zero is left out because the laboratory’s responses to size and to the return are robust (Karau & Williams 1993; Isaac & Walker 1988; Zelmer 2003)',
  },
  loafingShare: {
    low: 0.25, high: 0.75, unit: 'share',
    text: 'The part of teamIncentive that is social loafing, which every member shows and which also lowers the group’s coordination: effort and coordination scale by (10 / active members)^(teamIncentive·loafingShare); the rest, (10 / active members)^(teamIncentive·(1 − loafingShare)), is conditional cooperators’ and free riders’ response to each family’s 1/n share of the return',
    reason: 'The laboratory finds both parts: loafing where no pay is at stake (Latané, Williams & Harkins 1979; Karau & Williams 1993, 78 studies) and a response to the marginal per-capita return where nothing else changes (Isaac & Walker 1988; Zelmer 2003, 27 studies). No study splits a field estimate between them: the middle half, neither part alone',
  },
  sharedAttitudes: {
    low: 0.05, high: 0.2, unit: 'share of variance',
    text: 'Share of the spread of members’ founding commitment, and of their willingness to cooperate, that the whole group shares (intraclass correlation): members recruited together, from one neighbourhood, on one promise',
    reason: 'Members of one work group resemble each other in their attitudes: ICC(1) of 0.05–0.20 is the usual range in organisational studies (Bliese 2000; Woehr et al. 2015, from memory, not verified); real user groups differ in their share of conditional cooperators, and a larger share predicts their success (Rustagi, Engel & Kosfeld 2010, 49 forest groups). Drawn independently (0), a group of ten would differ from a group of thirty by the law of large numbers alone: far likelier to find a chance majority for dividing the grant, or a chance crowd of free riders',
  },
  stagnantEffort: {
    low: 0.05, high: 0.2, unit: 'effort',
    text: 'Mean effort of the active members below which the group’s business counts as stopped (a quarter of it makes the group stagnant)',
    reason: 'Records call a KUBE inactive by a field officer’s judgement (Putro, Saiman & Sihidi 2020; DOMAIN.md); how little work that is has not been measured. From a business hardly anyone tends (a seventh of the typical group’s 0.35) to well over half of it; v1’s fixed 0.15 lies inside',
  },
  outsideExit: {
    low: 0.0001, high: 0.001, unit: 'per member-week',
    text: 'Weekly chance that a family leaves for outside reasons (migration, illness)',
    reason: 'About 20% of self-help-group members had left over up to eight years (Baland, Somanathan & Vandewalle 2008): 0.5–5% a year',
  },
  capitalElasticity: {
    low: 0.65, high: 0.8, unit: 'exponent',
    text: 'Diminishing returns to a livestock group’s herd: output and feed grow as (capital at work / Rp 2.5m per active member)^capitalElasticity',
    reason: 'Cobb-Douglas milk-yield functions measure the herd’s elasticity at about 0.8 (milking small ruminants, Bannu, LRRD 19(2) 2007) and 0.65 (buffalo herd size, Sajjad, Khan & Ahmad 2011); Andaleeb & Khan 2017 (Mardan) find it negative (a helper’s reading of the summary). It replaces an unsourced cap of Rp 4m per member (docs/VALIDATION.md, the fifteenth calibration)',
  },
} as const satisfies Record<string, ConstantSpec>;

export type ConstantName = keyof typeof CONSTANTS;
export const CONSTANT_NAMES = Object.keys(CONSTANTS) as ConstantName[];
/** One plausible world: a value for every uncertain constant. */
export type World = Record<ConstantName, number>;

/** The constants of a run: the central world, with any the scenario gives in their place. */
export function resolveConstants(given: Partial<World> | undefined): World {
  return given ? { ...CENTRAL_WORLD, ...given } : CENTRAL_WORLD;
}

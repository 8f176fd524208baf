/**
 * Every word the page shows, in one object, so that a later i18n layer can swap in Bahasa
 * Indonesia without touching the views. Indicator and parameter names come from the model's own
 * bilingual texts; `LANG` picks which of them to show.
 */
import { DISSOLUTION_CAUSE_TEXT, type BusinessType, type DissolutionCause, type StatusName } from '../src/index.ts';

/** Which of the model's `{ en, id }` texts the page shows. */
export const LANG = 'en' as const;

export const STRINGS = {
  title: 'kube-sim',
  subtitle: 'One KUBE, week by week',
  seed: 'Seed',
  business: 'Business',
  run: 'Run',
  weeksAxis: 'Week',
  charts: {
    trust: { title: 'Mean trust among active members', axis: 'Trust (0–1)' },
    capital: { title: 'Business capital', axis: 'Capital (Rp)' },
    members: { title: 'Active members', axis: 'Families' },
    statusMark: (status: string, week: number) => `${status} (week ${week})`,
  },
  elements: {
    title: 'The nine elements of group dynamics',
    note: (weeks: number) => `Average over the ${weeks} weeks the group existed (0 = absent, 1 = healthy)`,
    final: 'Final week',
    average: 'Run average',
  },
  outcome: {
    title: 'Outcome',
    activeMembers: 'Active members',
    /** A dissolved group has no active members; say how many were left when it ended. */
    membersWhenEnded: (active: number, atEnd: number, founders: number) =>
      `${active} (${atEnd} of ${founders} were left when it ended)`,
    capital: 'Business capital',
    iksFund: 'IKS fund',
    income: 'Income per member per month',
    exits: 'Exits',
    misuse: 'Misuse found',
    leaderChanges: 'Leader changes',
    mentorVisits: 'Facilitator visits',
    interventionCost: 'Intervention cost',
    none: '—',
    of: (a: number, n: number) => `${a} of ${n}`,
    /** The one-line verdict at the top of the panel. */
    headline: {
      active: (weeks: number) => `Active through all ${weeks} weeks`,
      stagnant: (week: number) => `Stagnant since week ${week}`,
      dissolved: (week: number, cause: string) => `Dissolved in week ${week}: ${cause}`,
    },
  },
  status: {
    active: 'Active',
    stagnant: 'Stagnant',
    dissolved: 'Dissolved',
  } satisfies Record<StatusName, string>,
  cause: Object.fromEntries(
    Object.entries(DISSOLUTION_CAUSE_TEXT).map(([k, t]) => [k, t.en]),
  ) as Record<DissolutionCause, string>,
  businessTypes: {
    livestock: 'Livestock (cattle, goats)',
    poultry: 'Poultry (layer hens)',
    fish: 'Fish ponds',
    warung: 'Warung (small shop)',
    foodProcessing: 'Food processing',
    crafts: 'Crafts',
    savingsLoan: 'Savings and loan',
  } satisfies Record<BusinessType, string>,
  /** Member i (0-based in the engine) as people count them, when the roster gives no name. */
  member: (i: number) => `member ${i + 1}`,
  events: {
    title: 'Notable events',
    none: 'Nothing notable happened.',
    week: (w: number) => `Week ${w}`,
    grant: (amount: string) => `grant of ${amount} received`,
    marketShock: (amount: string) => `market shock: ${amount} lost`,
    // `who` is a member's name, or "member 3" (see `member`).
    misuse: (who: string, amount: string) => `${who} secretly took ${amount}`,
    misuseDetected: (who: string, amount: string) => `misuse of ${amount} by ${who} found out`,
    leaderReplaced: (who: string, old: string | null) =>
      old !== null ? `${who} replaced ${old} as chair` : `${who} became chair`,
    exit: (who: string, amount: string) => (amount ? `${who} left, taking ${amount}` : `${who} left`),
    capitalSplit: (amount: string) => `members split ${amount} of capital among themselves`,
    stagnant: () => 'the group became stagnant',
    revived: () => 'the group revived',
    dissolution: (cause: string, shared: string) =>
      shared ? `the group dissolved: ${cause}; ${shared} shared among those left` : `the group dissolved: ${cause}`,
  },
  error: {
    title: 'The simulation could not run',
    hint: 'Try another seed or business type; details below.',
  },
  units: {
    million: 'jt',
    thousand: 'rb',
  },
} as const;

/**
 * Every word the page shows, in one object, so that a later i18n layer can swap in Bahasa
 * Indonesia without touching the views. Indicator and parameter names come from the model's own
 * bilingual texts; `LANG` picks which of them to show.
 */
import type { BusinessType, DissolutionCause, StatusName } from '../src/index.ts';

/** Which of the model's `{ en, id }` texts the page shows. */
export const LANG = 'en' as const;

/** Member n as people count them (the engine counts from 0). */
const who = (i: number) => `member ${i + 1}`;

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
    status: 'Status',
    cause: 'Cause',
    since: 'Since week',
    activeMembers: 'Active members',
    capital: 'Business capital',
    iksFund: 'IKS fund',
    income: 'Income per member per month',
    exits: 'Exits',
    misuse: 'Misuse found',
    leaderChanges: 'Leader changes',
    none: '—',
    of: (a: number, n: number) => `${a} of ${n}`,
  },
  status: {
    active: 'Active',
    stagnant: 'Stagnant',
    dissolved: 'Dissolved',
  } satisfies Record<StatusName, string>,
  cause: {
    tooFewMembers: 'too few members left',
    capitalGone: 'the capital ran out',
    capitalSplit: 'members split the capital',
    stagnation: 'stagnation',
  } satisfies Record<DissolutionCause, string>,
  businessTypes: {
    livestock: 'Livestock (cattle, goats)',
    poultry: 'Poultry (layer hens)',
    fish: 'Fish ponds',
    warung: 'Warung (small shop)',
    foodProcessing: 'Food processing',
    crafts: 'Crafts',
    savingsLoan: 'Savings and loan',
  } satisfies Record<BusinessType, string>,
  events: {
    title: 'Notable events',
    none: 'Nothing notable happened.',
    week: (w: number) => `Week ${w}`,
    grant: (amount: string) => `grant of ${amount} received`,
    marketShock: (amount: string) => `market shock: ${amount} lost`,
    misuse: (i: number, amount: string) => `${who(i)} secretly took ${amount}`,
    misuseDetected: (i: number, amount: string) => `misuse of ${amount} by ${who(i)} found out`,
    leaderReplaced: (i: number, old: number) =>
      old >= 0 ? `${who(i)} replaced ${who(old)} as chair` : `${who(i)} became chair`,
    exit: (i: number, amount: string) => (amount ? `${who(i)} left, taking ${amount}` : `${who(i)} left`),
    capitalSplit: (amount: string) => `members split ${amount} of capital among themselves`,
    stagnant: () => 'the group became stagnant',
    revived: () => 'the group revived',
    dissolution: (cause: string) => `the group dissolved: ${cause}`,
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

/**
 * The groups on show: the chosen one, or side by side the same group with and without mentoring.
 * Pure; built once each time the settings or side by side change (store.ts).
 */
import { withOverrides, type Scenario } from '../../src/browser.ts';
import type { UiWords } from './words.ts';

/** A group on show and the key of its title in the page's words. */
export interface Shown {
  scenario: Scenario;
  title: 'single' | 'withMentoring' | 'withoutMentoring';
}

export function shownGroups(sc: Scenario, compare: boolean): Shown[] {
  if (!compare) return [{ scenario: sc, title: 'single' }];
  const m = sc.intervention.mentoring;
  // "With" needs some mentoring: a group chosen without any gets the default package (1 visit a month for 12 months).
  const withM = m.visitsPerMonth > 0 && m.months > 0 ? sc : withOverrides(sc, { 'intervention.mentoring.visitsPerMonth': 1, 'intervention.mentoring.months': 12 }, 'trainer');
  const without = withOverrides(sc, { 'intervention.mentoring.visitsPerMonth': 0 }, 'trainer');
  return [
    { scenario: withM, title: 'withMentoring' },
    { scenario: without, title: 'withoutMentoring' },
  ];
}

export const titleOf = (s: Pick<Shown, 'title'>, w: UiWords): string => w[s.title];

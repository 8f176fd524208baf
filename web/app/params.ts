/**
 * Where each settable parameter sits on the page (its section), which a roster decides, and the
 * value at a parameter's dotted path: what the store, the controls and the sweep form share.
 */
import type { Scenario } from '../../src/browser.ts';

export type SectionKey = 'intervention' | 'group' | 'members' | 'business' | 'costs';

/** Which section a parameter belongs to (null: not a control here). */
export function sectionOf(path: string): SectionKey | null {
  if (path.startsWith('intervention.costs.')) return 'costs';
  if (path.startsWith('intervention.')) return 'intervention';
  // How long to simulate is a choice about the group's life: it sits with the group.
  if (path.startsWith('group.') || path === 'horizonWeeks') return 'group';
  if (path === 'members.roster') return null;
  if (path.startsWith('members.')) return 'members';
  if (path.startsWith('business.') || path.startsWith('finance.')) return 'business';
  return null;
}

/** The sections in the page's order. */
export const SECTION_ORDER: SectionKey[] = ['intervention', 'group', 'members', 'business', 'costs'];

/** The value at a dotted path of a scenario. */
export function valueAt(sc: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], sc);
}

/** Parameters a roster decides (their controls are disabled while one is loaded). */
export function setByRoster(path: string): boolean {
  return path === 'group.size' || (path.startsWith('members.') && path !== 'members.incomeAspiration');
}


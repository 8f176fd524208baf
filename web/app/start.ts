/**
 * The page's first state, from its own link or else from what local storage kept: pure, so the
 * start-up rules (a link wins, storage the app did not write is dropped, a bad value waits in its
 * field with its section open) are tested without a browser.
 */
import { defaultHowSureFields, fieldsOf } from './how-sure.ts';
import { readLink, type CompareLink } from './link.ts';
import { sectionOf, type SectionKey } from './params.ts';
import { RUN_SETTINGS, scenarioOf, type Settings } from './settings.ts';
import type { Lang } from './i18n.ts';
import type { PageState, Problem } from './store.ts';

export const STORE_KEY = 'kube-sim.settings';

/** Where the page starts from: its link's query (if any), what storage held, the browser's language. */
export interface StartFrom {
  search: string;
  stored: string;
  browserLang: Lang;
}

/** What to read the settings from: the link, else storage if it holds one of the app's queries. */
export function startQuery({ search, stored }: StartFrom): PageState['initial'] & { dropStored: boolean } {
  const fromUrl = search.length > 1;
  // The app keeps a query string there (toQuery's); anything else is not its own.
  const unreadable = !fromUrl && !!stored && !/^\?\S*$/.test(stored);
  const query = fromUrl ? search : unreadable ? '' : stored;
  return { query, from: fromUrl ? 'url' : 'storage', storageUnreadable: unreadable, problems: [], dropStored: unreadable };
}

export function initialState(from: StartFrom): PageState & { dropStored: boolean } {
  const start = startQuery(from);
  let read: { settings: Settings; problems: PageState['initial']['problems']; link: CompareLink | null };
  try {
    read = readLink(start.query, from.browserLang);
  } catch {
    // readLink reports what it cannot read rather than throwing; should it throw, start afresh.
    if (start.from === 'storage') start.storageUnreadable = true;
    start.query = '';
    read = readLink('', from.browserLang);
  }
  const problems = new Map<string, Problem>();
  const open = new Set<SectionKey>(['intervention']);
  // A bad value in the link also shows next to its field (holding what the link said), with its
  // section open; the page then waits for it to be fixed instead of running.
  for (const p of read.problems) {
    const section = sectionOf(p.key);
    if (!section && !(p.key in RUN_SETTINGS)) continue;
    problems.set(p.key, { key: p.key, value: p.value });
    if (section) open.add(section);
  }
  const { dropStored, ...initial } = start;
  return {
    dropStored,
    settings: read.settings,
    scenario: scenarioOf(read.settings),
    initial: { ...initial, problems: read.problems },
    urlNotice: read.problems.length > 0 || start.storageUnreadable,
    problems,
    focus: null,
    pendingSet: null,
    rosterNote: null,
    rosterConflict: null,
    current: null,
    pinned: null,
    sweep: null,
    allOutcomesOpen: false,
    running: null,
    status: null,
    sweepStatus: null,
    error: null,
    references: null,
    open,
    sweepForm: { path: 'intervention.mentoring.visitsPerMonth', from: '0', to: '8', steps: '9', reps: '200', outcome: 'survivalRate' },
    howSure: null,
    howSureFields: read.link?.howSure ? fieldsOf(read.link.howSure) : defaultHowSureFields(),
    howSureStatus: null,
    // Only a link is followed: storage keeps the settings alone.
    link: start.from === 'url' ? read.link : null,
  };
}

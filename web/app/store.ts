/**
 * The planners' page's one store: what the planner chose (settings, and the scenario built from
 * them once per change), what the fields hold while wrong, the results on show, a pinned A, the
 * sweep, what is running and the page's last words. Plain data and a subscribe; the update
 * functions live in actions.ts and runs.ts, the views only read it.
 */
import type { EnsembleSummary, Override, Scenario } from '../../src/browser.ts';
import type { HowSureFields, HowSureRun } from './how-sure.ts';
import type { Dict, Formats, Lang } from './i18n.ts';
import type { CompareLink } from './link.ts';
import type { SectionKey } from './params.ts';
import type { RosterFile } from './roster.ts';
import type { EnsembleRun, SweepRun } from './session.ts';
import type { FieldProblem, Settings } from './settings.ts';
import type { SweepForm } from './sweep-form.ts';

export { SWEEP_OUTCOMES, type SweepForm, type SweepOutcome } from './sweep-form.ts';

/**
 * A field's problem: what the field holds (kept until fixed) and, for values that are fine alone
 * but not together, the words for it. Worded when drawn, so a language switch re-words it.
 */
export interface Problem {
  key: string;
  value: string;
  combined?: (lang: Lang) => string;
}

/** What went wrong (worded when drawn), what was kept, the technical detail, and a retry. */
export interface PageError {
  text: (D: Dict) => string;
  kept?: (D: Dict) => string;
  detail?: string;
  retry: () => void;
}

export interface Running {
  kind: 'ensemble' | 'sweep' | 'worlds';
  abort: AbortController;
  done: number;
  total: number;
}

export interface PageState {
  settings: Settings;
  /** The scenario of `settings`: built (and checked) once, where the settings change. */
  scenario: Scenario;
  /** Where the page's first settings came from, and what of them could not be read. */
  initial: { query: string; from: 'url' | 'storage'; storageUnreadable: boolean; problems: FieldProblem[] };
  /** The link's problems are listed at the top until the planner closes the notice. */
  urlNotice: boolean;
  /** Problems of fields, with what the field holds until it is fixed. */
  problems: ReadonlyMap<string, Problem>;
  /** The field the planner is sent to (a run refused while fields are wrong); n counts requests. */
  focus: { key: string; n: number } | null;
  /** Parameter changes that are each valid but do not fit together yet. */
  pendingSet: Override | null;
  /** The roster file last chosen (its text, re-read in the page's language when it changes). */
  rosterNote: RosterFile | null;
  /** Why a roster that reads well cannot go with the other settings. */
  rosterConflict: ((lang: Lang) => string) | null;
  current: EnsembleRun | null;
  pinned: EnsembleRun | null;
  sweep: SweepRun | null;
  /** The comparison's "all outcomes" table is open. */
  allOutcomesOpen: boolean;
  running: Running | null;
  /** The run box's last word, worded when drawn. */
  status: ((D: Dict, f: Formats) => string) | null;
  /** What the sweep panel says: a problem with its form, or what it did. */
  sweepStatus: ((lang: Lang) => string) | null;
  error: PageError | null;
  references: { cempaka: EnsembleSummary; tulip: EnsembleSummary } | null;
  /** Sections of the controls that are open. */
  open: ReadonlySet<SectionKey>;
  sweepForm: SweepForm;
  /** The comparison across plausible worlds on show ("How sure is this?"), its form and last word. */
  howSure: HowSureRun | null;
  howSureFields: HowSureFields;
  howSureStatus: ((lang: Lang) => string) | null;
  /** The comparison the page's link asked for (A's settings, the worlds), run at start-up. */
  link: CompareLink | null;
}

export type Key = keyof PageState;
/** A view's update: redraws what it shows when one of the fields it reads changed. */
export type ViewUpdate = (changed: ReadonlySet<Key>) => void;
export type Listener = (state: PageState, changed: ReadonlySet<Key>) => void;

export interface Store {
  readonly state: PageState;
  /** Replace some fields; listeners hear which changed. */
  update(patch: Partial<PageState>): void;
  subscribe(listener: Listener): () => void;
}

export function createStore(initial: PageState): Store {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    get state() {
      return state;
    },
    update(patch) {
      const changed = new Set(Object.keys(patch) as Key[]);
      state = { ...state, ...patch };
      for (const l of [...listeners]) l(state, changed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** True when any of `keys` is among those changed. */
export function touched(changed: ReadonlySet<Key>, ...keys: Key[]): boolean {
  return keys.some((k) => changed.has(k));
}

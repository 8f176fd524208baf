/**
 * Trainer mode's own parts of the address, beside the planner's (group, changes, roster, seed,
 * language, read by web/app/settings.ts): side by side, projector, speed, the tour, the week on
 * show and the events the trainer made happen. A prepared link opens a workshop's group exactly
 * as it was left. Each part goes through its zod schema; a bad one is left out and named, with
 * what is allowed, and the page opens on the rest. Pure: no DOM.
 */
import { z } from 'zod';
import { INJECTION_KINDS, type Injection } from '../../src/browser.ts';
import type { Lang } from '../app/i18n.ts';
import { DEFAULT_SPEED, SPEEDS } from './player.ts';

export interface TrainerView {
  compare: boolean;
  projector: boolean;
  speed: number;
  /** false: the link asks not to show the tour (a prepared workshop). */
  tour: boolean;
  /** The week to open at, or null for the start. */
  week: number | null;
  /** Events the trainer made happen, in the order made. */
  events: Injection[];
}

export const TRAINER_KEYS = ['compare', 'projector', 'speed', 'tour', 'week', 'events'] as const;

export interface UrlProblem {
  key: string;
  value: string;
  message: string;
}

/** The highest week a link may name (the schema's longest horizon); the page clamps to its run's. */
export const MAX_WEEK = 1560;
/** At most this many events in a link. */
export const MAX_EVENTS = 200;

const ALLOWED = {
  flag: { en: 'allowed: 0 or 1', id: 'yang boleh: 0 atau 1' },
  speed: { en: `allowed: one of ${SPEEDS.join(', ')}`, id: `yang boleh: salah satu dari ${SPEEDS.join(', ')}` },
  week: { en: `allowed: a whole number from 0 to ${MAX_WEEK}`, id: `yang boleh: bilangan bulat dari 0 sampai ${MAX_WEEK}` },
  events: {
    en: `allowed: up to ${MAX_EVENTS} events as week:kind separated by commas, e.g. 8:misuse,20:quarrel (kinds: ${INJECTION_KINDS.join(', ')})`,
    id: `yang boleh: paling banyak ${MAX_EVENTS} kejadian berbentuk minggu:jenis dipisah koma, mis. 8:misuse,20:quarrel (jenis: ${INJECTION_KINDS.join(', ')})`,
  },
} as const;

const flag = z.enum(['0', '1']).transform((v) => v === '1');
const speed = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number)
  .refine((v) => (SPEEDS as readonly number[]).includes(v));
const week = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .refine((v) => v <= MAX_WEEK);
const event = z
  .string()
  .regex(/^\d{1,5}:\w+$/)
  .transform((text): Injection => {
    const [w, kind] = text.split(':');
    return { week: Number(w), kind: kind as Injection['kind'] };
  })
  .refine((e) => e.week < MAX_WEEK && (INJECTION_KINDS as readonly string[]).includes(e.kind));
const events = z
  .string()
  .transform((text) => (text === '' ? [] : text.split(',')))
  .pipe(z.array(event).max(MAX_EVENTS));

const REPEATED = { en: 'given more than once; the first is used', id: 'diberikan lebih dari sekali; yang pertama dipakai' } as const;

const SCHEMAS = { compare: flag, projector: flag, speed, tour: flag, week, events } as const;
const MESSAGES = { compare: ALLOWED.flag, projector: ALLOWED.flag, speed: ALLOWED.speed, tour: ALLOWED.flag, week: ALLOWED.week, events: ALLOWED.events } as const;

/** Read trainer mode's parts of a query string; never throws. */
export function readTrainerView(search: string, lang: Lang): { view: TrainerView; problems: UrlProblem[] } {
  const q = new URLSearchParams(search);
  const view: TrainerView = { compare: false, projector: false, speed: DEFAULT_SPEED, tour: true, week: null, events: [] };
  const problems: UrlProblem[] = [];
  for (const key of TRAINER_KEYS) {
    const all = q.getAll(key);
    if (!all.length) continue;
    const raw = all[0];
    // Given twice (a link edited by hand): the first is read, the others named.
    for (const other of all.slice(1)) problems.push({ key, value: other, message: REPEATED[lang] });
    const r = SCHEMAS[key].safeParse(raw);
    if (!r.success) {
      problems.push({ key, value: raw.length > 80 ? `${raw.slice(0, 80)}…` : raw, message: MESSAGES[key][lang] });
      continue;
    }
    (view as unknown as Record<string, unknown>)[key] = r.data;
  }
  return { view, problems };
}

/** The address parts of a view (only what differs from a fresh page), to add to the planner's. */
export function trainerQuery(view: TrainerView, q: URLSearchParams): URLSearchParams {
  if (view.compare) q.set('compare', '1');
  if (view.projector) q.set('projector', '1');
  if (view.speed !== DEFAULT_SPEED) q.set('speed', String(view.speed));
  if (!view.tour) q.set('tour', '0');
  if (view.week !== null && view.week > 0) q.set('week', String(view.week));
  if (view.events.length) q.set('events', view.events.map((e) => `${e.week}:${e.kind}`).join(','));
  return q;
}

/** The query string without trainer mode's parts: what the planner's settings reader is given. */
export function plannerPart(search: string): string {
  const q = new URLSearchParams(search);
  for (const key of TRAINER_KEYS) q.delete(key);
  const text = q.toString();
  return text ? `?${text}` : '';
}

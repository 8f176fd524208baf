/** The address follows the page: the planner's settings, the language, and trainer mode's view (url.ts). */
import { toQuery } from '../app/settings.ts';
import type { Store } from './store.ts';
import { trainerQuery } from './url.ts';

export function syncAddress(store: Store): void {
  const { state, player } = store;
  const q = new URLSearchParams(toQuery(state.settings));
  // The language always: a link shared from an English page opens in English in an Indonesian browser.
  q.set('lang', state.settings.lang);
  // The week only when paused: a reload or a shared link opens where the trainer stopped.
  const view = { compare: state.compare, projector: state.projector, speed: player.speed, tour: state.tour, week: player.playing ? null : player.frame, events: state.injections };
  const text = trainerQuery(view, q).toString();
  const next = text ? `?${text}` : location.pathname;
  if (location.search !== (text ? `?${text}` : '')) history.replaceState(null, '', next);
}

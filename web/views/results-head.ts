/**
 * The results' head: what they are of (the package, a roster, how many runs, whether it stopped
 * early), a note when the settings changed since, what went wrong with a retry, or "press Run".
 */
import { select } from 'd3';
import { DICTS } from '../app/i18n.ts';
import { resultsLine, sameSettings } from '../app/page-words.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';

export function resultsHead(container: HTMLElement, store: Store): ViewUpdate {
  const main = select(container);
  const head = main.append('div').attr('class', 'results-head');
  const title = head.append('h2');
  const of = head.append('p').attr('class', 'results-of').attr('data-testid', 'results-of');
  const stale = head.append('p').attr('class', 'stale-note').attr('data-testid', 'stale');
  const errorBox = main.append('div').attr('class', 'error').attr('role', 'alert').attr('data-testid', 'error');
  const empty = main.append('p').attr('class', 'empty');

  return (changed) => {
    if (!touched(changed, 'settings', 'current', 'running', 'error')) return;
    const { settings, current: run, running, error } = store.state;
    const D = DICTS[settings.lang];
    title.text(D.results.title);
    of.text(run ? resultsLine(run, settings.lang) : '');
    empty.text(D.results.empty).property('hidden', !!run);
    const isStale = !!run && !running && !sameSettings(run.settings, settings);
    stale.text(isStale ? D.run.stale : '').property('hidden', !isStale);
    main.classed('is-stale', isStale);
    errorBox.property('hidden', !error).selectAll('*').remove();
    if (!error) return;
    errorBox.append('p').attr('class', 'error-text').text(error.text(D));
    if (error.kept) errorBox.append('p').attr('class', 'error-kept').text(error.kept(D));
    errorBox.append('button').attr('type', 'button').attr('data-testid', 'retry').text(D.run.retry).on('click', error.retry);
    if (error.detail) {
      const more = errorBox.append('details').attr('class', 'error-detail');
      more.append('summary').text(D.run.crashDetail);
      more.append('code').text(error.detail);
    }
  };
}

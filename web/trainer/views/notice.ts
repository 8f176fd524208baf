/** The notice under the header: a failure with Try again, a note on an event that could not happen, or the parts of the link left out. */
import * as d3 from 'd3';
import type { Actions } from '../actions.ts';
import { lang, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function noticeView(container: HTMLElement, store: Store, actions: Actions): (what: Set<Change>) => void {
  const box = d3.select(container).append('div').attr('class', 'notice').attr('role', 'status').attr('hidden', true);
  return (what) => {
    if (!what.has('notice') && !what.has('words')) return;
    const { failure, notice, problems } = store.state;
    const w = UI[lang(store)];
    box.selectAll('*').remove();
    if (failure) {
      box.attr('role', 'alert');
      box.append('strong').text(`${w.failed}: `);
      box.append('span').text(failure);
      box.append('button').attr('type', 'button').attr('class', 'small').attr('data-testid', 'retry').text(w.retry).on('click', () => actions.retry());
    } else {
      box.attr('role', 'status');
      if (problems.length) {
        box.append('span').text(w.problems);
        box.append('ul').selectAll('li').data(problems).join('li').text((p) => `${p.key} = ${JSON.stringify(p.value)}: ${p.message}`);
      }
      if (notice) box.append('p').text(notice(w));
    }
    box.attr('hidden', failure || notice || problems.length ? null : true);
  };
}

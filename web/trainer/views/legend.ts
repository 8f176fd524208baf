/** The line under the groups that says how to read the network. */
import * as d3 from 'd3';
import { SPARSE_FROM } from '../network/index.ts';
import { lang, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function legendView(container: HTMLElement, store: Store): (what: Set<Change>) => void {
  const legend = d3.select(container).append('p').attr('class', 't-legend');
  return (what) => {
    if (!what.has('words') && !what.has('runs')) return;
    const w = UI[lang(store)];
    const big = (store.state.traces[0]?.n ?? 0) > SPARSE_FROM;
    legend.text(big ? `${w.networkHelp} ${w.networkHelpBig}` : w.networkHelp);
  };
}

/**
 * The story: what happened each week up to the week on show, latest first, the latest 300 lines.
 * Going forward appends the new weeks; going back, a new run or another language retells it.
 */
import * as d3 from 'd3';
import { weekLabel } from '../narrate.ts';
import { lang, type Change, type Store } from '../store.ts';
import { titleOf } from '../shown.ts';
import { weekLines, type WeekLines } from '../week-lines.ts';
import { UI } from '../words.ts';

const KEEP = 300;

export function storyView(container: HTMLElement, store: Store): (what: Set<Change>) => void {
  const box = d3.select(container).append('aside').attr('class', 'story').attr('data-tour', 'story');
  const title = box.append('h2');
  const list = box.append('ol').attr('class', 'story-list').attr('data-testid', 'story').attr('aria-live', 'off');
  const empty = box.append('p').attr('class', 'story-empty');
  const node = list.node()!;
  let told = 0;

  function append(weeks: WeekLines[]): void {
    const w = UI[lang(store)];
    const { traces, shown } = store.state;
    for (const { f, lines } of weeks) {
      // A week's lines keep their order (most important first), above the weeks before.
      const week = document.createDocumentFragment();
      for (const { line, panel } of lines) {
        const li = document.createElement('li');
        li.className = `tone-${line.tone}${line.injected ? ' injected' : ''}`;
        li.dataset.week = String(f);
        li.dataset.panel = panel === 0 ? 'a' : 'b';
        li.dataset.kind = line.kind;
        const when = document.createElement('strong');
        when.textContent = `${weekLabel(f, lang(store))}${traces.length > 1 && shown ? ` · ${titleOf(shown[panel], w)}` : ''}: `;
        li.append(when, line.text);
        week.append(li);
      }
      node.prepend(week);
    }
    while (node.childElementCount > KEEP) node.lastElementChild!.remove();
    empty.attr('hidden', node.childElementCount ? true : null);
  }

  /** The story up to the week on show, narrated from the week on show back until 300 lines. */
  function retell(upTo: number): void {
    node.replaceChildren();
    const weeks: WeekLines[] = [];
    let lines = 0;
    for (let f = upTo; f >= 1 && lines < KEEP; f--) {
      const week = weekLines(store.state.traces, f, lang(store));
      weeks.push(week);
      lines += week.lines.length;
    }
    append(weeks.reverse());
  }

  return (what) => {
    const { player, state } = store;
    if (what.has('words')) {
      const w = UI[lang(store)];
      title.text(w.story);
      empty.text(w.storyEmpty);
    }
    // While playing the story changes too fast to read aloud; when paused or stepping, new lines are announced.
    const f = state.traces.length ? player.frame : 0;
    if (what.has('words') || what.has('runs') || f < told) {
      list.attr('aria-live', 'off');
      retell(f);
    } else if (f > told) append(d3.range(told + 1, f + 1).map((g) => weekLines(state.traces, g, lang(store))));
    told = f;
    list.attr('aria-live', player.playing ? 'off' : 'polite');
  };
}

/**
 * The groups on show, one panel each. A new group (restart, new luck, another group, side by side
 * on or off) gets new panels; an injection keeps them, so the layout carries on where it was.
 * `frame()` is called on every animation frame: it moves the layouts and redraws while anything moves.
 */
import * as d3 from 'd3';
import { memberName } from '../narrate.ts';
import { titleOf } from '../shown.ts';
import { lang, setTip, type Change, type Store } from '../store.ts';
import { pulsed, weekLines } from '../week-lines.ts';
import { UI } from '../words.ts';
import { createPanel, type Panel } from './panel.ts';

export interface PanelsView {
  update(what: Set<Change>): void;
  /** One animation frame: `moved` if the week or the position within it changed. */
  frame(moved: boolean): void;
}

export function panelsView(container: HTMLElement, store: Store): PanelsView {
  const box = d3.select(container).append('div').attr('class', 'panels');
  let panels: Panel[] = [];
  let needsDraw = true;
  let lastFrame = 0;
  /** The runs on show were dropped (a new group): the next ones get new panels. */
  let stale = true;

  function build(): void {
    const { traces } = store.state;
    for (const p of panels) p.destroy();
    box.selectAll('*').remove();
    box.classed('two', traces.length === 2);
    panels = traces.map((t, k) =>
      createPanel(box.node()!, {
        id: k === 0 ? 'a' : 'b',
        n: t.n,
        label: (i) => String(i + 1),
        name: (i, f) => memberName(store.state.traces[k] ?? t, i, f, lang(store)),
        onMember: (_p, i, anchor, pinned) => setTip(store, i === null || !anchor ? null : { kind: 'member', panel: k, index: i, anchor, pinned }),
        onElement: (_p, e, anchor) => setTip(store, e === null || !anchor ? null : { kind: 'element', panel: k, index: e, anchor, pinned: false }),
      }),
    );
    setWords();
    // Warm the layout up before the first frame, so members do not fly in from their circle.
    panels.forEach((p, k) => {
      p.network.draw(traces[k], store.player.frame, 0);
      for (let j = 0; j < 120; j++) p.network.tick();
    });
  }

  function setWords(): void {
    const w = UI[lang(store)];
    const shown = store.state.shown;
    panels.forEach((p, k) => p.setWords(w, lang(store), shown?.[k] ? titleOf(shown[k], w) : '', store.state.projector));
  }

  return {
    update(what) {
      const { traces } = store.state;
      if (what.has('runs')) {
        if (!traces.length) stale = true;
        else if (stale || panels.length !== traces.length) {
          build();
          stale = false;
        }
      }
      if (what.has('words') || what.has('view')) setWords();
      if (what.has('tip') && !store.state.tip) for (const p of panels) p.network.unpin();
      if (what.has('week')) {
        const f = store.player.frame;
        // Going forward, the members the newest week's events concern pulse, in each group.
        if (f > lastFrame && traces.length) {
          const week = weekLines(traces, f, lang(store));
          panels.forEach((p, k) => p.network.flash(pulsed(week, k)));
          for (const p of panels) p.network.warm();
        }
        lastFrame = f;
      }
      needsDraw = true;
    },
    frame(moved) {
      const { traces } = store.state;
      if (!traces.length || panels.length !== traces.length) return;
      let moving = false;
      for (const p of panels) moving = p.network.tick() || moving;
      if (!moving && !moved && !needsDraw) return;
      const { player } = store;
      const f = player.frame;
      panels.forEach((p, k) => p.draw(traces[k], f, player.pos - f));
      needsDraw = false;
    },
  };
}

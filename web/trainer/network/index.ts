/**
 * The members and their trust, animated: SVG members (members.ts) over canvas ties (ties.ts),
 * placed by a force layout (layout.ts) zoomed to fit the box (place.ts), sized so that their
 * words stay readable however small the box (sizing.ts). Members who leave move to a row along
 * the bottom, after its label. Built once per group.
 */
import * as d3 from 'd3';
import type { Trace } from '../../../src/browser.ts';
import { createLayout } from './layout.ts';
import { createMembers, type MemberWords } from './members.ts';
import { fit, freshView, place } from './place.ts';
import { attachPointer, type OnMember } from './pointer.ts';
import { watchBox } from './resize.ts';
import { HEIGHT, sizing, WIDTH, type Sizing } from './sizing.ts';
import { createTies } from './ties.ts';

export { SPARSE_FROM } from './ties.ts';

export interface NetworkOptions extends MemberWords {
  onMember: OnMember;
}

export interface NetworkView {
  /** Draw frame f, `alpha` of the way to frame f + 1. */
  draw(t: Trace, f: number, alpha: number): void;
  /** One step of the layout; true while it still moves. */
  tick(): boolean;
  /** Keep the layout moving (after a week changed the trust). */
  warm(): void;
  /** Make these members' circles pulse for a moment (the week's event concerns them). */
  flash(members: number[]): void;
  /** Forget a pinned member (their card was closed elsewhere). */
  unpin(): void;
  /** New words (language) for the row of leavers and the members, and the type size (projector or not). */
  setWords(left: string, projector: boolean): void;
  /** Stop observing the page (the panel is being removed). */
  destroy(): void;
  readonly svg: SVGSVGElement;
  /** The sizes in use (for tests and the panel). */
  sizing(): Sizing;
}

export function createNetwork(parent: HTMLElement, n: number, opts: NetworkOptions): NetworkView {
  const svg = d3.select(parent).append('svg').attr('class', 'network').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('preserveAspectRatio', 'xMidYMid meet').attr('role', 'group');
  const rule = svg.append('line').attr('class', 'left-rule').attr('x1', 10);
  const leftLabel = svg.append('text').attr('class', 'left-label').attr('x', 10).attr('dy', '0.35em');
  const scale = n <= 12 ? 1 : Math.sqrt(12 / n);
  const layout = createLayout(n, scale);
  const ties = createTies(parent, layout.links, n, scale);
  const members = createMembers(svg.append('g').attr('class', 'nodes'), n, opts);
  const pointer = attachPointer(svg.node()!, members.groups, opts.onMember);

  let projector = false;
  let s = sizing(0, 0, false, false, scale);
  let rowStart = 0;
  const resize = () => {
    s = sizing(watch.box.w, watch.box.h, watch.boxed(), projector, scale);
    svg.attr('viewBox', `0 0 ${s.W} ${HEIGHT}`).style('--label', String(s.label.toFixed(2)));
    rule.attr('x2', s.W - 10).attr('y1', s.rule).attr('y2', s.rule);
    leftLabel.attr('y', s.leftRow);
    rowStart = -1;
    drawn.frame = -1;
  };
  const watch = watchBox(svg.node()!, resize);

  const drawn = { trace: null as Trace | null, frame: -1 };
  const view = freshView();
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const radius = (c: number) => s.grow * scale * (7 + 13 * c);

  function weekChanged(t: Trace, f: number): void {
    layout.setWeek(t, f);
    members.setWeek(t, f, layout.gone);
    leftLabel.attr('visibility', layout.gone.some(Boolean) ? 'visible' : 'hidden');
    drawn.trace = t;
    drawn.frame = f;
  }

  return {
    svg: svg.node()!,
    sizing: () => s,
    draw(t, f, alpha) {
      if (t !== drawn.trace || f !== drawn.frame) weekChanged(t, f);
      // The row of leavers starts after its label (measured once it has words and a size).
      if (rowStart < 0) rowStart = 10 + (leftLabel.node()!.getComputedTextLength() || 0) + 8;
      const g = Math.min(f + 1, t.frames - 1);
      const a = g === f ? 0 : alpha;
      // Room at the edges for the biggest circle and the office word under it ("Sekretaris": about 6 em wide in bold).
      fit(view, layout.nodes, layout.gone, s, Math.max(radius(1), 3.4 * s.label), radius(1) + 1.2 * s.label);
      place(view, layout.nodes, layout.gone, s, rowStart, radius(1), sx, sy);
      ties.draw(t, f, g, a, sx, sy, watch.box, s.W);
      for (let i = 0; i < n; i++) {
        const c0 = t.commitment[f * n + i];
        const c = c0 + (t.commitment[g * n + i] - c0) * a;
        members.draw(i, sx[i], sy[i], radius(c), s.label);
      }
    },
    tick: () => layout.tick(),
    warm: () => layout.warm(),
    flash: (list) => members.flash(list),
    unpin: () => pointer.unpin(),
    setWords(left, on) {
      leftLabel.text(left);
      if (on !== projector) {
        projector = on;
        resize();
      }
      rowStart = -1;
      drawn.frame = -1;
    },
    destroy() {
      watch.disconnect();
      layout.stop();
    },
  };
}

/**
 * The members and their trust, animated: one circle per member (size = commitment, shade = skill,
 * a dark ring and a label for the officers) and one line per pair of members still in the group
 * (thickness and colour = their mutual trust). d3-force keeps members who trust each other close;
 * the page ticks it once per animation frame. Members who leave move to a row along the bottom.
 *
 * Built once per group. The members are SVG (they take pointer, focus and labels) and every frame
 * only sets their attributes; the lines, up to 435 for 30 members, are strokes on a canvas under
 * them, redrawn each frame.
 */
import * as d3 from 'd3';
import type { Trace } from '../../src/browser.ts';

export const WIDTH = 640;
export const HEIGHT = 420;
const LEFT_ROW = HEIGHT - 22;
/** From this group size on, only strong and broken ties are drawn (mutual trust above or below these). */
export const SPARSE_FROM = 12;
const STRONG = 0.55;
const BROKEN = 0.2;
/** Middle of the area for members still in. */
const AREA_Y = (LEFT_ROW - 26) / 2;

/** Trust 0 → 1: vermillion through grey to blue (Okabe–Ito ends, readable with colour blindness). */
const trustColour = d3.scaleLinear<string>().domain([0, 0.5, 1]).range(['#D55E00', '#b8b8b8', '#0072B2']).interpolate(d3.interpolateRgb).clamp(true);
const TRUST_COLOURS = d3.range(101).map((k) => trustColour(k / 100));
const skillColour = (s: number) => d3.interpolateBlues(0.2 + 0.75 * s);

interface Node extends d3.SimulationNodeDatum {
  i: number;
}
interface Link extends d3.SimulationLinkDatum<Node> {
  a: number;
  b: number;
  /** Mutual trust this week, 0–1. */
  w: number;
  on: boolean;
}

export interface NetworkOptions {
  /** Label inside member i's circle (their number), and the office word under it. */
  label(i: number): string;
  office(role: number): string;
  /** A member was pointed at (hover or focus) or let go (null). `pinned`: tapped or clicked. */
  onMember(i: number | null, anchor: Element | null, pinned: boolean): void;
  /** Accessible name of member i at the frame on show. */
  name(i: number, f: number): string;
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
  /** Redo the words on the members (office, accessible name) at the next draw: the language changed. */
  invalidate(): void;
  /** Stop observing the page (the panel is being removed). */
  destroy(): void;
  readonly svg: SVGSVGElement;
}

export function createNetwork(parent: HTMLElement, n: number, opts: NetworkOptions): NetworkView {
  const svg = d3
    .select(parent)
    .append('svg')
    .attr('class', 'network')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('preserveAspectRatio', 'xMidYMid meet')
    .attr('role', 'group');
  const leftRule = svg.append('line').attr('class', 'left-rule').attr('x1', 10).attr('x2', WIDTH - 10).attr('y1', LEFT_ROW - 18).attr('y2', LEFT_ROW - 18);
  // The drawing's width in its own units: the box's shape where the page gives the network a box
  // (a laptop or projector), so a wide, low box (side by side) is filled; WIDTH on a phone, where
  // the drawing's shape sets the box's height.
  let W = WIDTH;
  const boxed = window.matchMedia('(min-width: 901px)');
  const leftLabel = svg.append('text').attr('class', 'left-label').attr('x', 12).attr('y', LEFT_ROW - 24);

  const scale = n <= 12 ? 1 : Math.sqrt(12 / n);
  const sparse = n > SPARSE_FROM;
  // Members and their labels grow in a low box (side by side), where a drawing unit is few pixels.
  let grow = 1;
  const radius = (commitment: number) => grow * scale * (7 + 13 * commitment);

  // Founding members on a circle, the chair first: the same start for every run of the group.
  const nodes: Node[] = d3.range(n).map((i) => {
    const a = (2 * Math.PI * i) / n - Math.PI / 2;
    return { i, x: WIDTH / 2 + 140 * Math.cos(a), y: (HEIGHT - 40) / 2 + 120 * Math.sin(a) };
  });
  const links: Link[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) links.push({ source: a, target: b, a, b, w: 0.5, on: true });

  const linkForce = d3
    .forceLink<Node, Link>(links)
    .id((d) => d.i)
    .distance((l) => (l.on ? 90 + 220 * (1 - l.w) : 0))
    .strength((l) => (l.on ? (0.02 + 0.4 * l.w * l.w) / Math.sqrt(n) : 0));
  const sim = d3
    .forceSimulation<Node>(nodes)
    .force('link', linkForce)
    .force('charge', d3.forceManyBody<Node>().strength(-170 * scale).distanceMax(320))
    .force('x', d3.forceX<Node>(WIDTH / 2).strength(0.04))
    .force('y', d3.forceY<Node>((HEIGHT - 40) / 2).strength(0.07))
    .force('collide', d3.forceCollide<Node>(() => 22 * scale))
    .alphaDecay(0.02)
    .stop();

  // Trust lines go on a canvas under the SVG: hundreds of lines redrawn every frame cost far less
  // as canvas strokes than as SVG elements (each a DOM node to restyle and repaint).
  const canvas = d3.select(parent).insert('canvas', 'svg').attr('class', 'edges').attr('aria-hidden', 'true').node()!;
  const ctx = canvas.getContext('2d')!;
  const box = { w: 0, h: 0 };
  const sizes = new ResizeObserver(([entry]) => {
    box.w = entry.contentRect.width;
    box.h = entry.contentRect.height;
    const w = boxed.matches && box.h > 0 ? Math.round(Math.max(480, Math.min(1400, (HEIGHT * box.w) / box.h))) : WIDTH;
    if (w !== W) {
      W = w;
      svg.attr('viewBox', `0 0 ${W} ${HEIGHT}`);
      leftRule.attr('x2', W - 10);
    }
    const g = boxed.matches && box.h > 0 ? Math.max(1, Math.min(1.8, 320 / box.h)) : 1;
    if (g !== grow) {
      grow = g;
      svg.node()!.style.setProperty('--grow', String(g));
    }
  });
  sizes.observe(svg.node()!);
  const nodeLayer = svg.append('g').attr('class', 'nodes');
  const groups = nodeLayer
    .selectAll<SVGGElement, Node>('g')
    .data(nodes)
    .join('g')
    .attr('class', 'member')
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('data-member', (d) => d.i);
  const circles = groups.append('circle').nodes();
  groups
    .append('text')
    .attr('class', 'member-label')
    .attr('dy', '0.35em')
    .text((d) => opts.label(d.i));
  const offices = groups.append('text').attr('class', 'member-office').nodes();
  const groupEls = groups.nodes();
  for (const g of groupEls) g.addEventListener('animationend', () => g.classList.remove('flash'));

  let pinned: number | null = null;
  let touchAt = -Infinity;
  groups
    .on('pointerenter', (event: PointerEvent, d) => {
      if (pinned === null && event.pointerType === 'mouse') opts.onMember(d.i, event.currentTarget as Element, false);
    })
    .on('pointerleave', (event: PointerEvent) => {
      if (pinned === null && event.pointerType === 'mouse') opts.onMember(null, null, false);
    })
    .on('pointerdown', (event: PointerEvent) => {
      if (event.pointerType !== 'mouse') touchAt = event.timeStamp;
    })
    .on('focus', (event: FocusEvent, d) => {
      // A tap focuses the member just before its click: the click pins the card, so the focus
      // must not open one first (it would lie under the finger and take the click).
      if (pinned === null && event.timeStamp - touchAt > 1000) opts.onMember(d.i, event.currentTarget as Element, false);
    })
    .on('blur', () => {
      if (pinned === null) opts.onMember(null, null, false);
    })
    .on('click', (event: MouseEvent, d) => {
      pinned = pinned === d.i ? null : d.i;
      opts.onMember(pinned, pinned === null ? null : (event.currentTarget as Element), pinned !== null);
    })
    .on('keydown', (event: KeyboardEvent, d) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      // A button: Enter and Space both pin (Space must not also play or pause).
      event.preventDefault();
      event.stopPropagation();
      pinned = pinned === d.i ? null : d.i;
      opts.onMember(pinned, pinned === null ? null : (event.currentTarget as Element), pinned !== null);
    });
  svg.on('click', (event: MouseEvent) => {
    if (pinned !== null && !(event.target as Element).closest('.member')) {
      pinned = null;
      opts.onMember(null, null, false);
    }
  });

  // What the last drawn frame was, to redo the slow parts (labels, forces) only when it changes.
  let drawnFrame = -1;
  const shown = { r: new Array<string>(n).fill(''), fill: new Array<string>(n).fill('') };
  const fills = new Array<string>(n).fill('');
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  // Zoom to fit: the members still in fill the area above the row of leavers, eased frame to frame.
  const view = { kx: 1, ky: 1, cx: WIDTH / 2, cy: AREA_Y, fresh: true };
  function fit(t: Trace, f: number): void {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      if (t.active[f * n + i] !== 1) continue;
      const node = nodes[i];
      x0 = Math.min(x0, node.x!);
      x1 = Math.max(x1, node.x!);
      y0 = Math.min(y0, node.y!);
      y1 = Math.max(y1, node.y!);
    }
    if (x0 > x1) return;
    const pad = 2 * radius(1);
    const clampK = (k: number) => Math.max(0.5, Math.min(2.2, k));
    let kx = clampK((W - 2 * pad) / Math.max(1, x1 - x0));
    let ky = clampK((2 * AREA_Y - 2 * pad) / Math.max(1, y1 - y0));
    // Stretch to the box's shape, but not so far that the group no longer looks like itself.
    kx = Math.min(kx, 1.8 * ky);
    ky = Math.min(ky, 1.8 * kx);
    const ease = view.fresh ? 1 : 0.08;
    view.fresh = false;
    view.kx += (kx - view.kx) * ease;
    view.ky += (ky - view.ky) * ease;
    view.cx += ((x0 + x1) / 2 - view.cx) * ease;
    view.cy += ((y0 + y1) / 2 - view.cy) * ease;
  }
  let drawnTrace: Trace | null = null;
  const commit = new Float64Array(n);
  // 2 = not drawn yet, so the first draw marks members who already left.
  const wasActive = new Uint8Array(n).fill(2);

  function weekChanged(t: Trace, f: number): void {
    const at = f * n;
    let leftCount = 0;
    for (let i = 0; i < n; i++) {
      const active = t.active[at + i] === 1;
      const node = nodes[i];
      if (!active) {
        // Members who left line up along the bottom, in the order they left.
        node.fx = 24 + leftCount * 30 * Math.max(scale, 0.7);
        node.fy = LEFT_ROW;
        leftCount++;
      } else {
        node.fx = node.fy = null;
      }
      if (wasActive[i] !== (active ? 1 : 0)) {
        wasActive[i] = active ? 1 : 0;
        groupEls[i].classList.toggle('gone', !active);
      }
      fills[i] = skillColour(Math.round(t.skill[at + i] * 50) / 50);
      const role = t.role[at + i];
      offices[i].textContent = active ? opts.office(role) : '';
      groupEls[i].classList.toggle('officer', active && role < 3);
      groupEls[i].setAttribute('aria-label', opts.name(i, f));
    }
    leftLabel.attr('visibility', leftCount ? 'visible' : 'hidden');
    const nn = n * n;
    for (const l of links) {
      l.on = t.active[at + l.a] === 1 && t.active[at + l.b] === 1;
      l.w = (t.trust[f * nn + l.a * n + l.b] + t.trust[f * nn + l.b * n + l.a]) / 2;
    }
    linkForce.distance(linkForce.distance()).strength(linkForce.strength());
  }

  /** The lines of the pairs still together, trust interpolated between two frames' offsets. */
  function drawLines(t: Trace, at: number, next: number, a: number): void {
    const dpr = window.devicePixelRatio || 1;
    const cw = Math.round(box.w * dpr);
    const ch = Math.round(box.h * dpr);
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
      canvas.style.width = `${box.w}px`;
      canvas.style.height = `${box.h}px`;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, cw, ch);
    if (!cw || !ch) return;
    // The SVG's viewBox with preserveAspectRatio "xMidYMid meet", in device pixels.
    const k = Math.min(cw / W, ch / HEIGHT);
    ctx.setTransform(k, 0, 0, k, (cw - W * k) / 2, (ch - HEIGHT * k) / 2);
    ctx.lineCap = 'round';
    const tr = t.trust;
    for (const l of links) {
      if (!l.on) continue;
      const now = (tr[at + l.a * n + l.b] + tr[at + l.b * n + l.a]) / 2;
      const then = (tr[next + l.a * n + l.b] + tr[next + l.b * n + l.a]) / 2;
      const w = now + (then - now) * a;
      // In a big group, middling ties would only be a grey tangle: strong and broken ones are drawn.
      if (sparse && w > BROKEN && w < STRONG) continue;
      ctx.strokeStyle = TRUST_COLOURS[Math.round(w * 100)] ?? TRUST_COLOURS[50];
      ctx.globalAlpha = 0.12 + 0.6 * w;
      ctx.lineWidth = 0.4 + 5.5 * w * w * scale;
      ctx.beginPath();
      ctx.moveTo(sx[l.a], sy[l.a]);
      ctx.lineTo(sx[l.b], sy[l.b]);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  return {
    svg: svg.node()!,
    draw(t, f, alpha) {
      if (t !== drawnTrace || f !== drawnFrame) {
        weekChanged(t, f);
        drawnTrace = t;
        drawnFrame = f;
      }
      const g = Math.min(f + 1, t.frames - 1);
      const a = g === f ? 0 : alpha;
      fit(t, f);
      const nn = n * n;
      const at = f * nn;
      const next = g * nn;
      for (let i = 0; i < n; i++) {
        const node = nodes[i];
        if (node.fy === LEFT_ROW) {
          sx[i] = node.fx!;
          sy[i] = LEFT_ROW;
        } else {
          sx[i] = W / 2 + (node.x! - view.cx) * view.kx;
          sy[i] = AREA_Y + (node.y! - view.cy) * view.ky;
        }
      }
      drawLines(t, at, next, a);
      for (let i = 0; i < n; i++) {
        const c0 = t.commitment[f * n + i];
        const c1 = t.commitment[g * n + i];
        commit[i] = c0 + (c1 - c0) * a;
        groupEls[i].setAttribute('transform', `translate(${sx[i].toFixed(1)},${sy[i].toFixed(1)})`);
        // Only what changed: most frames move the members but leave their size and shade.
        const r = radius(commit[i]).toFixed(1);
        if (r !== shown.r[i]) {
          shown.r[i] = r;
          circles[i].setAttribute('r', r);
          offices[i].setAttribute('y', (Number(r) + 11).toFixed(1));
        }
        const fill = fills[i];
        if (fill !== shown.fill[i]) {
          shown.fill[i] = fill;
          circles[i].setAttribute('fill', fill);
        }
      }
    },
    tick() {
      if (sim.alpha() < sim.alphaMin()) return false;
      sim.tick();
      return true;
    },
    warm() {
      if (sim.alpha() < 0.3) sim.alpha(0.3);
    },
    unpin() {
      pinned = null;
    },
    flash(members) {
      for (const i of members) {
        const g = groupEls[i];
        if (!g) continue;
        // Restart the animation if it is already running (removed now, added at the next frame).
        g.classList.remove('flash');
        requestAnimationFrame(() => g.classList.add('flash'));
      }
    },
    invalidate() {
      drawnFrame = -1;
    },
    destroy() {
      sizes.disconnect();
      sim.stop();
    },
  };
}

export function setLeftLabel(view: NetworkView, text: string): void {
  const t = view.svg.querySelector('.left-label');
  if (t) t.textContent = text;
}

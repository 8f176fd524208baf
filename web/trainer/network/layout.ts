/**
 * Where the members stand: d3-force keeps members who trust each other close. Members who left
 * are held in place (they no longer pull or push by trust). The page ticks it once per frame.
 */
import * as d3 from 'd3';
import type { Trace } from '../../../src/browser.ts';
import { HEIGHT, WIDTH } from './sizing.ts';

export interface Node extends d3.SimulationNodeDatum {
  i: number;
}
export interface Link extends d3.SimulationLinkDatum<Node> {
  a: number;
  b: number;
  /** Mutual trust this week, 0–1. */
  w: number;
  on: boolean;
}

export interface Layout {
  nodes: Node[];
  links: Link[];
  /** Members out of the group this week, in member order. */
  gone: boolean[];
  /** Take the week's trust and who is still in. */
  setWeek(t: Trace, f: number): void;
  /** One step; true while it still moves. */
  tick(): boolean;
  warm(): void;
  stop(): void;
}

export function createLayout(n: number, scale: number): Layout {
  // Founding members on a circle, the chair first: the same start for every run of the group.
  const nodes: Node[] = d3.range(n).map((i) => {
    const a = (2 * Math.PI * i) / n - Math.PI / 2;
    return { i, x: WIDTH / 2 + 140 * Math.cos(a), y: (HEIGHT - 40) / 2 + 120 * Math.sin(a) };
  });
  const links: Link[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) links.push({ source: a, target: b, a, b, w: 0.5, on: true });
  const gone = new Array<boolean>(n).fill(false);

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

  return {
    nodes,
    links,
    gone,
    setWeek(t, f) {
      const at = f * n;
      let leftCount = 0;
      for (let i = 0; i < n; i++) {
        const node = nodes[i];
        gone[i] = t.active[at + i] !== 1;
        if (gone[i]) {
          // Held along the bottom, in the order they left, out of the way of those still in.
          node.fx = 24 + leftCount++ * 30 * Math.max(scale, 0.7);
          node.fy = HEIGHT;
        } else node.fx = node.fy = null;
      }
      const nn = n * n;
      for (const l of links) {
        l.on = !gone[l.a] && !gone[l.b];
        l.w = (t.trust[f * nn + l.a * n + l.b] + t.trust[f * nn + l.b * n + l.a]) / 2;
      }
      linkForce.distance(linkForce.distance()).strength(linkForce.strength());
    },
    tick() {
      if (sim.alpha() < sim.alphaMin()) return false;
      sim.tick();
      return true;
    },
    warm() {
      if (sim.alpha() < 0.3) sim.alpha(0.3);
    },
    stop: () => void sim.stop(),
  };
}

/**
 * The members as SVG: a circle each (size = commitment, shade = skill, a dark ring and an office
 * word for the officers), their number inside. Built once; each frame only sets attributes, and
 * only those that changed.
 */
import * as d3 from 'd3';
import type { Trace } from '../../../src/browser.ts';

const skillColour = (s: number) => d3.interpolateBlues(0.2 + 0.75 * s);

export interface MemberWords {
  label(i: number): string;
  office(role: number): string;
  name(i: number, f: number): string;
}

export interface Members {
  groups: SVGGElement[];
  /** The week's classes, office words, shades and accessible names. */
  setWeek(t: Trace, f: number, gone: boolean[]): void;
  /** Place member i at (x, y) with radius r (drawing units); `below`: the office word's distance under the circle. */
  draw(i: number, x: number, y: number, r: number, below: number): void;
  flash(members: number[]): void;
}

export function createMembers(layer: d3.Selection<SVGGElement, unknown, null, undefined>, n: number, words: MemberWords): Members {
  const sel = layer
    .selectAll<SVGGElement, number>('g')
    .data(d3.range(n))
    .join('g')
    .attr('class', 'member')
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('data-member', (i) => i);
  const circles = sel.append('circle').nodes();
  sel.append('text').attr('class', 'member-label').attr('dy', '0.35em').text((i) => words.label(i));
  const offices = sel.append('text').attr('class', 'member-office').nodes();
  const groups = sel.nodes();
  for (const g of groups) g.addEventListener('animationend', () => g.classList.remove('flash'));
  const shown = { r: new Array<string>(n).fill(''), y: new Array<string>(n).fill(''), fill: new Array<string>(n).fill('') };
  const fills = new Array<string>(n).fill('');
  // 2 = not drawn yet, so the first draw marks members who already left.
  const wasGone = new Uint8Array(n).fill(2);

  return {
    groups,
    setWeek(t, f, gone) {
      const at = f * n;
      for (let i = 0; i < n; i++) {
        if (wasGone[i] !== Number(gone[i])) {
          wasGone[i] = Number(gone[i]);
          groups[i].classList.toggle('gone', gone[i]);
        }
        fills[i] = skillColour(Math.round(t.skill[at + i] * 50) / 50);
        const role = t.role[at + i];
        offices[i].textContent = gone[i] ? '' : words.office(role);
        groups[i].classList.toggle('officer', !gone[i] && role < 3);
        groups[i].setAttribute('aria-label', words.name(i, f));
      }
    },
    draw(i, x, y, r, below) {
      groups[i].setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
      const rs = r.toFixed(1);
      if (rs !== shown.r[i]) {
        shown.r[i] = rs;
        circles[i].setAttribute('r', rs);
      }
      const ys = (r + below).toFixed(1);
      if (ys !== shown.y[i]) {
        shown.y[i] = ys;
        offices[i].setAttribute('y', ys);
      }
      if (fills[i] !== shown.fill[i]) {
        shown.fill[i] = fills[i];
        circles[i].setAttribute('fill', fills[i]);
      }
    },
    flash(members) {
      for (const i of members) {
        const g = groups[i];
        if (!g) continue;
        // Restart the animation if it is already running (removed now, added at the next frame).
        g.classList.remove('flash');
        requestAnimationFrame(() => g.classList.add('flash'));
      }
    },
  };
}

/**
 * The projector's group as in trainer mode: trainer mode's network (web/trainer/network/), drawn
 * from the played run that the page re-runs from the server's 'run' message, with each seated
 * member labelled by the player's display name. One element, kept across the page's redraws.
 */
import type { Lang } from '../app/i18n.ts';
import type { PublicState, Trace } from '../../src/browser.ts';
import { createNetwork, type NetworkView } from '../trainer/network/index.ts';
import { UI } from '../trainer/words.ts';

/** Longest label drawn in a circle; the full name is the member's accessible name. */
const LABEL_CHARS = 10;

export interface ProjectorNetwork {
  readonly el: HTMLElement;
  /** Show week `weeks` of the played run, names from the seats, words in `lang`. */
  show(played: Trace, weeks: number, seats: PublicState['seats'], lang: Lang): void;
}

export function projectorNetwork(): ProjectorNetwork {
  const el = document.createElement('div');
  el.className = 'ws-network network-box';
  el.dataset.testid = 'network';
  let net: NetworkView | null = null;
  let n = 0;
  let names: string[] = [];
  let lang: Lang = 'en';
  let drawn: { t: Trace; f: number } | null = null;
  let raf = 0;

  const shortName = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);
  const labelOf = (i: number) => shortName(names[i] || String(i + 1));

  function animate(): void {
    raf = 0;
    if (!net || !drawn) return;
    const moving = net.tick();
    net.draw(drawn.t, drawn.f, 0);
    if (moving) raf = requestAnimationFrame(animate);
  }

  // A new size (the page laid out, the window resized) is drawn at the next frame.
  new ResizeObserver(() => {
    if (!raf) raf = requestAnimationFrame(animate);
  }).observe(el);

  return {
    el,
    show(played, weeks, seats, l) {
      const f = Math.min(weeks, played.frames - 1);
      if (!net || played.n !== n) {
        net?.destroy();
        el.replaceChildren();
        n = played.n;
        net = createNetwork(el, n, {
          label: labelOf,
          office: (role) => UI[lang].roleShort[role] ?? '',
          name: (i) => names[i] || String(i + 1),
          onMember: () => {},
        });
        lang = l;
        net.setWords(UI[l].left, true);
        net.draw(played, f, 0);
        // Warm the layout up before the first frame, so members do not fly in from their circle.
        for (let j = 0; j < 120; j++) net.tick();
      }
      const newNames = Array.from({ length: n }, (_, i) => seats.find((s) => s.member === i)?.player ?? '');
      if (newNames.join('\u0000') !== names.join('\u0000') || l !== lang) {
        names = newNames;
        lang = l;
        net.setWords(UI[l].left, true);
        net.svg.setAttribute('aria-label', UI[l].network);
        net.svg.querySelectorAll('.member-label').forEach((t, i) => {
          t.textContent = labelOf(i);
          t.classList.toggle('ws-player-label', Boolean(names[i]));
        });
      }
      if (!drawn || drawn.t !== played || drawn.f !== f) {
        if (drawn && drawn.t !== played) net.warm();
        drawn = { t: played, f };
        el.dataset.week = String(f);
      }
      net.draw(played, f, 0);
      if (!raf) raf = requestAnimationFrame(animate);
    },
  };
}

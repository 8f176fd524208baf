/**
 * The list of notable events of a run (every event but the routine facilitator visits). The list
 * scrolls inside its panel, so every event is reachable however many there are; when the group
 * dissolved, the list starts scrolled to its end, where the dissolution is.
 */
import type { Panel } from './panel.ts';
import type { KubeEvent, MemberRecord } from '../../src/index.ts';
import { rupiah } from '../format.ts';
import { STRINGS } from '../strings.ts';

/** Events worth reading about: everything except `mentorVisit`. */
export function notable(events: KubeEvent[]): KubeEvent[] {
  return events.filter((e) => e.type !== 'mentorVisit');
}

/**
 * How the page names each member, by engine index: the roster's name if the scenario gives one,
 * else "member n" counted from 1.
 */
export function memberNames(members: readonly MemberRecord[]): string[] {
  return members.map((m) => (m.name?.trim() ? m.name : STRINGS.member(m.index)));
}

/** One event in words, without its week. `names` as from {@link memberNames}. */
export function describeEvent(e: KubeEvent, names: readonly string[] = []): string {
  const t = STRINGS.events;
  const who = (i: number) => names[i] ?? STRINGS.member(i);
  const money = (v: number) => (v > 0 ? rupiah(v) : '');
  switch (e.type) {
    case 'grant': return t.grant(rupiah(e.amount));
    case 'marketShock': return t.marketShock(rupiah(e.amount));
    case 'misuse': return t.misuse(who(e.member), rupiah(e.amount));
    case 'misuseDetected': return t.misuseDetected(who(e.member), rupiah(e.amount));
    case 'leaderReplaced': return t.leaderReplaced(who(e.member), e.other >= 0 ? who(e.other) : null);
    case 'exit': return t.exit(who(e.member), money(e.amount));
    case 'capitalSplit': return t.capitalSplit(rupiah(e.amount));
    case 'stagnant': return t.stagnant();
    case 'revived': return t.revived();
    // `amount` is the capital the members left shared out when the group ended.
    case 'dissolution': return t.dissolution(e.cause ? STRINGS.cause[e.cause] : STRINGS.outcome.none, money(e.amount));
    case 'mentorVisit': return e.type;
  }
}

export function drawEvents(root: Panel, events: KubeEvent[], names: readonly string[] = []): void {
  root.selectAll('*').remove();
  root.append('h2').text(STRINGS.events.title);
  const list = notable(events);
  if (list.length === 0) {
    root.append('p').attr('class', 'note').text(STRINGS.events.none);
    return;
  }
  const ol = root.append('ol').attr('tabindex', 0).attr('aria-label', STRINGS.events.title);
  const li = ol
    .selectAll('li')
    .data(list)
    .join('li')
    .attr('class', (e) => `event event-${e.type}`);
  li.append('span').attr('class', 'week').text((e) => `${STRINGS.events.week(e.week)}:`);
  li.append('span').text((e) => ` ${describeEvent(e, names)}`);
  // The end of the story matters most: keep the dissolution in view.
  if (list[list.length - 1].type === 'dissolution') {
    const node = ol.node()!;
    node.scrollTop = node.scrollHeight;
  }
}

/** The list of notable events of a run (every event but the routine facilitator visits). */
import type { Panel } from './panel.ts';
import { DISSOLUTION_CAUSES, type KubeEvent } from '../../src/index.ts';
import { rupiah } from '../format.ts';
import { STRINGS } from '../strings.ts';

/** Events worth reading about: everything except `mentorVisit`. */
export function notable(events: KubeEvent[]): KubeEvent[] {
  return events.filter((e) => e.type !== 'mentorVisit');
}

/** One event in words, without its week. */
export function describeEvent(e: KubeEvent): string {
  const t = STRINGS.events;
  const money = (v: number) => (v > 0 ? rupiah(v) : '');
  switch (e.type) {
    case 'grant': return t.grant(rupiah(e.amount));
    case 'marketShock': return t.marketShock(rupiah(e.amount));
    case 'misuse': return t.misuse(e.member, rupiah(e.amount));
    case 'misuseDetected': return t.misuseDetected(e.member, rupiah(e.amount));
    case 'leaderReplaced': return t.leaderReplaced(e.member, e.other);
    case 'exit': return t.exit(e.member, money(e.amount));
    case 'capitalSplit': return t.capitalSplit(rupiah(e.amount));
    case 'stagnant': return t.stagnant();
    case 'revived': return t.revived();
    case 'dissolution': {
      // The dissolution event carries its cause's index in `amount`.
      const cause = DISSOLUTION_CAUSES[e.amount];
      return t.dissolution(cause ? STRINGS.cause[cause] : String(e.amount));
    }
    case 'mentorVisit': return e.type;
  }
}

export function drawEvents(root: Panel, events: KubeEvent[]): void {
  root.selectAll('*').remove();
  root.append('h2').text(STRINGS.events.title);
  const list = notable(events);
  if (list.length === 0) {
    root.append('p').attr('class', 'note').text(STRINGS.events.none);
    return;
  }
  const li = root
    .append('ol')
    .selectAll('li')
    .data(list)
    .join('li')
    .attr('class', (e) => `event event-${e.type}`);
  li.append('span').attr('class', 'week').text((e) => `${STRINGS.events.week(e.week)}:`);
  li.append('span').text((e) => ` ${describeEvent(e)}`);
}

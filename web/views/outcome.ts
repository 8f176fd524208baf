/**
 * The outcome panel: how the run ended, in words and formatted numbers. Each value carries its
 * raw number in `data-value`, so tests can compare the page with the engine exactly.
 */
import type { Panel } from './panel.ts';
import type { Outcome } from '../../src/index.ts';
import { count, rupiah } from '../format.ts';
import { STRINGS } from '../strings.ts';

interface Row {
  field: string;
  label: string;
  text: string;
  value: string | number | null;
}

/** The rows of the panel, in order. Exported so tests can build the same text from Node. */
export function outcomeRows(o: Outcome, founders: number): Row[] {
  const t = STRINGS.outcome;
  return [
    { field: 'status', label: t.status, text: STRINGS.status[o.status], value: o.status },
    { field: 'cause', label: t.cause, text: o.cause ? STRINGS.cause[o.cause] : t.none, value: o.cause },
    { field: 'statusWeek', label: t.since, text: o.statusWeek === null ? t.none : String(o.statusWeek), value: o.statusWeek },
    { field: 'activeMembers', label: t.activeMembers, text: t.of(o.activeMembers, founders), value: o.activeMembers },
    { field: 'capital', label: t.capital, text: rupiah(o.capital), value: o.capital },
    { field: 'iksFund', label: t.iksFund, text: rupiah(o.iksFund), value: o.iksFund },
    { field: 'income', label: t.income, text: rupiah(o.incomePerMemberMonthly), value: o.incomePerMemberMonthly },
    { field: 'exits', label: t.exits, text: count(o.exits), value: o.exits },
    { field: 'misuse', label: t.misuse, text: count(o.misuseEvents), value: o.misuseEvents },
    { field: 'leaderChanges', label: t.leaderChanges, text: count(o.leaderChanges), value: o.leaderChanges },
  ];
}

export function drawOutcome(root: Panel, o: Outcome, founders: number): void {
  root.selectAll('*').remove();
  root.append('h2').text(STRINGS.outcome.title);
  const dl = root.append('dl');
  for (const r of outcomeRows(o, founders)) {
    dl.append('dt').text(r.label);
    const dd = dl
      .append('dd')
      .attr('data-field', r.field)
      .attr('data-value', r.value === null ? '' : String(r.value))
      .text(r.text);
    if (r.field === 'status') dd.attr('class', `status status-${o.status}`);
  }
}

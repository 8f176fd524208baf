/**
 * The outcome panel: how the run ended, in one headline and in rows of words and formatted
 * numbers. Each value carries its raw number in `data-value`, so tests can compare the page with
 * the engine exactly.
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

/** "Dissolved in week 87: too few members left", or how an active or stagnant run stands. */
export function headline(o: Outcome, weeks: number): string {
  const h = STRINGS.outcome.headline;
  if (o.status === 'dissolved') {
    const cause = o.cause ? STRINGS.cause[o.cause] : STRINGS.outcome.none;
    return h.dissolved(o.statusWeek ?? weeks, cause);
  }
  if (o.status === 'stagnant') return h.stagnant(o.statusWeek ?? weeks);
  return h.active(weeks);
}

/**
 * The rows under the headline, in order. Exported so tests can build the same text from Node.
 * (Status, week and cause are in the headline.)
 */
export function outcomeRows(o: Outcome, founders: number): Row[] {
  const t = STRINGS.outcome;
  // A dissolved group has no active members (the engine says 0); say how many stayed to the end.
  const dissolved = o.status === 'dissolved';
  return [
    {
      field: 'activeMembers',
      label: t.activeMembers,
      text: dissolved ? t.membersWhenEnded(o.activeMembers, o.membersAtEnd, founders) : t.of(o.activeMembers, founders),
      value: o.activeMembers,
    },
    { field: 'capital', label: t.capital, text: rupiah(o.capital), value: o.capital },
    { field: 'iksFund', label: t.iksFund, text: rupiah(o.iksFund), value: o.iksFund },
    { field: 'income', label: t.income, text: rupiah(o.incomePerMemberMonthly), value: o.incomePerMemberMonthly },
    { field: 'exits', label: t.exits, text: count(o.exits), value: o.exits },
    { field: 'misuse', label: t.misuse, text: count(o.misuseEvents), value: o.misuseEvents },
    { field: 'leaderChanges', label: t.leaderChanges, text: count(o.leaderChanges), value: o.leaderChanges },
    { field: 'mentorVisits', label: t.mentorVisits, text: count(o.mentorVisits), value: o.mentorVisits },
    { field: 'interventionCost', label: t.interventionCost, text: rupiah(o.interventionCost), value: o.interventionCost },
  ];
}

export function drawOutcome(root: Panel, o: Outcome, founders: number, weeks: number): void {
  root.selectAll('*').remove();
  root.append('h2').text(STRINGS.outcome.title);
  root
    .append('p')
    .attr('class', `headline status-${o.status}`)
    .attr('data-testid', 'headline')
    .attr('data-status', o.status)
    .attr('data-week', o.statusWeek ?? '')
    .attr('data-cause', o.cause ?? '')
    .text(headline(o, weeks));
  const dl = root.append('dl');
  for (const r of outcomeRows(o, founders)) {
    dl.append('dt').text(r.label);
    const dd = dl
      .append('dd')
      .attr('data-field', r.field)
      .attr('data-value', r.value === null ? '' : String(r.value))
      .text(r.text);
    if (r.field === 'activeMembers' && o.status === 'dissolved') dd.attr('class', 'wraps');
  }
}

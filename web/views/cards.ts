/**
 * Outcome cards: survival, income per member per month and cost per surviving group, each with its
 * 95% interval — for the current result and, when one is pinned, for A beside it.
 */
import { select } from 'd3';
import { DISSOLUTION_CAUSE_TEXT, WEEKS_PER_MONTH, type DissolutionCause, type Estimate, type EnsembleSummary } from '../../src/browser.ts';
import { DICTS, formats, type Lang } from '../app/i18n.ts';

export interface Card {
  key: 'survival' | 'income' | 'cost';
  title: string;
  value: string;
  interval: string;
  note: string;
}

/** A horizon in years when it is a whole number of them, else in weeks. */
export function horizonText(weeks: number, lang: Lang): string {
  const d = DICTS[lang];
  const years = weeks / (12 * WEEKS_PER_MONTH);
  return Math.abs(years - Math.round(years)) < 0.02 ? d.results.years(Math.round(years)) : d.results.weeks(weeks);
}

/** The cards' words and numbers (pure: tested without a page). */
export function cards(s: EnsembleSummary, lang: Lang): Card[] {
  const d = DICTS[lang];
  const f = formats(lang);
  const h = s.headline;
  const ci = (e: Estimate, g: (x: number) => string) => (Number.isFinite(e.ci[0]) && Number.isFinite(e.ci[1]) ? d.results.ci(g(e.ci[0]), g(e.ci[1])) : '');
  const pct = (x: number) => f.pct(x, 1);
  return [
    {
      key: 'survival',
      title: d.results.survival,
      value: pct(h.survivalRate.mean),
      interval: ci(h.survivalRate, pct),
      note: `${d.results.survivalNote(horizonText(s.weeks, lang))} · ${d.results.fate(pct(h.stagnantRate.mean), pct(h.dissolvedRate.mean))}`,
    },
    {
      key: 'income',
      title: d.results.income,
      value: f.rupiah(h.memberIncomeMonthly.mean),
      interval: ci(h.memberIncomeMonthly, f.rupiah),
      note: d.results.incomeNote(f.rupiah(h.businessProfitMonthly.mean)),
    },
    {
      key: 'cost',
      title: d.results.cost,
      value: h.costPerSurvivingGroup ? f.rupiah(h.costPerSurvivingGroup.mean) : d.results.noneSurvived,
      interval: h.costPerSurvivingGroup ? ci(h.costPerSurvivingGroup, f.rupiah) : '',
      note: d.results.costNote(f.rupiah(h.interventionCost.mean)),
    },
  ];
}

/** Why dissolved groups ended, as "capital split 12% · stagnant for half a year 5%". */
export function causesText(s: EnsembleSummary, lang: Lang): string {
  const f = formats(lang);
  return Object.entries(s.causes)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${DISSOLUTION_CAUSE_TEXT[c as DissolutionCause][lang]} ${f.pct(n / s.replications, 1)}`)
    .join(' · ');
}

/** Draw the cards; `a` is the pinned result's summary, shown in a second line on each card. */
export function drawCards(root: HTMLElement, s: EnsembleSummary, lang: Lang, a: { label: string; summary: EnsembleSummary } | null): void {
  const d = DICTS[lang];
  const mine = cards(s, lang);
  const pinned = a ? cards(a.summary, lang) : null;
  const box = select(root);
  box.selectAll('*').remove();
  const card = box
    .selectAll('div.card')
    .data(mine)
    .join('div')
    .attr('class', 'card')
    .attr('data-testid', (c) => `card-${c.key}`);
  card.append('h3').text((c) => c.title);
  card.append('p').attr('class', 'value').text((c) => c.value);
  card.append('p').attr('class', 'interval').text((c) => c.interval);
  card.append('p').attr('class', 'note').text((c) => c.note);
  if (pinned) {
    card
      .append('p')
      .attr('class', 'pinned')
      .text((_, i) => `${a!.label}: ${pinned[i].value}${pinned[i].interval ? ` (${pinned[i].interval})` : ''}`);
  }
  const causes = causesText(s, lang);
  if (causes) box.append('p').attr('class', 'causes').text(`${d.results.causes}: ${causes}`);
}

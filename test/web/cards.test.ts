/**
 * The outcome cards' words and numbers, from real ensembles: the headline's numbers formatted in
 * the page's language, intervals once they are known, "no group survived" when none did, and
 * the horizon in years or weeks.
 */
import { describe, expect, it } from 'vitest';
import { DISSOLUTION_CAUSE_TEXT, type DissolutionCause, type EnsembleSummary } from '../../src/index.ts';
import { DICTS, formats, LANGS } from '../../web/app/i18n.ts';
import { cards, causesText, horizonText } from '../../web/views/cards.ts';
import { ensembleRun } from './runs.ts';

const many = ensembleRun({ preset: 'mentoring-none', seed: 2, reps: 40 }, false).ensemble.summary();
const one = ensembleRun({ seed: 2, reps: 1 }, false).ensemble.summary();
// Every member needed and no grant: a Tulip-like group of this kind breaks up at the first exit.
const doomed = ensembleRun({ preset: 'tulip', seed: 2, reps: 30, set: { 'group.minMembers': 10, 'intervention.grant.amount': 0 } }, false).ensemble.summary();

describe('cards', () => {
  it('are three: survival, income, cost, each with a title in the page’s language', () => {
    for (const lang of LANGS) {
      const c = cards(many, lang);
      expect(c.map((x) => x.key)).toEqual(['survival', 'income', 'cost']);
      expect(c.map((x) => x.title)).toEqual([DICTS[lang].results.survival, DICTS[lang].results.income, DICTS[lang].results.cost]);
    }
  });

  it('show the headline’s numbers, formatted the page’s way', () => {
    for (const lang of LANGS) {
      const f = formats(lang);
      const h = many.headline;
      const [survival, income, cost] = cards(many, lang);
      expect(survival.value).toBe(f.pct(h.survivalRate.mean, 1));
      expect(income.value).toBe(f.rupiah(h.memberIncomeMonthly.mean));
      // Paid out is what members get; the business's profit, what trials measure, is beside it.
      expect(income.note).toContain(f.rupiah(h.businessProfitMonthly.mean));
      expect(h.businessProfitMonthly.mean).not.toBe(h.memberIncomeMonthly.mean);
      expect(cost.value).toBe(f.rupiah(h.costPerSurvivingGroup!.mean));
      expect(cost.note).toBe(DICTS[lang].results.costNote(f.rupiah(h.interventionCost.mean)));
      expect(survival.note).toContain(f.pct(h.stagnantRate.mean, 1));
      expect(survival.note).toContain(f.pct(h.dissolvedRate.mean, 1));
    }
    expect(cards(many, 'id')[0].value).toMatch(/^\d+,\d%$/);
    expect(cards(many, 'en')[0].value).toMatch(/^\d+\.\d%$/);
  });

  it('give each card its 95% interval once there are runs enough to know it', () => {
    for (const lang of LANGS) {
      const f = formats(lang);
      const h = many.headline;
      const [survival, income, cost] = cards(many, lang);
      const pct = (x: number) => f.pct(x, 1);
      expect(survival.interval).toBe(DICTS[lang].results.ci(pct(h.survivalRate.ci[0]), pct(h.survivalRate.ci[1])));
      expect(income.interval).toBe(DICTS[lang].results.ci(f.rupiah(h.memberIncomeMonthly.ci[0]), f.rupiah(h.memberIncomeMonthly.ci[1])));
      expect(cost.interval).toBe(DICTS[lang].results.ci(f.rupiah(h.costPerSurvivingGroup!.ci[0]), f.rupiah(h.costPerSurvivingGroup!.ci[1])));
    }
  });

  it('leave out the intervals one run cannot give, and never write NaN', () => {
    expect(one.replications).toBe(1);
    for (const lang of LANGS) {
      const [survival, income, cost] = cards(one, lang);
      expect(income.interval).toBe('');
      expect(cost.interval).toBe('');
      // A share has an interval even from one run (Wilson's, as the command line prints it).
      const [lo, hi] = one.headline.survivalRate.ci;
      expect(survival.interval).toBe(DICTS[lang].results.ci(formats(lang).pct(lo, 1), formats(lang).pct(hi, 1)));
      for (const c of cards(one, lang)) for (const t of [c.value, c.interval, c.note]) expect(t).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it('say no group survived when none did, in both languages', () => {
    expect(doomed.headline.survivalRate.mean).toBe(0); // else this ensemble tests nothing
    expect(doomed.headline.costPerSurvivingGroup).toBeNull();
    const en = cards(doomed, 'en')[2];
    const id = cards(doomed, 'id')[2];
    expect(en.value).toBe('no group survived');
    expect(id.value).toBe('tidak ada kelompok yang bertahan');
    expect(en.interval).toBe('');
    expect(id.interval).toBe('');
    expect(en.note).toBe(DICTS.en.results.costNote(formats('en').rupiah(doomed.headline.interventionCost.mean)));
    expect(cards(doomed, 'en')[0].value).toBe('0.0%');
  });

  it('say the same for any summary without a surviving group', () => {
    const none: EnsembleSummary = { ...many, headline: { ...many.headline, costPerSurvivingGroup: null } };
    expect(cards(none, 'en')[2]).toMatchObject({ value: DICTS.en.results.noneSurvived, interval: '' });
    expect(cards(none, 'id')[2]).toMatchObject({ value: DICTS.id.results.noneSurvived, interval: '' });
  });

  it('put the horizon in the survival note', () => {
    expect(cards(many, 'en')[0].note).toMatch(/ after 3 years · /);
    expect(cards(many, 'id')[0].note).toMatch(/ setelah 3 tahun · /);
    const short = ensembleRun({ reps: 3, set: { horizonWeeks: 100 } }, false).ensemble.summary();
    expect(cards(short, 'en')[0].note).toMatch(/ after 100 weeks · /);
    expect(cards(short, 'id')[0].note).toMatch(/ setelah 100 minggu · /);
  });
});

describe('horizonText', () => {
  it('gives whole years in years and anything else in weeks', () => {
    expect(horizonText(156, 'en')).toBe('3 years');
    expect(horizonText(156, 'id')).toBe('3 tahun');
    expect(horizonText(52, 'en')).toBe('1 year');
    expect(horizonText(52, 'id')).toBe('1 tahun');
    expect(horizonText(104, 'en')).toBe('2 years');
    expect(horizonText(260, 'id')).toBe('5 tahun');
    expect(horizonText(100, 'en')).toBe('100 weeks');
    expect(horizonText(100, 'id')).toBe('100 minggu');
    expect(horizonText(26, 'en')).toBe('26 weeks');
    expect(horizonText(4, 'id')).toBe('4 minggu');
    expect(horizonText(160, 'en')).toBe('160 weeks');
  });
});

describe('causesText', () => {
  it('lists why groups dissolved, most common first, with shares, in the page’s language', () => {
    const causes = Object.entries(doomed.causes).filter(([, n]) => n > 0);
    expect(causes.length).toBeGreaterThan(0);
    for (const lang of LANGS) {
      const text = causesText(doomed, lang);
      const parts = text.split(' · ');
      expect(parts).toHaveLength(causes.length);
      const sorted = [...causes].sort((a, b) => b[1] - a[1]);
      sorted.forEach(([c, n], i) => expect(parts[i]).toBe(`${DISSOLUTION_CAUSE_TEXT[c as DissolutionCause][lang]} ${formats(lang).pct(n / doomed.replications, 1)}`));
    }
    const noneDissolved: EnsembleSummary = { ...many, causes: Object.fromEntries(Object.keys(many.causes).map((k) => [k, 0])) };
    expect(causesText(noneDissolved, 'en')).toBe('');
  });
});

/**
 * Trainer mode's own address parts (web/trainer/url.ts): every good view goes round trip through
 * the address; every bad part is left out and named with its value and what is allowed, in the
 * page's language, and never throws; the planner's part is handed on untouched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INJECTION_KINDS } from '../../src/index.ts';
import { SPEEDS } from '../../web/trainer/player.ts';
import { MAX_EVENTS, MAX_WEEK, plannerPart, readTrainerView, TRAINER_KEYS, trainerQuery, type TrainerView } from '../../web/trainer/url.ts';

const view = fc.record({
  compare: fc.boolean(),
  projector: fc.boolean(),
  speed: fc.constantFrom(...SPEEDS),
  tour: fc.boolean(),
  week: fc.option(fc.integer({ min: 1, max: MAX_WEEK }), { nil: null }),
  events: fc.array(fc.record({ week: fc.integer({ min: 0, max: MAX_WEEK - 1 }), kind: fc.constantFrom(...INJECTION_KINDS) }), { maxLength: 20 }),
}) as fc.Arbitrary<TrainerView>;

describe('trainer mode’s address', () => {
  it('a view goes round trip through the address (300 generated views)', () => {
    fc.assert(
      fc.property(view, (v) => {
        const q = trainerQuery(v, new URLSearchParams('preset=tulip&seed=4'));
        const back = readTrainerView(`?${q}`, 'en');
        expect(back.problems).toEqual([]);
        expect(back.view).toEqual(v);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('a fresh page adds nothing to the address', () => {
    const fresh = readTrainerView('', 'en').view;
    expect(trainerQuery(fresh, new URLSearchParams()).toString()).toBe('');
  });

  it('bad parts are left out and named with their value and what is allowed, in both languages', () => {
    const bad = '?compare=yes&projector=2&speed=3&tour=&week=-4&events=8:flood,x:misuse';
    const en = readTrainerView(bad, 'en');
    expect(en.view).toEqual(readTrainerView('', 'en').view);
    expect(en.problems.map((p) => p.key)).toEqual(['compare', 'projector', 'speed', 'tour', 'week', 'events']);
    expect(en.problems.find((p) => p.key === 'speed')).toEqual({ key: 'speed', value: '3', message: `allowed: one of ${SPEEDS.join(', ')}` });
    expect(en.problems.find((p) => p.key === 'events')!.message).toMatch(/week:kind.*visit, marketShock, quarrel, misuse, leave/);
    const id = readTrainerView(bad, 'id');
    expect(id.problems.find((p) => p.key === 'week')!.message).toBe(`yang boleh: bilangan bulat dari 0 sampai ${MAX_WEEK}`);
  });

  it('too many events, or a week past the longest horizon, are refused', () => {
    const many = Array.from({ length: MAX_EVENTS + 1 }, (_, k) => `${k}:visit`).join(',');
    expect(readTrainerView(`?events=${many}`, 'en').problems.map((p) => p.key)).toEqual(['events']);
    expect(readTrainerView(`?week=${MAX_WEEK + 1}`, 'en').problems.map((p) => p.key)).toEqual(['week']);
    expect(readTrainerView(`?events=${MAX_WEEK}:visit`, 'en').problems.map((p) => p.key)).toEqual(['events']);
  });

  it('any junk in any part never throws, and what it reads is always a valid view (1,000 generated addresses)', () => {
    const part = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('1', '0', 'NaN', 'Infinity', '1e999', '-1', '8:misuse', ':', ','));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...TRAINER_KEYS), part), (parts) => {
        const q = new URLSearchParams(parts as Record<string, string>);
        const { view: v, problems } = readTrainerView(`?${q}`, 'en');
        expect((SPEEDS as readonly number[]).includes(v.speed)).toBe(true);
        expect(v.week === null || (Number.isInteger(v.week) && v.week >= 0 && v.week <= MAX_WEEK)).toBe(true);
        for (const e of v.events) expect(INJECTION_KINDS).toContain(e.kind);
        for (const p of problems) expect(parts[p.key as keyof typeof parts]?.startsWith(p.value.replace(/…$/, ''))).toBe(true);
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });

  it('a part given twice: the first is read, the others named', () => {
    const { view, problems } = readTrainerView('?speed=4&speed=8&compare=1&compare=0', 'en');
    expect(view.speed).toBe(4);
    expect(view.compare).toBe(true);
    expect(problems).toEqual([
      { key: 'compare', value: '0', message: 'given more than once; the first is used' },
      { key: 'speed', value: '8', message: 'given more than once; the first is used' },
    ]);
  });

  it('hands the planner its part of the address untouched', () => {
    expect(plannerPart('?preset=tulip&compare=1&seed=4&week=9&events=3:visit&group.size=12&tour=0')).toBe('?preset=tulip&seed=4&group.size=12');
    expect(plannerPart('?compare=1')).toBe('');
  });
});

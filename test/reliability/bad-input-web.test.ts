/**
 * Bad input at the browser app's doors: the page's address (fromQuery) and its controls
 * (checkParameter, checkRunSetting, checkWhole). A tampered or junk link still opens, on what
 * could be read, with each bad part named (key, value, message); a typed value is taken or
 * refused with the field, the value and the range. Nothing throws; no NaN reaches the settings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../web/app/i18n.ts';
import { checkParameter, checkRunSetting, checkWhole, fromQuery, RUN_SETTINGS, scenarioOf, type RunSetting } from '../../web/app/settings.ts';
import { badValueFor, NUMERIC, numbersIn, PARAMETERS, POLLUTING, prototypeClean, SEED } from './generators.ts';

const lang = fc.constantFrom(...LANGS);
/** Text a planner could type or a link could carry: numbers either language's way, and junk. */
const typed = fc.oneof(
  fc.constantFrom('', ' ', '-', '−5', 'NaN', 'Infinity', '1e999', '1e3', '0x10', '1,5', '1.5', '1.000', '1,000', '1.000.000', '25.000.000', '25,000,000', 'Rp 25.000.000', '٣', '0,', ',5', '__proto__', 'true'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }),
);

describe('the controls', () => {
  // 1,000 cases: every numeric parameter, text typed in either language.
  it('a typed value is taken within the range, or refused naming the value and the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMERIC.filter((p) => p.path !== 'seed' && p.path !== 'members.roster')), typed, lang, (p, raw, l) => {
        const r = checkParameter(p.path, raw, l);
        if ('value' in r) {
          expect(typeof r.value).toBe('number');
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.value as number).toBeGreaterThanOrEqual(p.min!);
          expect(r.value as number).toBeLessThanOrEqual(p.max!);
          if (p.int) expect(Number.isInteger(r.value)).toBe(true);
        } else {
          expect(r.problem.key).toBe(p.path);
          expect(r.problem.value).toBe(raw);
          if (!raw.includes('NaN')) expect(r.problem.message).not.toMatch(/NaN/);
          expect(r.problem.message).not.toMatch(/undefined/);
          // Out of range or not a number: the range lo–hi is said (a fraction or a thousands
          // question says what to type instead).
          if (!/whole number|bilangan bulat|did you mean|maksud|or |atau /.test(r.problem.message)) expect(r.problem.message).toMatch(/–/); // the range lo–hi
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  // 300 cases: choices and yes/no with junk.
  it('a choice or yes/no that is none of them is refused with the choices', () => {
    const others = PARAMETERS.filter((p) => p.options || p.unit === 'yes/no');
    fc.assert(
      fc.property(fc.constantFrom(...others), fc.oneof(typed, fc.constantFrom('TRUE', 'yes', 'Livestock', ' poultry')), lang, (p, raw, l) => {
        const r = checkParameter(p.path, raw, l);
        const allowed = p.options ? p.options.includes(raw) : raw === 'true' || raw === 'false';
        expect('value' in r).toBe(allowed);
        if ('problem' in r) {
          expect(r.problem.key).toBe(p.path);
          expect(r.problem.message).toContain(raw);
          expect(r.problem.message).toMatch(/allowed|boleh/);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  // 400 cases: the seed and replications fields, and the sweep form's whole numbers.
  it('the run settings take whole numbers in their range only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(RUN_SETTINGS) as RunSetting[])), typed, lang, (key, raw, l) => {
        const [lo, hi] = RUN_SETTINGS[key];
        const r = checkRunSetting(key, raw, l);
        if ('value' in r) {
          expect(Number.isInteger(r.value) && r.value >= lo && r.value <= hi).toBe(true);
        } else {
          expect(r.problem.key).toBe(key);
          expect(r.problem.value).toBe(raw);
          if (!raw.includes('NaN')) expect(r.problem.message).not.toMatch(/NaN/);
          expect(r.problem.message).not.toMatch(/undefined/);
        }
        const w = checkWhole('points', raw, 2, 50, l);
        if ('value' in w) expect(Number.isInteger(w.value) && w.value >= 2 && w.value <= 50).toBe(true);
        else expect(w.problem.key).toBe('points');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('the address', () => {
  const keys = fc.oneof(
    fc.constantFrom(...PARAMETERS.map((p) => p.path), 'preset', 'seed', 'reps', 'lang', 'roster', ...POLLUTING, '__proto__.polluted', 'constructor.prototype.polluted'),
    fc.string({ maxLength: 10 }),
  );
  const valueFor = (key: string) => {
    const p = PARAMETERS.find((x) => x.path === key);
    return p ? fc.oneof(typed, badValueFor(p).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))) : typed;
  };
  const query = fc.array(keys.chain((k) => valueFor(k).map((v) => [k, v] as const)), { maxLength: 8 }).map((pairs) => `?${new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()}`);

  // 800 cases: junk links (every key, junk keys, bad values, prototype keys, truncated or junk rosters).
  it('any link opens on valid settings, each bad part named; nothing throws', () => {
    const roster = fc.oneof(fc.string({ maxLength: 30 }), fc.base64String({ maxLength: 40 }), fc.constantFrom('', '====', 'eyJ', 'W10', 'bnVsbA'));
    fc.assert(
      fc.property(query, fc.option(roster), lang, (q, r, l) => {
        const search = r === null ? q : `${q}&roster=${encodeURIComponent(r)}`;
        const { settings, problems } = fromQuery(search, l);
        expect(numbersIn(settings).every(Number.isFinite)).toBe(true);
        expect(() => scenarioOf(settings)).not.toThrow();
        expect(numbersIn(scenarioOf(settings)).every(Number.isFinite)).toBe(true);
        for (const p of problems) {
          expect(typeof p.key).toBe('string');
          expect(typeof p.value).toBe('string');
          if (p.key === '') expect(p.message).toMatch(/^"": /); // an empty key is named "" (not a blank)
          expect(p.message).not.toBe('');
          expect(p.message).not.toMatch(/\bundefined\b|\[object Object\]/);
        }
        expect(prototypeClean()).toBe(true);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  it('a key it does not know is named as not a setting (quoted when empty or odd)', () => {
    const { problems } = fromQuery('?__proto__=1&group.sizes=10&constructor=x&=5&a%20b=2');
    expect(problems.map((p) => [p.key, p.value])).toEqual([['__proto__', '1'], ['group.sizes', '10'], ['constructor', 'x'], ['', '5'], ['a b', '2']]);
    expect(problems.map((p) => p.message)).toEqual(['__proto__: not a setting', 'group.sizes: not a setting', 'constructor: not a setting', '"": not a setting', '"a b": not a setting']);
  });
});

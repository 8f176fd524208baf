/**
 * Bad input at the first door, the scenario schema (parseScenario, withOverrides): every
 * generated bad scenario is refused with a ScenarioError whose every problem names the field, the
 * value and what is allowed; nothing else is ever thrown, nothing hangs, no accepted scenario
 * holds NaN, and no `__proto__` key reaches a prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedText, defaultScenario, parseScenario, schemaAt, ScenarioError, withOverrides } from '../../src/index.ts';
import { badAssignment, deeplyNested, distinct, junk, nest, numbersIn, POLLUTING, prototypeClean, SEED } from './generators.ts';

/** Parse, and return the ScenarioError (failing the test on any other exception). */
function refusal(input: unknown): ScenarioError | null {
  try {
    const sc = parseScenario(input);
    expect(numbersIn(sc).every(Number.isFinite)).toBe(true);
    return null;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e;
  }
}

/** Every problem names a field, shows a value and says what is allowed, in its message too. */
function wellFormed(e: ScenarioError): void {
  expect(e.problems.length).toBeGreaterThan(0);
  for (const p of e.problems) {
    expect(p.path).not.toBe('');
    expect(p.value).not.toBe('');
    expect(p.allowed).not.toBe('');
    expect(p.message).toContain(p.path);
    expect(p.message).not.toMatch(/undefined|\[object Object\]/);
  }
}

describe('the scenario schema refuses bad values, naming field, value and what is allowed', () => {
  // 600 distinct cases: a parameter (of 41) and a value out of its range or of the wrong kind.
  it('one bad parameter in an otherwise empty scenario', () => {
    fc.assert(
      fc.property(badAssignment, distinct(({ p, value }) => {
        const e = refusal(nest(p.path, value));
        expect(e, `${p.path} = ${fc.stringify(value)} was accepted`).not.toBeNull();
        wellFormed(e!);
        const mine = e!.problems.find((x) => x.path === p.path);
        expect(mine, e!.message).toBeDefined();
        expect(mine!.allowed).toBe(allowedText(schemaAt(p.path.split('.'))));
        expect(e!.message).toContain(`${p.path}: got ${mine!.value}; allowed: ${mine!.allowed}`);
        if (p.min !== undefined && !p.options) expect(mine!.allowed).toContain(`from ${p.min} to ${p.max}`);
        if (p.options) expect(mine!.allowed).toContain(p.options[0]);
        if (typeof value === 'number') expect(mine!.value).toBe(Object.is(value, -0) ? '-0' : String(value));
      })),
      { seed: SEED, numRuns: 600 },
    );
  });

  // 500 distinct cases: the same bad values set through --set's path (withOverrides), as the CLI
  // and the app do. --set and the URL carry text, numbers and booleans only: arrays and objects
  // are not drawn here (they are the case above).
  it('one bad parameter set on a full scenario (withOverrides)', () => {
    const base = defaultScenario();
    const scalar = badAssignment.filter(({ value }) => typeof value !== 'object' || value === null);
    fc.assert(
      fc.property(scalar, distinct(({ p, value }) => {
        try {
          withOverrides(base, { [p.path]: value as string | number | boolean }, '--set');
          expect.unreachable(`${p.path} = ${fc.stringify(value)} was accepted`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          wellFormed(e);
          expect(e.message).toContain('--set');
          expect(e.problems.some((x) => x.path === p.path)).toBe(true);
        }
      })),
      { seed: SEED, numRuns: 500 },
    );
  });

  // 600 distinct cases: whole scenarios of JSON junk (unknown keys, __proto__/constructor keys, NaN, wrong types).
  it('whole scenarios of junk: a ScenarioError or a scenario with finite numbers, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.dictionary(fc.constantFrom('name', 'seed', 'horizonWeeks', 'group', 'members', 'business', 'finance', 'intervention', ...POLLUTING), junk, { maxKeys: 5 })), distinct((input) => {
        const e = refusal(input);
        if (e) wellFormed(e);
        expect(prototypeClean()).toBe(true);
      })),
      { seed: SEED, numRuns: 600 },
    );
  });

  // 500 distinct cases: unknown keys at every level of a valid scenario, polluting ones among them.
  it('unknown keys anywhere are named with the keys allowed there', () => {
    const objectPaths = ['', 'group', 'members', 'members.skill', 'members.dispositions', 'business', 'finance', 'intervention', 'intervention.grant', 'intervention.mentoring', 'intervention.costs'];
    fc.assert(
      fc.property(fc.constantFrom(...objectPaths), fc.oneof(fc.constantFrom(...POLLUTING, 'polluted', 'sizes', 'Size'), fc.string({ minLength: 1, maxLength: 10 })), junk, distinct((where, key, value) => {
        const known = Object.keys((schemaAt(where ? where.split('.') : []) as unknown as { _zod: { def: { shape?: object; innerType?: { _zod: { def: { shape?: object } } } } } })._zod.def.shape ?? {});
        fc.pre(!known.includes(key) && key !== '');
        const inner = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value) ?? 'null'}}`); // an own key, as JSON.parse makes it
        const input = where ? nest(where, inner) : inner;
        const e = refusal(input);
        expect(e, `${where}.${key} accepted`).not.toBeNull();
        wellFormed(e!);
        const name = /^[\w$-]+$/.test(key) ? key : JSON.stringify(key); // an odd key is quoted, never blank
        const path = where ? `${where}.${name}` : name;
        const p = e!.problems.find((x) => x.path === path);
        expect(p, e!.message).toBeDefined();
        expect(p!.message).toMatch(/unknown key; allowed keys here: \w+/);
        expect(prototypeClean()).toBe(true);
      })),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('arrays and objects nested 100,000 deep where a number goes, or as the scenario', () => {
    for (const objects of [false, true]) {
      const deep = deeplyNested(100_000, objects);
      for (const input of [{ group: { size: deep } }, { members: { roster: deep } }, { seed: deep }]) {
        const e = refusal(input);
        expect(e).not.toBeNull();
        wellFormed(e!);
        expect(e!.message).toMatch(objects ? /got \{"a":\{"a":\{"a":\{\.\.\.\}\}\}\}; allowed: / : /got \[\[\[\[\.\.\.\]\]\]\]; allowed: /);
      }
      const top = refusal(deep);
      wellFormed(top!);
      expect(top!.message).toMatch(objects ? /a: unknown key; allowed keys here: name, / : /\(scenario\): got \[\[\[\[\.\.\.\]\]\]\]; allowed: an object with keys name, /);
    }
  });

  it('texts over their length say the length allowed', () => {
    expect(() => parseScenario({ name: 'x'.repeat(81) })).toThrow(/name: got "x+\.\.\..*; allowed: a text of at most 80 characters/);
    expect(() => parseScenario({ description: { en: 'a'.repeat(4001), id: '' } })).toThrow(/description\.en: .*allowed: a text of at most 4000 characters/);
  });
});

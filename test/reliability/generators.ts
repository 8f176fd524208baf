/**
 * Generators of bad input for the reliability tests (issue 7, "bad input, every door"), and the
 * checks every door's answer must pass. fast-check prints the seed and the shrunk case of any
 * failure; `SEED` fixes the runs so a failure is found again by running the file again.
 */
import fc from 'fast-check';
import { parameterTable, type ParameterInfo } from '../../src/index.ts';

/** One seed for every property: the same cases on every run (fast-check prints it on failure). */
export const SEED = 20260707;

/**
 * A property's predicate that counts only cases not tried before: a repeat of an input that
 * already passed (fast-check draws small values and constants often) is skipped with `fc.pre`,
 * so `numRuns` is the number of distinct cases run — the number docs/RELIABILITY.md states. A
 * repeat would pass again, so skipping it loses nothing while shrinking.
 */
export function distinct<A extends unknown[], R>(predicate: (...args: A) => R): (...args: A) => R {
  const passed = new Set<string>();
  return (...args: A): R => {
    const key = fc.stringify(args);
    fc.pre(!passed.has(key));
    const r = predicate(...args);
    if (r instanceof Promise) {
      return r.then((v: unknown) => {
        passed.add(key);
        return v;
      }) as R;
    }
    if (r !== false) passed.add(key);
    return r;
  };
}

/** Every leaf parameter of the schema (numbers, choices, yes/no; the roster list too). */
export const PARAMETERS: ParameterInfo[] = parameterTable();
/** Numeric parameters (with a range). */
export const NUMERIC = PARAMETERS.filter((p) => p.min !== undefined && p.max !== undefined && typeof p.default === 'number');
/** Parameters with a list of options. */
export const CHOICES = PARAMETERS.filter((p) => p.options);

/** Numbers no parameter allows anywhere: NaN, ±Infinity, huge, tiny. */
export const wildNumber = fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER - 2, 1e21);

/** A value out of `p`'s range, or of the wrong kind (a string, array, object, boolean, null). */
export function badValueFor(p: ParameterInfo): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('NaN', 'Infinity', '1e999', '', ' ', '10', '0x10', '__proto__'),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.constant({}),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
    fc.constant(null),
  );
  if (p.options) return fc.oneof(wrongType, fc.integer(), fc.boolean(), fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !p.options!.includes(s)));
  if (p.unit === 'yes/no') return fc.oneof(wrongType, fc.integer());
  const lo = p.min!;
  const hi = p.max!;
  const below = fc.double({ max: lo, noNaN: true, noDefaultInfinity: true }).filter((x) => x < lo);
  const above = fc.double({ min: hi, noNaN: true, noDefaultInfinity: true }).filter((x) => x > hi);
  const parts: fc.Arbitrary<unknown>[] = [wrongType, fc.boolean(), wildNumber, below, above];
  if (p.int) parts.push(fc.double({ min: lo, max: hi, noNaN: true }).filter((x) => !Number.isInteger(x)));
  return fc.oneof(...parts);
}

/** A parameter's path and a bad value for it. */
export const badAssignment = fc.constantFrom(...PARAMETERS.filter((p) => p.path !== 'members.roster')).chain((p) => badValueFor(p).map((value) => ({ p, value })));

/** The object `{a: {b: {c: value}}}` for the path "a.b.c". */
export function nest(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** Keys that could pollute prototypes if a reader copied them blindly. */
export const POLLUTING = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** JSON-ish junk, with polluting keys among the object keys. */
export const junk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), wildNumber),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTING, 'group', 'size', 'members', 'roster', 'seed'), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value nested `depth` arrays (or objects) deep: what a hand-edited or generated file can hold. */
export function deeplyNested(depth: number, objects = false): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = objects ? { a: v } : [v];
  return v;
}

/** Every number in a value (walks objects and arrays). */
export function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbersIn(x, out);
  return out;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** Whether Object.prototype is as it was (no case polluted it through a `__proto__` key). */
export const prototypeClean = () =>
  Object.getOwnPropertyNames(Object.prototype).sort().join() === PROTOTYPE_KEYS && (({}) as Record<string, unknown>).polluted === undefined;

/** Test helper: bit-for-bit equality of typed arrays, the promise the runner and the app make. */
import { expect } from 'vitest';

/** Bit-for-bit equality of two Float64Arrays, reporting the first index that differs. */
export function expectSameBits(actual: Float64Array, expected: Float64Array) {
  expect(actual.length).toBe(expected.length);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  const i = a.findIndex((x, k) => x !== b[k]);
  expect(i, i >= 0 ? `first difference at ${i}: ${actual[i]} vs ${expected[i]}` : '').toBe(-1);
}

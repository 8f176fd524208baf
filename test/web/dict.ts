/** Helpers for tests of the words on screen: a dictionary's leaves by dotted key. */

/** A word, or a function that makes one from its values. */
export type Leaf = string | ((...args: never[]) => string);

/** Every leaf of a dictionary by its dotted key (a list's items by their index). */
export function leaves(o: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || typeof v === 'function') out.set(key, v as Leaf);
    else if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else throw new Error(`${key}: neither text, a function nor a group (${typeof v})`);
  }
  return out;
}

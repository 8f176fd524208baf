/**
 * The workshop pages' words in both languages: the same keys and arities, nothing empty, nothing
 * left in English, and an event word for
 * every event type the model logs.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/index.ts';
import { wordsEn } from '../../web/workshop/words-en.ts';
import { wordsId } from '../../web/workshop/words-id.ts';
import { leaves, type Leaf } from './dict.ts';

const en = leaves(wordsEn);
const id = leaves(wordsId);
const call = (f: Leaf): string => (typeof f === 'function' ? String((f as (...a: unknown[]) => unknown)(...[17, 23].slice(0, f.length))) : f);

describe('workshop words', () => {
  it('have the same keys and arities in both languages', () => {
    expect([...id.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of en) {
      expect(typeof id.get(k), k).toBe(typeof v);
      if (typeof v === 'function') expect((id.get(k) as () => string).length, k).toBe(v.length);
    }
  });

  it('leave nothing empty or untranslated', () => {
    for (const [k, v] of en) {
      expect(call(v).trim(), `en ${k}`).not.toBe('');
      expect(call(id.get(k)!).trim(), `id ${k}`).not.toBe('');
      expect(call(id.get(k)!), k).not.toBe(call(v));
    }
  });

  it('name every event type the model logs', () => {
    for (const t of EVENT_TYPES) {
      expect(wordsEn.events[t], t).toBeTruthy();
      expect(wordsId.events[t], t).toBeTruthy();
    }
  });
});

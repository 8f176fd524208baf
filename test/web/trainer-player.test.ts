/**
 * Trainer mode's clock (web/trainer/player.ts) and its on-screen words (ui-en.ts, ui-id.ts): the
 * clock moves by speed × time, reports each week it reaches once, stops at the end and at a hold,
 * steps and seeks within the run; both languages have every word, with the same arity.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEED, Player, SPEEDS } from '../../web/trainer/player.ts';
import { uiEn } from '../../web/trainer/ui-en.ts';
import { uiId } from '../../web/trainer/ui-id.ts';
import { leaves, type Leaf } from './dict.ts';

describe('the trainer’s clock', () => {
  it('paused, time passes without moving it', () => {
    const p = new Player(156);
    expect(p.advance(5000)).toEqual([]);
    expect(p.frame).toBe(0);
  });

  it('playing, it moves speed weeks a second and reports each week reached once, in order', () => {
    const p = new Player(156);
    p.speed = 4;
    p.play();
    const reached: number[] = [];
    // Eighths of a second: exact in binary, so the clock lands on week 4 exactly.
    for (let k = 0; k < 8; k++) reached.push(...p.advance(125));
    expect(p.pos).toBe(4);
    expect(reached).toEqual([1, 2, 3, 4]);
  });

  it('a long gap (a hidden tab) counts as at most one second', () => {
    const p = new Player(156);
    p.speed = 2;
    p.play();
    expect(p.advance(60_000)).toEqual([1, 2]);
  });

  it('stops at the last week, and Play starts again from the beginning', () => {
    const p = new Player(10);
    p.speed = 8;
    p.play();
    const reached: number[] = [];
    for (let k = 0; k < 10; k++) reached.push(...p.advance(500));
    expect(reached).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.playing).toBe(false);
    expect(p.frame).toBe(10);
    p.play();
    expect(p.frame).toBe(0);
    expect(p.playing).toBe(true);
  });

  it('holds at a week while a new run is on its way, without stopping, and goes on once released', () => {
    const p = new Player(156);
    p.speed = 8;
    p.play();
    p.hold = 3;
    p.advance(1000);
    expect(p.frame).toBe(3);
    expect(p.playing).toBe(true);
    p.hold = Infinity;
    expect(p.advance(250)).toEqual([4, 5]);
  });

  it('steps pause and stay within the run; seeking back reports nothing reached', () => {
    const p = new Player(5);
    p.play();
    expect(p.step(1)).toEqual([1]);
    expect(p.playing).toBe(false);
    expect(p.step(-1)).toEqual([]);
    expect(p.step(-1)).toEqual([]);
    expect(p.frame).toBe(0);
    expect(p.seek(99)).toEqual([1, 2, 3, 4, 5]);
    expect(p.seek(2)).toEqual([]);
    expect(p.frame).toBe(2);
  });

  it('faster and slower walk the list of speeds and stop at its ends', () => {
    const p = new Player(10);
    expect(p.speed).toBe(DEFAULT_SPEED);
    for (let k = 0; k < 10; k++) p.faster(1);
    expect(p.speed).toBe(SPEEDS[SPEEDS.length - 1]);
    for (let k = 0; k < 10; k++) p.faster(-1);
    expect(p.speed).toBe(SPEEDS[0]);
  });
});

describe('trainer mode’s words', () => {
  const arity = (m: Map<string, Leaf>) => [...m].map(([k, v]) => (typeof v === 'function' ? `${k}()${v.length}` : k));

  it('both languages have the same words, functions of the same arity and lists of the same length', () => {
    expect(arity(leaves(uiId))).toEqual(arity(leaves(uiEn)));
    expect(uiId.shortcutList.length).toBe(uiEn.shortcutList.length);
    expect(uiId.roleShort.length).toBe(uiEn.roleShort.length);
  });

  it('no word is empty or left in English in the Indonesian page (names of keys aside)', () => {
    // Functions with sample values (3 and 7), lists item by item.
    const texts = (o: object) => [...leaves(o).values()].map((v) => (typeof v === 'function' ? String((v as (...a: unknown[]) => string)(3, 7)) : v));
    const en = texts(uiEn);
    const id = texts(uiId);
    expect(id.length).toBe(en.length);
    const same = id.filter((t, k) => t === en[k] && t !== '' && !/^[A-Z\d/ –←→+−]+$|^Esc$|^Home \/ End$/.test(t));
    expect(same).toEqual([]);
    expect(id.filter((t, k) => t === '' && en[k] !== '')).toEqual([]);
  });
});

/**
 * Scenario discovery over worlds: which conditions on the uncertain constants make B fail to
 * beat A (or make a package's outcome fall below a level), found by PRIM (prim.ts) over the
 * worlds' results (worlds.ts). The inputs' full ranges are the constants' prior ranges, so a
 * rule says where, within all that calibration allowed, the failures gather.
 */
import { CONSTANT_NAMES, CONSTANTS } from '../model/index.ts';
import { prim, ruleText, type PrimBox, type PrimOptions } from './prim.ts';
import { CONSTANT_LABELS, outcomeWords } from './world-words.ts';
import { WORLD_OUTCOMES, type WorldResult } from './worlds.ts';

/** What counts as a case: B failing to beat A, or one package below a level. */
export type DiscoverTarget = { kind: 'fails'; outcome: string } | { kind: 'below'; outcome: string; level: number; package: number };

/** A box with its rule in both languages. */
export interface DiscoveredBox extends PrimBox {
  text: { en: string; id: string };
}

export interface Discovery {
  target: DiscoverTarget;
  /** Worlds in all, and those that are cases (a world without the outcome is left out). */
  worlds: number;
  cases: number;
  boxes: DiscoveredBox[];
  /** The question in both languages, e.g. "Where does B fail to beat A on still active at the end?". */
  question: { en: string; id: string };
}

/** Whether each world is a case (1), not (0), or has no value (null). */
export function caseFlags(results: readonly WorldResult[], target: DiscoverTarget): (0 | 1 | null)[] {
  const spec = WORLD_OUTCOMES.find((o) => o.key === target.outcome);
  if (!spec) throw new RangeError(`discover: no outcome ${target.outcome}; allowed: ${WORLD_OUTCOMES.map((o) => o.key).join(', ')}`);
  return results.map((r) => {
    if (target.kind === 'fails') {
      const d = r.differences?.[target.outcome];
      if (!d || d.mean === null) return null;
      return spec.better * d.mean > 0 ? 0 : 1;
    }
    const m = r.packages[target.package]?.[target.outcome]?.mean;
    return m === null || m === undefined ? null : m < target.level ? 1 : 0;
  });
}

/**
 * PRIM over the worlds' constants. `names` are the packages (A, B) for the text.
 */
export function discoverWorlds(results: readonly WorldResult[], target: DiscoverTarget, names: readonly string[], options: PrimOptions = {}): Discovery {
  const flags = caseFlags(results, target);
  const kept = results.filter((_, i) => flags[i] !== null);
  const y = flags.filter((f): f is 0 | 1 => f !== null);
  const cases = y.reduce<number>((s, f) => s + f, 0);
  const out = outcomeWords(target.outcome, 'en');
  const outId = outcomeWords(target.outcome, 'id');
  const subject =
    target.kind === 'fails'
      ? { en: `B (${names[1]}) fails to beat A (${names[0]}) on ${out}`, id: `B (${names[1]}) tidak mengungguli A (${names[0]}) dalam ${outId}` }
      : { en: `${names[target.package]}: ${out} falls below ${target.level}`, id: `${names[target.package]}: ${outId} di bawah ${String(target.level).replace('.', ',')}` };
  const question = { en: `Where does this hold: ${subject.en}?`, id: `Di mana ini terjadi: ${subject.id}?` };
  if (kept.length === 0 || cases === 0) return { target, worlds: kept.length, cases, boxes: [], question };
  const res = prim(
    {
      names: CONSTANT_NAMES,
      x: CONSTANT_NAMES.map((k) => kept.map((r) => r.constants[k])),
      y,
      limits: CONSTANT_NAMES.map((k) => [CONSTANTS[k].low, CONSTANTS[k].high]),
    },
    options,
  );
  const boxes = res.boxes.map((b) => ({
    ...b,
    text:
      b.rule.length > 0
        ? { en: `${subject.en} when ${ruleText(b.rule, CONSTANT_LABELS, 'en')}`, id: `${subject.id} bila ${ruleText(b.rule, CONSTANT_LABELS, 'id')}` }
        : b.density === 1
          ? { en: `${subject.en} in every world`, id: `${subject.id} di semua dunia` }
          : { en: `${subject.en}: no condition on the constants stands out (the cases are spread over the worlds)`, id: `${subject.id}: tidak ada kondisi pada konstanta yang menonjol (kasus tersebar di antara dunia-dunia)` },
  }));
  return { target, worlds: kept.length, cases, boxes, question };
}

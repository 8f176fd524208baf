/**
 * Bad input at the browser app's doors: the page's address (fromQuery) and its controls
 * (checkParameter, checkRunSetting, checkWhole). A tampered or junk link still opens, on what
 * could be read, with each bad part named (key, value, message); a typed value is taken or
 * refused with the field, the value and the range. Nothing throws; no NaN reaches the settings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOW_SURE_LIMITS, HOW_SURE_OUTCOMES, CALIBRATED_WORLDS } from '../../web/app/how-sure.ts';
import { LANGS, type Lang } from '../../web/app/i18n.ts';
import { LINK_KEYS, readLink } from '../../web/app/link.ts';
import { ScenarioError } from '../../src/index.ts';
import { checkParameter, checkRunSetting, checkWhole, defaultSettings, fromQuery, LIMITS, preset, PRESET_IDS, RUN_SETTINGS, scenarioOf, type RunSetting } from '../../web/app/settings.ts';
import { badValueFor, distinct, NUMERIC, numbersIn, PARAMETERS, POLLUTING, prototypeClean, SEED } from './generators.ts';

const lang = fc.constantFrom(...LANGS);
/** Text a planner could type or a link could carry: numbers either language's way, and junk. */
const typed = fc.oneof(
  fc.constantFrom('', ' ', '-', '−5', 'NaN', 'Infinity', '1e999', '1e3', '0x10', '1,5', '1.5', '1.000', '1,000', '1.000.000', '25.000.000', '25,000,000', 'Rp 25.000.000', '٣', '0,', ',5', '__proto__', 'true'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }),
);

describe('the controls', () => {
  // 1,000 distinct cases: every numeric parameter, text typed in either language.
  it('a typed value is taken within the range, or refused naming the value and the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMERIC.filter((p) => p.path !== 'seed' && p.path !== 'members.roster')), typed, lang, distinct((p, raw, l) => {
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
      })),
      { seed: SEED, numRuns: 1000 },
    );
  });

  // 300 distinct cases: choices and yes/no with junk.
  it('a choice or yes/no that is none of them is refused with the choices', () => {
    const others = PARAMETERS.filter((p) => p.options || p.unit === 'yes/no');
    fc.assert(
      fc.property(fc.constantFrom(...others), fc.oneof(typed, fc.constantFrom('TRUE', 'yes', 'Livestock', ' poultry')), lang, distinct((p, raw, l) => {
        const r = checkParameter(p.path, raw, l);
        const allowed = p.options ? p.options.includes(raw) : raw === 'true' || raw === 'false';
        expect('value' in r).toBe(allowed);
        if ('problem' in r) {
          expect(r.problem.key).toBe(p.path);
          expect(r.problem.message).toContain(raw);
          expect(r.problem.message).toMatch(/allowed|boleh/);
        }
      })),
      { seed: SEED, numRuns: 300 },
    );
  });

  // 400 distinct cases: the seed and replications fields, and the sweep form's whole numbers.
  it('the run settings take whole numbers in their range only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(RUN_SETTINGS) as RunSetting[])), typed, lang, distinct((key, raw, l) => {
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
      })),
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
    const good = p && !p.options && p.unit !== 'yes/no' && p.min !== undefined ? fc.double({ min: p.min, max: p.max, noNaN: true }).map((x) => String(p.int ? Math.round(x) : x)) : null;
    if (key === 'preset') return fc.oneof(typed, fc.constantFrom(...PRESET_IDS));
    if (key === 'lang') return fc.oneof(typed, lang);
    if (p?.options) return fc.oneof(typed, fc.constantFrom(...p.options), badValueFor(p).map(asText));
    return p ? fc.oneof(typed, ...(good ? [good] : []), badValueFor(p).map(asText)) : typed;
  };
  // A roster of 3–32 members as the app writes it (too few and too many among them), whole or cut short; or junk.
  const members = fc.integer({ min: 3, max: 32 }).map((n) =>
    Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => ({ name: `Ibu ${i}`, role: i ? 'anggota' : 'ketua', skill: 0.5, commitment: 0.6, integrity: 0.7, need: 0.5, leadership: 0.4 }))), 'utf8').toString('base64url'),
  );
  const roster = fc.oneof(
    members,
    fc.tuple(members, fc.nat()).map(([b64, cut]) => b64.slice(0, cut % b64.length)),
    fc.string({ maxLength: 30 }),
    fc.base64String({ maxLength: 40 }),
    fc.constantFrom('', '====', 'eyJ', 'W10', 'bnVsbA'),
  );
  // Up to 8 parts with different keys (a key given twice is not among the cases), and often a roster.
  const link = fc
    .tuple(fc.uniqueArray(keys.chain((k) => valueFor(k).map((v) => [k, v] as [string, string])), { maxLength: 8, selector: ([k]) => k }), fc.option(roster))
    .map(([pairs, r]) => `?${new URLSearchParams(r === null ? pairs : [...pairs.filter(([k]) => k !== 'roster'), ['roster', r]])}`);

  // 800 distinct cases: junk links (every key, junk keys, good and bad values, prototype keys, truncated or junk rosters).
  it('any link opens on valid settings, each bad part named and no good one; nothing throws', () => {
    fc.assert(fc.property(link, lang, distinct((q, l) => readsLink(fromQuery, q, l))), { seed: SEED, numRuns: 800 });
  });

  it('the check above fails for a reader that leaves a bad part out without a word, or names a good one', () => {
    const RUN = ['preset', 'seed', 'reps', 'lang'];
    const mutants: Record<string, typeof fromQuery> = {
      'says nothing at all': (q, l) => ({ ...fromQuery(q, l), problems: [] }),
      'says nothing of unknown keys': (q, l) => {
        const r = fromQuery(q, l);
        return { ...r, problems: r.problems.filter((p) => RUN.includes(p.key) || p.key === 'roster' || PARAMETERS.some((x) => x.path === p.key && x.path !== 'members.roster')) };
      },
      'says nothing of a bad preset, seed, replications or language': (q, l) => {
        const r = fromQuery(q, l);
        return { ...r, problems: r.problems.filter((p) => !RUN.includes(p.key)) };
      },
      'says nothing of a bad value of a parameter': (q, l) => {
        const r = fromQuery(q, l);
        return { ...r, problems: r.problems.filter((p) => !PARAMETERS.some((x) => x.path === p.key && x.path !== 'members.roster')) };
      },
      'says nothing of a bad roster': (q, l) => {
        const r = fromQuery(q, l);
        return { ...r, problems: r.problems.filter((p) => p.key !== 'roster') };
      },
      'reads nothing and names every part': (q, l) => ({
        settings: fromQuery('', l).settings,
        problems: [...new URLSearchParams(q)].map(([key, value]) => ({ key, value, message: `${JSON.stringify(key)}: not read` })),
      }),
    };
    for (const [name, read] of Object.entries(mutants)) {
      const r = fc.check(fc.property(link, lang, (q, l) => readsLink(read, q, l)), { seed: SEED, numRuns: 800 });
      expect(r.failed, `a reader that ${name} passed`).toBe(true);
    }
  });

  it('a key it does not know is named as not a setting (quoted when empty or odd)', () => {
    const { problems } = fromQuery('?__proto__=1&group.sizes=10&constructor=x&=5&a%20b=2');
    expect(problems.map((p) => [p.key, p.value])).toEqual([['__proto__', '1'], ['group.sizes', '10'], ['constructor', 'x'], ['', '5'], ['a b', '2']]);
    expect(problems.map((p) => p.message)).toEqual(['__proto__: not a setting', 'group.sizes: not a setting', 'constructor: not a setting', '"": not a setting', '"a b": not a setting']);
  });
});

// The comparison's parts (A's settings and the worlds) are read by web/app/link.ts: tested below.
const RESERVED = ['preset', 'seed', 'reps', 'lang', 'roster', ...LINK_KEYS];

/** A bad value as a link carries it: text. */
const asText = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/**
 * What `read` (fromQuery) makes of the link `q` on a page in `fallback`, checked part by part
 * against a verdict reached without it: the lists of languages and presets, checkRunSetting and
 * checkParameter (as English: a link is written the code's way). A bad part must be named (its key
 * and value) and left out; a good part must be read and not named. Parameters good one by one but
 * not together (shares that no longer add up) are each either read or named, never neither.
 */
function readsLink(read: typeof fromQuery, q: string, fallback: Lang): void {
  const { settings, problems } = read(q, fallback);
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

  const parts = [...new URLSearchParams(q)];
  const given = new Map(parts);
  expect(given.size, 'a key given twice').toBe(parts.length);
  // Every problem is about a part of the link, quoting its value (a roster's shortened).
  for (const p of problems) {
    expect(given.has(p.key), `problem with ${JSON.stringify(p.key)}, not in ${q}`).toBe(true);
    if (p.key !== 'roster') expect(p.value).toBe(given.get(p.key));
  }
  const named = (key: string) => problems.some((p) => p.key === key);
  const expectNamed = (key: string, bad: boolean) => expect(named(key), `${key}=${given.get(key)} (${bad ? 'bad' : 'good'}) in ${q}: ${JSON.stringify(problems)}`).toBe(bad);

  const langRaw = given.get('lang');
  const langOk = langRaw !== undefined && (LANGS as readonly string[]).includes(langRaw);
  const pageLang = langOk ? (langRaw as Lang) : fallback;
  if (langRaw !== undefined) expectNamed('lang', !langOk);
  expect(settings.lang).toBe(pageLang);

  const presetRaw = given.get('preset');
  const presetOk = presetRaw !== undefined && PRESET_IDS.includes(presetRaw);
  if (presetRaw !== undefined) expectNamed('preset', !presetOk);
  expect(settings.preset).toBe(presetOk ? presetRaw : 'default');

  const runDefaults = { seed: preset(settings.preset).scenario.seed, reps: LIMITS.reps.default };
  for (const key of ['seed', 'reps'] as const) {
    const raw = given.get(key);
    const r = raw === undefined ? null : checkRunSetting(key, raw, pageLang);
    if (r) expectNamed(key, 'problem' in r);
    expect(settings[key]).toBe(r && 'value' in r ? r.value : runDefaults[key]);
  }

  const others = parts.filter(([key]) => !RESERVED.includes(key)).map(([key, raw]) => ({ key, r: checkParameter(key, raw, 'en') }));
  const good = others.flatMap(({ key, r }) => ('value' in r ? [[key, r.value] as const] : []));
  // Whether the good values fit together, on the preset the link names.
  let together = true;
  try {
    scenarioOf({ ...defaultSettings(pageLang), preset: settings.preset, set: Object.fromEntries(good) });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    together = false;
  }
  for (const { key, r } of others) {
    const taken = Object.hasOwn(settings.set, key);
    if ('problem' in r) {
      expectNamed(key, true);
      expect(taken, key).toBe(false);
    } else if (together) {
      expectNamed(key, false);
      expect(settings.set[key], key).toBe(r.value);
    } else {
      expectNamed(key, !taken);
      if (taken) expect(settings.set[key], key).toBe(r.value);
    }
  }
  expect(Object.keys(settings.set).every((k) => good.some(([key]) => key === k))).toBe(true);

  // A roster is read (and then the scenario builds with it) or named; never neither.
  if (given.has('roster')) expectNamed('roster', settings.roster === null);
  else expect(settings.roster).toBeNull();
}

describe('the comparison in the address (a, worlds, worlds-from, worlds-reps, worlds-outcome)', () => {
  const part = fc.oneof(typed, fc.constantFrom('', '12', '100', '1000', '1001', 'calibrated', 'prior', 'preset=tulip', 'preset=nonesuch', 'reps=0', 'seed=-1', 'worlds=3', ...HOW_SURE_OUTCOMES, 'profit'));
  const comparison = fc
    .record({ a: fc.option(part), worlds: fc.option(part), 'worlds-from': fc.option(part), 'worlds-reps': fc.option(part), 'worlds-outcome': fc.option(part) })
    .map((r) => `?preset=tulip&${new URLSearchParams(Object.entries(r).filter((e): e is [string, string] => e[1] !== null))}`);

  // 600 distinct cases: junk and good values of the five parts, any of them missing.
  it('any comparison opens on valid settings; worlds are run only when all three are good, else the part is named', () => {
    fc.assert(
      fc.property(comparison, lang, distinct((q, l) => {
        const { settings, problems, link } = readLink(q, l);
        expect(() => scenarioOf(settings)).not.toThrow();
        expect(settings.preset).toBe('tulip');
        const given = new URLSearchParams(q);
        for (const p of problems) {
          expect(p.message).not.toBe('');
          expect(p.message).not.toMatch(/\bundefined\b|\[object Object\]/);
          if (!q.includes('NaN')) expect(p.message).not.toMatch(/NaN/);
          expect(given.has(p.key) || p.key.startsWith('a: '), `problem with ${p.key} in ${q}`).toBe(true);
        }
        if (link?.howSure) {
          const h = link.howSure;
          expect(['calibrated', 'prior']).toContain(h.source);
          expect(String(h.worlds)).toBe(given.get('worlds'));
          expect(String(h.reps)).toBe(given.get('worlds-reps'));
          expect(h.source).toBe(given.get('worlds-from'));
          // The outcome as given, or survival when the link has none (links made before the choice).
          expect(h.outcome).toBe(given.get('worlds-outcome') ?? 'survived');
          expect(HOW_SURE_OUTCOMES).toContain(h.outcome);
          expect(h.worlds).toBeLessThanOrEqual(h.source === 'calibrated' ? CALIBRATED_WORLDS : HOW_SURE_LIMITS.worlds);
          expect(2 * h.worlds * h.reps).toBeLessThanOrEqual(HOW_SURE_LIMITS.runs);
          expect(() => scenarioOf(link.a)).not.toThrow();
        } else if (given.has('worlds') || given.has('worlds-from') || given.has('worlds-reps') || given.has('worlds-outcome')) {
          // Worlds asked for and not run: the page says why.
          expect(problems.length).toBeGreaterThan(0);
        }
        if (given.has('a') && !link) expect(problems.some((p) => p.key.startsWith('a') || p.key === 'worlds')).toBe(true);
      })),
      { seed: SEED, numRuns: 600 },
    );
  });
});

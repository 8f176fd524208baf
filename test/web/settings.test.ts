/**
 * The planner's settings: their round trip through the page's URL, what a tampered link does
 * (opens on what could be read, names each bad part), numbers typed either language's way, and
 * the scenario they describe — the one the command line shown beside it runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../../src/cli/common.ts';
import { loadScenario } from '../../src/io/scenario-file.ts';
import { parameterTable, parseRosterCsv, withOverrides, type Override, type ParameterInfo, type RosterEntry } from '../../src/index.ts';
import { DICTS, formats, type Lang } from '../../web/app/i18n.ts';
import {
  checkParameter,
  checkWhole,
  cliCommand,
  defaultSettings,
  fromQuery,
  LIMITS,
  parseNumberText,
  preset,
  PRESET_IDS,
  scenarioOf,
  SEED_MAX,
  toQuery,
  type FieldProblem,
  type Settings,
} from '../../web/app/settings.ts';

const ROSTER_FILE = join(import.meta.dirname, '../../scenarios/rosters/example-group.csv');
const rosterText = readFileSync(ROSTER_FILE, 'utf8');
const roster: RosterEntry[] = parseRosterCsv(rosterText).roster;

/** A small seeded generator (mulberry32), so a failing case can be found again. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parameters a planner can change on top of a preset. */
const CHANGEABLE = parameterTable().filter((p) => p.path !== 'seed' && p.path !== 'members.roster');

/** A value inside the parameter's range, written as a planner would type it. */
function draw(p: ParameterInfo, r: () => number): number | string {
  if (p.options) return p.options[Math.floor(r() * p.options.length)];
  const lo = p.min!;
  const hi = p.max!;
  if (p.int) return lo + Math.floor(r() * (hi - lo + 1));
  const digits = Math.floor(r() * 5);
  const v = Number((lo + r() * (hi - lo)).toFixed(digits));
  return Math.min(hi, Math.max(lo, v));
}

/** Settings drawn at random; only those that fit together are returned (as the page keeps). */
function randomSettings(r: () => number, withRoster: boolean): Settings {
  for (;;) {
    const s: Settings = {
      ...defaultSettings(r() < 0.5 ? 'en' : 'id'),
      preset: PRESET_IDS[Math.floor(r() * PRESET_IDS.length)],
      roster: withRoster ? roster : null,
      rosterFile: withRoster ? 'example-group.csv' : null,
    };
    s.seed = r() < 0.2 ? preset(s.preset).scenario.seed : Math.floor(r() * (SEED_MAX + 1));
    s.reps = r() < 0.2 ? LIMITS.reps.default : LIMITS.reps.min + Math.floor(r() * LIMITS.reps.max);
    const n = Math.floor(r() * 5);
    const set: Override = {};
    // With a roster loaded, the fields the roster decides are locked in the page.
    const open = withRoster ? CHANGEABLE.filter((p) => p.path === 'members.incomeAspiration' || !(p.path === 'group.size' || p.path.startsWith('members.'))) : CHANGEABLE;
    for (let i = 0; i < n; i++) {
      const p = open[Math.floor(r() * open.length)];
      set[p.path] = draw(p, r);
    }
    s.set = set;
    try {
      scenarioOf(s);
      return s;
    } catch {
      // e.g. shares that no longer add up: the page would not keep these either
    }
  }
}

/** What fromQuery gives back for settings that went out through toQuery. */
const expected = (s: Settings): Settings => ({ ...s, rosterFile: s.roster ? 'link' : null });

describe('the URL round trip', () => {
  it('gives back the same settings for many generated ones, with and without a roster', () => {
    const r = rng(20240605);
    let changed = 0;
    for (let i = 0; i < 300; i++) {
      const s = randomSettings(r, i % 3 === 0);
      changed += Object.keys(s.set).length;
      const q = toQuery(s);
      // A link without lang= opens in the browser's language; these were made on English pages.
      const back = fromQuery(q, 'en');
      expect(back.problems, q).toEqual([]);
      expect(back.settings, q).toEqual(expected(s));
      // And the same scenario, bit for bit.
      expect(scenarioOf(back.settings)).toEqual(scenarioOf(s));
    }
    expect(changed).toBeGreaterThan(300); // the cases did change parameters
  });

  it('keeps changes that only fit together (three shares that still add up to 1)', () => {
    const s: Settings = {
      ...defaultSettings(),
      set: { 'members.dispositions.conditional': 0.7, 'members.dispositions.freeRider': 0.1, 'members.dispositions.unconditional': 0.2 },
    };
    expect(() => scenarioOf(s)).not.toThrow();
    const back = fromQuery(toQuery(s));
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(s);
  });

  it('gives an empty query for the defaults, and only the language for the Indonesian defaults', () => {
    expect(toQuery(defaultSettings())).toBe('');
    expect(toQuery(defaultSettings('id'))).toBe('?lang=id');
    expect(fromQuery('')).toEqual({ settings: defaultSettings(), problems: [] });
    expect(fromQuery('', 'id').settings).toEqual(defaultSettings('id'));
  });

  it('writes only what differs from the defaults, in a stable order', () => {
    const s: Settings = { ...defaultSettings(), preset: 'tulip', seed: 9, set: { 'intervention.trainingDays': 5, 'group.size': 12 } };
    expect(toQuery(s)).toBe('?preset=tulip&seed=9&group.size=12&intervention.trainingDays=5');
    expect(toQuery({ ...s, set: { 'group.size': 12, 'intervention.trainingDays': 5 } })).toBe(toQuery(s));
  });
});

describe('a tampered link', () => {
  /** The problem of one key, checked to carry the key and the value as found. */
  const problemOf = (problems: FieldProblem[], key: string, value: string) => {
    const p = problems.find((q) => q.key === key && q.value.startsWith(value.slice(0, 24)));
    expect(p, `${key}=${value} in ${JSON.stringify(problems)}`).toBeDefined();
    expect(p!.message.trim()).not.toBe('');
    return p!;
  };

  it('never throws, and always opens on settings that fit together', () => {
    const r = rng(99);
    const keys = [...CHANGEABLE.map((p) => p.path), 'preset', 'seed', 'reps', 'lang', 'roster', 'members.roster', 'foo', '', 'group', '__proto__', 'constructor'];
    const values = ['', '-1', '0', '1', '0.5', '0,5', '1e99', 'NaN', 'Infinity', 'abc', '25.000.000', '99999999999', 'true', 'fish', 'tulip', 'id', '%', 'eyJhIjoxfQ', '!!!', '-'];
    for (let i = 0; i < 400; i++) {
      const q = new URLSearchParams();
      const n = 1 + Math.floor(r() * 6);
      for (let k = 0; k < n; k++) q.append(keys[Math.floor(r() * keys.length)], values[Math.floor(r() * values.length)]);
      const search = `?${q}`;
      let out: ReturnType<typeof fromQuery> | undefined;
      expect(() => (out = fromQuery(search)), search).not.toThrow();
      expect(() => scenarioOf(out!.settings), search).not.toThrow();
      for (const p of out!.problems) {
        expect(typeof p.key).toBe('string');
        expect(typeof p.value).toBe('string');
        expect(p.message.trim(), search).not.toBe('');
      }
    }
  });

  it('keeps the good parts and names each bad part: key, value and what is allowed', () => {
    const f = formats('en');
    const search =
      '?preset=nope&seed=-1&reps=0&foo=1&group.size=99&group.meetingIntervalWeeks=abc&business.type=boat' +
      '&intervention.trainingDays=5&intervention.mentoring.visitsPerMonth=2.5&members.dispositions.conditional=0.9';
    const { settings, problems } = fromQuery(search);
    // The good parts.
    expect(settings.set).toEqual({ 'intervention.trainingDays': 5, 'intervention.mentoring.visitsPerMonth': 2.5 });
    expect(settings.preset).toBe('default');
    expect(settings.seed).toBe(preset('default').scenario.seed);
    expect(settings.reps).toBe(LIMITS.reps.default);
    // Each bad part, once.
    expect(problems).toHaveLength(8);
    expect(problemOf(problems, 'preset', 'nope').message).toMatch(/default.*cempaka.*tulip/);
    expect(problemOf(problems, 'seed', '-1').message).toContain(`0–${f.int(SEED_MAX)}`);
    expect(problemOf(problems, 'reps', '0').message).toContain(`1–${f.int(LIMITS.reps.max)}`);
    expect(problemOf(problems, 'foo', '1').message).toContain('not a setting');
    expect(problemOf(problems, 'group.size', '99').message).toContain('5–30');
    expect(problemOf(problems, 'group.meetingIntervalWeeks', 'abc').message).toContain('1–13');
    expect(problemOf(problems, 'business.type', 'boat').message).toContain(DICTS.en.options.fish);
    expect(problemOf(problems, 'members.dispositions.conditional', '0.9').message).toBe(DICTS.en.field.dispositions);
  });

  it('refuses bad seeds and replications, naming the range', () => {
    const f = formats('en');
    for (const seed of ['-1', '1e99', 'abc', '1.5', String(SEED_MAX + 1), '']) {
      const { settings, problems } = fromQuery(`?seed=${encodeURIComponent(seed)}&reps=7`);
      expect(settings.seed, seed).toBe(preset('default').scenario.seed);
      expect(settings.reps).toBe(7);
      const p = problemOf(problems, 'seed', seed);
      expect(p.message, seed).toContain(DICTS.en.run.seed);
      if (seed !== '1.5') expect(p.message, seed).toContain(f.int(SEED_MAX));
    }
    for (const reps of ['0', '1000000000', '-5', 'many']) {
      const { settings, problems } = fromQuery(`?reps=${reps}&seed=3`);
      expect(settings.reps, reps).toBe(LIMITS.reps.default);
      expect(settings.seed).toBe(3);
      expect(problemOf(problems, 'reps', reps).message, reps).toContain(f.int(LIMITS.reps.max));
    }
    expect(fromQuery(`?seed=${SEED_MAX}&reps=${LIMITS.reps.max}`)).toMatchObject({ settings: { seed: SEED_MAX, reps: LIMITS.reps.max }, problems: [] });
  });

  it('refuses a roster that is not base64, or is base64 of something other than a roster', () => {
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const cases = ['@@not base64@@', 'abc', b64('not json'), b64('{"a":1}'), b64('[1,2,3]'), b64(JSON.stringify(roster.slice(0, 2))), 'x'.repeat(30_000)];
    for (const bad of cases) {
      const { settings, problems } = fromQuery(`?roster=${encodeURIComponent(bad)}&intervention.trainingDays=4`);
      expect(settings.roster, bad.slice(0, 30)).toBeNull();
      expect(settings.set).toEqual({ 'intervention.trainingDays': 4 });
      expect(problems, bad.slice(0, 30)).toHaveLength(1);
      expect(problemOf(problems, 'roster', bad).message).toMatch(/roster/);
    }
    // The real one is read.
    const good = fromQuery(`?roster=${b64(JSON.stringify(roster))}`);
    expect(good.problems).toEqual([]);
    expect(good.settings.roster).toEqual(roster);
  });

  it('refuses an unknown language, and words every problem in the chosen language', () => {
    expect(fromQuery('?lang=fr').problems).toEqual([{ key: 'lang', value: 'fr', message: `${DICTS.en.lang.label}: en, id` }]);
    const bad = '&preset=nope&seed=abc&reps=0&foo=1&group.size=99&business.type=boat&members.dispositions.conditional=0.9&roster=abc';
    const inEn = fromQuery(`?lang=en${bad}`).problems;
    const inId = fromQuery(`?lang=id${bad}`).problems;
    expect(inId).toHaveLength(inEn.length);
    inId.forEach((p, i) => {
      expect(p.key).toBe(inEn[i].key);
      expect(p.value).toBe(inEn[i].value);
      expect(p.message, p.key).not.toBe(inEn[i].message);
    });
    const byKey = new Map(inId.map((p) => [p.key, p.message]));
    expect(byKey.get('seed')).toContain('bukan angka');
    expect(byKey.get('reps')).toContain('di luar rentang');
    expect(byKey.get('foo')).toContain('bukan pengaturan');
    expect(byKey.get('business.type')).toContain(DICTS.id.options.fish);
    expect(byKey.get('members.dispositions.conditional')).toBe(DICTS.id.field.dispositions);
  });

  it('reads the values written the code’s way ("0.5") on an Indonesian page', () => {
    const { settings, problems } = fromQuery('?lang=id&intervention.mentoring.visitsPerMonth=2.5&intervention.grant.amount=30000000');
    expect(problems).toEqual([]);
    expect(settings.set).toEqual({ 'intervention.mentoring.visitsPerMonth': 2.5, 'intervention.grant.amount': 30_000_000 });
  });
});

describe('numbers typed in either language', () => {
  it('reads each language’s decimal point and thousands separator', () => {
    expect(parseNumberText('0,5', 'id')).toBe(0.5);
    expect(parseNumberText('25.000.000', 'id')).toBe(25_000_000);
    expect(parseNumberText('Rp 25.000.000', 'id')).toBe(25_000_000);
    expect(parseNumberText('1.234,5', 'id')).toBe(1234.5);
    expect(parseNumberText('0.5', 'id')).toBe(0.5); // an English keyboard habit, still a decimal point
    expect(parseNumberText('0.5', 'en')).toBe(0.5);
    expect(parseNumberText('25,000,000', 'en')).toBe(25_000_000);
    expect(parseNumberText(' 1,234.5 ', 'en')).toBe(1234.5);
    expect(parseNumberText('−3', 'en')).toBe(-3);
    expect(parseNumberText('-3', 'id')).toBe(-3);
  });

  it('refuses exponents, empty text, words and the other language’s grouping', () => {
    for (const lang of ['en', 'id'] as Lang[]) {
      for (const t of ['1e3', '', '  ', 'abc', '1,2,3', 'Infinity', 'NaN', '0x10', '1..2', '--1']) {
        expect(parseNumberText(t, lang), `${lang} "${t}"`).toBeNaN();
      }
    }
    expect(parseNumberText('0,5', 'en')).toBeNaN();
    expect(parseNumberText('25,000,000', 'id')).toBeNaN();
  });
});

describe('checkParameter', () => {
  it('accepts values inside the range, typed the language’s way', () => {
    expect(checkParameter('group.size', '12', 'en')).toEqual({ value: 12 });
    expect(checkParameter('group.homogeneity', '0,75', 'id')).toEqual({ value: 0.75 });
    expect(checkParameter('intervention.grant.amount', '30.000.000', 'id')).toEqual({ value: 30_000_000 });
    expect(checkParameter('business.type', 'fish', 'en')).toEqual({ value: 'fish' });
  });

  it('refuses values out of range with the range in the message, in the page’s language', () => {
    const r = checkParameter('group.size', '4', 'en');
    expect(r).toEqual({ problem: { key: 'group.size', value: '4', message: DICTS.en.field.outOfRange('4', '5', '30') } });
    const id = checkParameter('group.homogeneity', '1,5', 'id');
    expect(id).toEqual({ problem: { key: 'group.homogeneity', value: '1,5', message: DICTS.id.field.outOfRange('1,5', '0', '1') } });
    const rp = checkParameter('intervention.grant.amount', '600.000.000', 'id');
    expect('problem' in rp && rp.problem.message).toContain('0–500.000.000');
    const rpEn = checkParameter('intervention.grant.amount', '-1', 'en');
    expect('problem' in rpEn && rpEn.problem.message).toContain('0–500,000,000');
    // Rupiah a month are written as the field shows them, with thousands separators.
    const perMonth = checkParameter('members.incomeAspiration', '6.000.000', 'id');
    expect('problem' in perMonth && perMonth.problem.message).toBe(DICTS.id.field.outOfRange('6.000.000', '0', '5.000.000'));
  });

  it('refuses a fraction for a whole-number parameter, and text that is not a number', () => {
    expect(checkParameter('group.size', '7.5', 'en')).toEqual({ problem: { key: 'group.size', value: '7.5', message: DICTS.en.field.notWhole('7.5') } });
    expect(checkParameter('group.size', '7,5', 'id')).toEqual({ problem: { key: 'group.size', value: '7,5', message: DICTS.id.field.notWhole('7,5') } });
    const nan = checkParameter('group.size', 'ten', 'en');
    expect('problem' in nan && nan.problem.message).toContain('“ten”');
  });

  it('refuses the seed, the roster and unknown paths as parameters', () => {
    for (const path of ['seed', 'members.roster', 'group', 'no.such.path']) {
      expect(checkParameter(path, '1', 'en'), path).toEqual({ problem: { key: path, value: '1', message: DICTS.en.url.unknown(path) } });
    }
  });

  it('checks whole-number settings with the range in the message', () => {
    expect(checkWhole('reps', '1.000', 1, 20_000, 'id')).toEqual({ value: 1000 });
    const r = checkWhole('reps', '0', 1, 20_000, 'id');
    expect('problem' in r && r.problem.message).toBe(DICTS.id.field.outOfRange('0', '1', '20.000'));
  });
});

describe('the scenario of the settings', () => {
  /** What the command line shown beside the results runs: its scenario and its job seed. */
  function fromCli(s: Settings) {
    const words = cliCommand(s).split(' ');
    expect(words.slice(0, 3)).toEqual(['npx', 'kube-sim', 'ensemble']);
    const sets: string[] = [];
    let seed = Number.NaN;
    let reps = Number.NaN;
    let rosterFile: string | undefined;
    for (let i = 4; i < words.length; i += 2) {
      if (words[i] === '--set') sets.push(words[i + 1]);
      else if (words[i] === '--seed') seed = Number(words[i + 1]);
      else if (words[i] === '--reps') reps = Number(words[i + 1]);
      else if (words[i] === '--roster') rosterFile = ROSTER_FILE; // the page's roster, saved as a CSV
      else throw new Error(`unexpected ${words[i]}`);
    }
    return { loaded: load(words[3], sets, rosterFile), seed, reps };
  }

  it('is the preset with the changes applied, as withOverrides does on the loaded scenario file', () => {
    const r = rng(7);
    for (let i = 0; i < 60; i++) {
      const s = randomSettings(r, false);
      const file = loadScenario(s.preset).scenario;
      const cli = Object.keys(s.set).length ? withOverrides(file, s.set) : file;
      expect(scenarioOf(s)).toEqual({ ...cli, seed: s.seed });
    }
  });

  it('is what the command line shown beside the results runs, roster included', () => {
    const r = rng(11);
    for (let i = 0; i < 60; i++) {
      const s = randomSettings(r, i % 2 === 0);
      const { loaded, seed, reps } = fromCli(s);
      expect(seed).toBe(s.seed);
      expect(reps).toBe(s.reps);
      expect(loaded.set).toEqual(s.set);
      // The command line gives the seed to the job; the scenario keeps its file's seed.
      expect(loaded.scenario).toEqual({ ...scenarioOf(s), seed: preset(s.preset).scenario.seed });
    }
  });

  it('takes a roster of any allowed size, as the command line does (the roster sets the group size)', () => {
    const seven = roster.slice(0, 7);
    for (const id of ['default', 'tulip', 'mentoring-weekly']) {
      const s: Settings = { ...defaultSettings(), preset: id, roster: seven, rosterFile: 'seven.csv' };
      const sc = scenarioOf(s);
      expect(sc.group.size).toBe(7);
      expect(sc.members.roster).toEqual(seven);
      const back = fromQuery(toQuery(s));
      expect(back.problems).toEqual([]);
      expect(back.settings.roster).toEqual(seven);
    }
  });

  it('lists the seed, the replications and each change in order on the command line', () => {
    const s: Settings = {
      ...defaultSettings(),
      preset: 'tulip',
      seed: 42,
      reps: 300,
      set: { 'intervention.mentoring.visitsPerMonth': 2, 'business.type': 'fish', 'group.size': 12 },
    };
    expect(cliCommand(s)).toBe(
      'npx kube-sim ensemble tulip --seed 42 --reps 300 --set business.type=fish --set group.size=12 --set intervention.mentoring.visitsPerMonth=2',
    );
    expect(cliCommand({ ...s, set: {}, roster })).toBe('npx kube-sim ensemble tulip --seed 42 --reps 300 --roster roster.csv');
    // A roster loaded from a file is named by that file (quoted for the shell when it must be).
    expect(cliCommand({ ...s, set: {}, roster, rosterFile: 'kube-mawar.csv' })).toBe('npx kube-sim ensemble tulip --seed 42 --reps 300 --roster kube-mawar.csv');
    expect(cliCommand({ ...s, set: {}, roster, rosterFile: "Ibu Sari's group.csv" })).toBe(`npx kube-sim ensemble tulip --seed 42 --reps 300 --roster 'Ibu Sari'\\''s group.csv'`);
  });

  it('asks again, instead of reading 20, when 20.000 / 20,000 is typed the other language’s way', () => {
    const cases = [
      ['1.000', 'en', /^“1\.000”: 1,000 or 1\? Type 1000 for 1,000\.$/],
      ['20.000', 'en', /^“20\.000”: 20,000 or 20\? Type 20000 for 20,000\.$/],
      ['1,000', 'id', /^“1,000”: 1\.000 atau 1\? Ketik 1000 untuk 1\.000\.$/],
    ] as const;
    for (const [raw, lang, message] of cases) {
      const r = checkWhole('reps', raw, 1, 20_000, lang);
      expect('problem' in r && r.problem.message, `${raw} ${lang}`).toMatch(message);
    }
    // Sums of rupiah too (the grant is not a whole-number field): 30.000 is not quietly Rp 30.
    const grant = checkParameter('intervention.grant.amount', '30.000', 'en');
    expect('problem' in grant && grant.problem.message).toMatch(/^“30\.000”: 30,000 or 30\?/);
    const million = checkParameter('intervention.grant.amount', '25.000.000', 'en');
    expect('problem' in million && million.problem.message).toBe('“25.000.000”: did you mean 25,000,000? Type 25000000.');
    // When neither reading is allowed, the range is what is said.
    const size = checkParameter('group.size', '1.000', 'en');
    expect('problem' in size && size.problem.message).toMatch(/outside the allowed range 5–30/);
    // Its own language's thousands mark is a thousand; a share keeps its decimals.
    expect(checkWhole('reps', '1,000', 1, 20_000, 'en')).toEqual({ value: 1000 });
    expect(checkWhole('reps', '1.000', 1, 20_000, 'id')).toEqual({ value: 1000 });
    expect(checkParameter('group.goalClarity', '0.500', 'en')).toEqual({ value: 0.5 });
    expect(checkParameter('group.goalClarity', '0,500', 'id')).toEqual({ value: 0.5 });
  });

it('a key given twice in a link: the first is read and the others are named, in the page’s language', () => {
  const { settings, problems } = fromQuery('?seed=1&seed=abc&intervention.mentoring.visitsPerMonth=2&intervention.mentoring.visitsPerMonth=9', 'en');
  expect(settings.seed).toBe(1);
  expect(settings.set['intervention.mentoring.visitsPerMonth']).toBe(2);
  expect(problems).toEqual([
    { key: 'seed', value: 'abc', message: 'seed: given more than once; the first is used' },
    { key: 'intervention.mentoring.visitsPerMonth', value: '9', message: 'intervention.mentoring.visitsPerMonth: given more than once; the first is used' },
  ]);
  expect(fromQuery('?lang=id&reps=5&reps=6', 'en').problems).toEqual([{ key: 'reps', value: '6', message: 'reps: diberikan lebih dari sekali; yang pertama dipakai' }]);
});
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario, parameterTable, parseScenario, ScenarioError, ScenarioSchema, simulate } from '../../src/index.ts';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('scenario files', () => {
  it('there is a default scenario', () => {
    expect(files).toContain('default.json');
  });
  it.each(files)('%s parses, runs, and is described in both languages', (file) => {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const sc = parseScenario(raw, file);
    expect(sc.description?.en.length).toBeGreaterThan(20);
    expect(sc.description?.id.length).toBeGreaterThan(20);
    const r = simulate(sc, { replication: 0 });
    expect(r.series.capital).toHaveLength(sc.horizonWeeks);
  });
  it('default.json is a 10-family KUBE on a Rp 25 million grant with ordinary mentoring', () => {
    const sc = parseScenario(JSON.parse(readFileSync(join(dir, 'default.json'), 'utf8')));
    expect(sc.group.size).toBe(10);
    expect(sc.intervention.grant.amount).toBe(25_000_000);
    expect(sc.intervention.mentoring.visitsPerMonth).toBeGreaterThan(0);
    expect(sc.horizonWeeks).toBe(156);
  });
});

describe('schema', () => {
  it('an empty object is the default scenario', () => {
    expect(parseScenario({})).toEqual(defaultScenario());
  });

  it('a file may give only what differs from the defaults', () => {
    const sc = parseScenario({ intervention: { mentoring: { visitsPerMonth: 4 } } });
    expect(sc.intervention.mentoring.visitsPerMonth).toBe(4);
    expect(sc.intervention.mentoring.months).toBe(defaultScenario().intervention.mentoring.months);
    expect(sc.group.size).toBe(10);
  });

  it('keeps the public lever paths, each with unit, default, range and text in both languages', () => {
    const table = new Map(parameterTable().map((p) => [p.path, p]));
    for (const path of [
      'horizonWeeks',
      'group.size',
      'group.meetingIntervalWeeks',
      'intervention.grant.amount',
      'intervention.trainingDays',
      'intervention.mentoring.visitsPerMonth',
      'intervention.mentoring.months',
      'intervention.mentoring.organisingShare',
      'intervention.mentoring.quality',
    ]) {
      const p = table.get(path);
      expect(p, path).toBeDefined();
      expect(p!.unit, path).not.toBe('');
      expect(typeof p!.default, path).toBe('number');
      expect(p!.min, path).toBeTypeOf('number');
      expect(p!.max, path).toBeGreaterThan(p!.min!);
      expect(p!.text.en.length, path).toBeGreaterThan(3);
      expect(p!.text.id.length, path).toBeGreaterThan(3);
    }
    expect(table.get('intervention.grant.amount')!.unit).toBe('Rp');
    expect(table.get('intervention.mentoring.organisingShare')!.max).toBe(1);
  });

  it('every parameter in the table has text in both languages and a default inside its range', () => {
    for (const p of parameterTable()) {
      expect(p.text.en, p.path).toBeTruthy();
      expect(p.text.id, p.path).toBeTruthy();
      if (typeof p.default === 'number') {
        expect(p.default, p.path).toBeGreaterThanOrEqual(p.min!);
        expect(p.default, p.path).toBeLessThanOrEqual(p.max!);
      }
      if (p.options) expect(p.options, p.path).toContain(p.default);
    }
  });

  it('reports each problem once', () => {
    // zod raises two issues with the same message for this value; the user sees one.
    expect(ScenarioSchema.safeParse({ horizonWeeks: 1e308 }).error!.issues.length).toBeGreaterThan(1);
    try {
      parseScenario({ horizonWeeks: 1e308 });
    } catch (e) {
      const messages = (e as ScenarioError).problems.map((p) => p.message);
      expect(new Set(messages).size).toBe(messages.length);
      return;
    }
    throw new Error('expected an error');
  });

  it('a roster sets the group size and keeps each member as given', () => {
    const roster = [
      { name: 'Bu Siti', role: 'ketua', skill: 0.8, leadership: 0.9 },
      { role: 'bendahara', integrity: 0.95 },
      { role: 'sekretaris' },
      { disposition: 'freeRider' },
      { hiddenAgenda: true },
      {},
    ];
    const sc = parseScenario({ members: { roster } });
    expect(sc.group.size).toBe(6);
    const r = simulate(sc);
    expect(r.members).toHaveLength(6);
    expect(r.members[3].disposition).toBe('freeRider');
    expect(r.members[4].hiddenAgenda).toBe(true);
    expect(r.members[0].leadership).toBe(0.9);
    expect(r.members[0].name).toBe('Bu Siti');
    expect(r.members[1].name).toBeNull();
  });

  // Each bad input, the field its error must name, and words that must appear in it.
  const bad: [string, unknown, string, string[]][] = [
    ['group too small', { group: { size: 3 } }, 'group.size', ['got 3', 'from 5 to 30', 'families']],
    ['group size not whole', { group: { size: 7.5 } }, 'group.size', ['got 7.5', 'integer']],
    ['negative grant', { intervention: { grant: { amount: -1 } } }, 'intervention.grant.amount', ['got -1', 'Rp']],
    ['grant as text', { intervention: { grant: { amount: '25 juta' } } }, 'intervention.grant.amount', ['"25 juta"', 'a number']],
    ['share above 1', { intervention: { mentoring: { organisingShare: 1.5 } } }, 'intervention.mentoring.organisingShare', ['got 1.5', 'from 0 to 1']],
    ['NaN visits', { intervention: { mentoring: { visitsPerMonth: Number.NaN } } }, 'intervention.mentoring.visitsPerMonth', ['NaN']],
    ['infinite horizon', { horizonWeeks: Number.POSITIVE_INFINITY }, 'horizonWeeks', ['from 4 to 1560']],
    ['unknown business', { business: { type: 'cows' } }, 'business.type', ['"cows"', '"livestock"', '"savingsLoan"']],
    ['unknown key', { group: { sise: 10 } }, 'group.sise', ['unknown key', 'size']],
    ['unknown top-level key', { mentoring: {} }, 'mentoring', ['unknown key', 'intervention']],
    ['shares not adding up', { members: { dispositions: { freeRider: 0.9 } } }, 'members.dispositions', ['add up to 1']],
    ['too much taken from profit', { finance: { reinvestShare: 0.95, iksShare: 0.2 } }, 'finance', ['at most 1']],
    ['roster with two chairs', { members: { roster: [{ role: 'ketua' }, { role: 'ketua' }, {}, {}, {}] } }, 'members.roster', ['at most one ketua']],
    ['bad roster entry', { members: { roster: [{}, {}, {}, {}, { skill: 2 }] } }, 'members.roster[4].skill', ['got 2']],
    ['roster too short', { members: { roster: [{}, {}] } }, 'members.roster', ['a list of 5 to 30 entries']],
    ['fewest members above the group size', { group: { size: 6, minMembers: 8 } }, 'group.minMembers', ['at most the group size (6)']],
    ['not an object', 42, '(scenario)', ['got 42']],
    ['null', null, '(scenario)', ['got null', 'an object']],
    ['a size that contradicts the roster', { group: { size: 20 }, members: { roster: [{}, {}, {}, {}, {}, {}, {}] } }, 'group.size', ['got 20', 'lists 7 members']],
  ];
  it.each(bad)('%s is refused with a clear error', (_name, input, path, words) => {
    let error: unknown;
    try {
      parseScenario(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const problem = (error as ScenarioError).problems.find((p) => p.path === path);
    expect(problem, `problems: ${(error as Error).message}`).toBeDefined();
    for (const w of words) expect(problem!.message).toContain(w);
  });
});

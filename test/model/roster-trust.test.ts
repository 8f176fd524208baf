/** A roster member's surveyed trust in the group (`members.roster[].trust`) and the initial trust. */
import { describe, expect, it } from 'vitest';
import { createRun, fingerprintRun, parseScenario, simulate, type ScenarioInput } from '../../src/index.ts';

type Entry = NonNullable<NonNullable<ScenarioInput['members']>['roster']>[number];

const roster: Entry[] = [
  { name: 'Ibu Sari', role: 'ketua', skill: 0.5, commitment: 0.75, integrity: 0.75, leadership: 0.75 },
  { name: 'Ibu Wati', role: 'bendahara', integrity: 1, commitment: 0.5 },
  { name: 'Pak Joko', role: 'sekretaris', skill: 0.75 },
  { name: 'Ibu Ani', commitment: 0.25, need: 1, disposition: 'freeRider' },
  { name: 'Ibu Rina', hiddenAgenda: true },
  { name: 'Pak Budi', skill: 0.25, commitment: 1, disposition: 'unconditional' },
  { name: 'Ibu Tini' },
];
const withTrust = (t: number | ((i: number) => number)) => roster.map((e, i) => ({ ...e, trust: typeof t === 'number' ? t : t(i) }));
const scenario = (r: Entry[], extra: ScenarioInput = {}) => parseScenario({ ...extra, members: { roster: r }, horizonWeeks: 156 });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('roster trust', () => {
  it('parsing writes no default trust into a roster that gives none (the scenario stays as written)', () => {
    // That a roster without trust starts from the acquaintance baseline is tested below.
    expect(Object.keys(scenario(roster).members.roster![0])).not.toContain('trust');
  });

  it('a surveyed trust equal to the acquaintance baseline changes nothing', () => {
    // The default priorAcquaintance 0.6 gives the baseline 0.2 + 0.5·0.6 = 0.5: a Likert 3.
    for (let seed = 1; seed <= 5; seed++) {
      expect(fingerprintRun(simulate(scenario(withTrust(0.5)), { seed }))).toBe(fingerprintRun(simulate(scenario(roster), { seed })));
    }
  });

  it('higher surveyed trust starts the group with higher mean trust, seed after seed', () => {
    const low = scenario(withTrust(0.1));
    const high = scenario(withTrust(0.9));
    const start = (sc: ReturnType<typeof scenario>, seed: number) => createRun(sc, { seed }).state.meanTrust;
    const seeds = Array.from({ length: 200 }, (_, s) => s);
    const lows = seeds.map((s) => start(low, s));
    const highs = seeds.map((s) => start(high, s));
    // The same draws on both sides (common random numbers): higher in every single run.
    for (let k = 0; k < seeds.length; k++) expect(highs[k]).toBeGreaterThan(lows[k]);
    // Halfway from the baseline 0.5: about 0.3 against about 0.7.
    expect(mean(lows)).toBeCloseTo(0.3, 1);
    expect(mean(highs)).toBeCloseTo(0.7, 1);
    // And it carries into the first quarter's measured trust, on average over the seeds.
    const quarter = (sc: ReturnType<typeof scenario>, seed: number) => mean(Array.from(simulate(sc, { seed }).series.meanTrust.slice(0, 13)));
    expect(mean(seeds.slice(0, 60).map((s) => quarter(high, s)))).toBeGreaterThan(mean(seeds.slice(0, 60).map((s) => quarter(low, s))) + 0.1);
  });

  it("moves only her own trust in the others, not theirs in her", () => {
    const one = scenario(withTrust((i) => (i === 3 ? 1 : 0.5)));
    const base = scenario(roster);
    const a = createRun(one, { seed: 9 }).state;
    const b = createRun(base, { seed: 9 }).state;
    const n = roster.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === 3 && j !== 3) expect(a.trust[i * n + j]).toBeGreaterThan(b.trust[i * n + j]);
        else expect(a.trust[i * n + j]).toBe(b.trust[i * n + j]);
      }
    }
  });

  it('refuses a trust outside 0–1, naming the entry', () => {
    expect(() => scenario(withTrust(1.5))).toThrow(/members\.roster\[0\]\.trust: got 1\.5; allowed: a number from 0 to 1/);
  });
});

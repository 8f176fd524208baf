/**
 * "How sure is this?" as the page runs it: the comparison across worlds on the page's Session
 * gives the command line's numbers bit for bit (`kube-sim compare --worlds --json`), from 1 worker
 * and from 2, for calibrated and prior worlds, for every outcome the panel offers (survival,
 * business profit and income per member); the link carries A, the worlds, their source, the
 * replications and the outcome (left out when it is survival), and reads back to the same; every bad part of a link or the form is named with
 * what is allowed; PRIM's answer becomes the panel's words in both languages.
 */
import { describe, expect, it } from 'vitest';
import { Pool, type WorldResult } from '../../src/index.ts';
import { inProcessWorker } from '../../src/runner/node-pool.ts';
import { CALIBRATED_WORLDS, checkHowSure, HOW_SURE_OUTCOMES, howSureCommand, ruleWords, summariseHowSure, withOutcome, worldsOf, type HowSureForm, type HowSureRun } from '../../web/app/how-sure.ts';
import { pageQuery, readLink } from '../../web/app/link.ts';
import { sameSettings } from '../../web/app/page-words.ts';
import { Session } from '../../web/app/session.ts';
import { defaultSettings, scenarioOf, toQuery, type Settings } from '../../web/app/settings.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { loadWorlds } from '../../src/cli/worlds.ts';

const dir = scratchFolder('kube-sim-web-how-sure-');
const settingsOf = (over: Partial<Settings>): Settings => ({ ...defaultSettings(), ...over });

async function pageWorlds(a: Settings, b: Settings, form: HowSureForm, workers: number): Promise<WorldResult[]> {
  const pool = new Pool(inProcessWorker, workers);
  try {
    const out = await new Session(pool).worlds(scenarioOf(a), scenarioOf(b), worldsOf(form, b.seed), b.seed, form.reps, { signal: new AbortController().signal, onProgress: () => {} });
    expect(out.state).toBe('complete');
    return out.results;
  } finally {
    pool.close();
  }
}

describe('the page across worlds gives the command line’s numbers', () => {
  const cases: { name: string; form: HowSureForm; seed: number; set?: Record<string, number> }[] = [
    { name: 'every calibrated world', form: { source: 'calibrated', worlds: CALIBRATED_WORLDS, reps: 12, outcome: 'survived' }, seed: 5 },
    { name: 'worlds drawn from the priors, a setting changed on both', form: { source: 'prior', worlds: 30, reps: 6, outcome: 'businessProfitMonthly' }, seed: 11, set: { 'group.size': 12 } },
  ];
  for (const c of cases) {
    it(`${c.name}: for each outcome, the share, its luck interval and every world's difference, from 1 and 2 workers`, async () => {
      const a = settingsOf({ preset: 'mentoring-organising', seed: c.seed, set: c.set ?? {} });
      const b = settingsOf({ preset: 'mentoring-entrepreneurship', seed: c.seed, set: c.set ?? {} });
      const { command } = howSureCommand({ a, b, form: c.form, seed: c.seed });
      // The command the panel shows, run as a planner would (with --json).
      const args = command.replace(/^npx kube-sim /, '').split(' ');
      const r = runKubeSim([...args, '--json', '--workers', '2'], dir);
      expect(r.code, r.stderr).toBe(0);
      const shares = JSON.parse(r.stdout).worlds.shares;
      for (const workers of [1, 2]) {
        const results = await pageWorlds(a, b, c.form, workers);
        // The same worlds' runs answer every outcome; profit is in rupiah, not a share of groups.
        for (const outcome of HOW_SURE_OUTCOMES) {
          const cli = shares[outcome];
          const { share, discovery } = summariseHowSure(results, outcome);
          expect(share!.key).toBe(outcome);
          expect(share!.share).toBe(cli.share);
          expect(share!.luck).toEqual(cli.luck);
          expect(share!.worlds).toBe(c.form.worlds);
          expect(JSON.stringify(share!.perWorld)).toBe(JSON.stringify(cli.perWorld));
          expect(discovery!.worlds).toBe(c.form.worlds);
        }
        expect(Math.max(...shares.businessProfitMonthly.perWorld.map((w: { mean: number }) => Math.abs(w.mean)))).toBeGreaterThan(100);
      }
    });
  }

  it('the calibrated worlds are the worlds file’s, all of them by default', () => {
    expect(CALIBRATED_WORLDS).toBe(loadWorlds().worlds.length);
    expect(worldsOf({ source: 'calibrated', worlds: CALIBRATED_WORLDS, reps: 1, outcome: 'survived' }, 1)).toEqual(loadWorlds().worlds.map((w) => w.constants));
  });
});

describe('the link', () => {
  const a = settingsOf({ preset: 'mentoring-organising', seed: 9, reps: 300, set: { 'intervention.grant.amount': 30_000_000 } });
  const b = settingsOf({ preset: 'mentoring-entrepreneurship', seed: 9 });
  const form: HowSureForm = { source: 'prior', worlds: 100, reps: 100, outcome: 'survived' };
  const run = { a, b, form, state: 'complete' as const };

  it('carries A, the worlds, their source and the replications, and reads back to them', () => {
    const q = pageQuery({ settings: b, pinnedSettings: a, howSure: run }, sameSettings);
    const read = readLink(q, 'en');
    expect(read.problems).toEqual([]);
    expect(toQuery(read.settings)).toBe(toQuery(b));
    expect(toQuery(read.link!.a)).toBe(toQuery(a));
    expect(read.link!.howSure).toEqual(form);
    expect(new URLSearchParams(q).get('worlds-from')).toBe('prior');
    // Survival is the default: left out, so that links made before the choice read the same.
    expect(new URLSearchParams(q).has('worlds-outcome')).toBe(false);
  });

  it('carries another outcome, and reads it back', () => {
    for (const outcome of ['businessProfitMonthly', 'memberIncomeMonthly'] as const) {
      const q = pageQuery({ settings: b, pinnedSettings: a, howSure: { ...run, form: { ...form, outcome } } }, sameSettings);
      expect(new URLSearchParams(q).get('worlds-outcome')).toBe(outcome);
      const read = readLink(q, 'en');
      expect(read.problems).toEqual([]);
      expect(read.link!.howSure).toEqual({ ...form, outcome });
    }
  });

  it('holds no comparison when the worlds shown are not of the A and B on show', () => {
    expect(pageQuery({ settings: b, pinnedSettings: null, howSure: run }, sameSettings)).toBe(toQuery(b));
    expect(pageQuery({ settings: { ...b, seed: 10 }, pinnedSettings: a, howSure: run }, sameSettings)).toBe(toQuery({ ...b, seed: 10 }));
    expect(pageQuery({ settings: b, pinnedSettings: a, howSure: { ...run, state: 'cancelled' } }, sameSettings)).toBe(toQuery(b));
  });

  const good = pageQuery({ settings: b, pinnedSettings: a, howSure: run }, sameSettings);
  const withParams = (params: Record<string, string | null>) => {
    const q = new URLSearchParams(good);
    for (const [key, value] of Object.entries(params)) {
      if (value === null) q.delete(key);
      else q.set(key, value);
    }
    return `?${q}`;
  };
  const bad: [Record<string, string | null>, RegExp, RegExp][] = [
    [{ worlds: '0' }, /0 is outside the allowed range 1–1,000/, /0 di luar rentang yang boleh, 1–1\.000/],
    [{ worlds: 'many' }, /“many” is not a number/, /“many” bukan angka/],
    [{ 'worlds-reps': '2.5' }, /must be a whole number/, /harus bilangan bulat/],
    [{ 'worlds-from': 'posterior' }, /“posterior” is not one of the choices; allowed: calibrated, prior/, /“posterior” bukan salah satu pilihan/],
    [{ 'worlds-from': 'calibrated', worlds: String(CALIBRATED_WORLDS + 1) }, new RegExp(`${CALIBRATED_WORLDS + 1}, but there are ${CALIBRATED_WORLDS} calibrated worlds`), new RegExp(`hanya ada ${CALIBRATED_WORLDS} dunia terkalibrasi`)],
    [{ worlds: '101', 'worlds-reps': '1000' }, /That is 202,000 runs; at most 200,000/, /Itu 202\.000 simulasi; paling banyak 200\.000/],
    [{ 'worlds-reps': null }, /all three are needed/, /ketiganya diperlukan/],
    [{ 'worlds-outcome': 'profit' }, /worlds-outcome=profit Compare on: “profit” is not one of the choices; allowed: survived, businessProfitMonthly, memberIncomeMonthly/, /worlds-outcome=profit Bandingkan menurut: “profit” bukan salah satu pilihan; yang boleh: survived, businessProfitMonthly, memberIncomeMonthly/],
    [{ worlds: null, 'worlds-from': null, 'worlds-reps': null, 'worlds-outcome': 'businessProfitMonthly' }, /worlds-outcome=businessProfitMonthly .*all three are needed/, /ketiganya diperlukan/],
    [{ a: 'preset=nonesuch' }, /nonesuch/, /nonesuch/],
    [{ a: 'x'.repeat(20_001) }, /longer than 20000 characters/, /lebih dari 20000 karakter/],
  ];
  for (const [params, en, id] of bad) {
    it(`names a bad ${JSON.stringify(params).slice(0, 40)} in both languages, and runs no worlds`, () => {
      for (const [lang, words] of [['en', en], ['id', id]] as const) {
        const read = readLink(`${withParams(params)}&lang=${lang}`, 'en');
        expect(read.link?.howSure ?? null).toBeNull();
        expect(read.problems.map((p) => `${p.key}=${p.value} ${p.message}`).join(' | ')).toMatch(words);
      }
    });
  }

  it('refuses worlds without an A', () => {
    const read = readLink('?worlds=12&worlds-from=calibrated&worlds-reps=100', 'en');
    expect(read.link).toBeNull();
    expect(read.problems[0].message).toMatch(/go with a \(the pinned package A\)/);
  });
});

describe('the form', () => {
  it('reads numbers the page language’s way and says what is wrong', () => {
    expect(checkHowSure({ source: 'prior', worlds: '100', reps: '100', outcome: 'businessProfitMonthly' }, 'id')).toEqual({ form: { source: 'prior', worlds: 100, reps: 100, outcome: 'businessProfitMonthly' } });
    const r = checkHowSure({ source: 'calibrated', worlds: String(CALIBRATED_WORLDS + 1), reps: '0', outcome: 'survived' }, 'en');
    expect('problems' in r && r.problems.join(' ')).toMatch(/Runs of A and of B in each world: 0 is outside the allowed range 1–1,000/);
  });
});

describe('PRIM’s answer in words', () => {
  const world = (i: number, x: number, diff: number): WorldResult => ({
    world: i,
    constants: { ...worldsOf({ source: 'prior', worlds: 1, reps: 1, outcome: 'survived' }, 1)[0], misuseRate: x },
    packages: [{}, {}],
    differences: { survived: { mean: diff, ci: [diff - 0.01, diff + 0.01], pBetter: diff > 0 ? 0.9 : 0.1 } },
  });

  it('says B is better in every world tried when it is', () => {
    const results = Array.from({ length: 20 }, (_, i) => world(i, 0.01 + i * 0.001, 0.05));
    expect(ruleWords(summariseHowSure(results).discovery, 'en')).toEqual({ kind: 'everywhere' });
  });

  it('names the constant and its threshold of a planted box, in both languages', () => {
    // B fails wherever officers misuse money often: above 0.12 of a prior range 0.02–0.15.
    const worlds = worldsOf({ source: 'prior', worlds: 200, reps: 1, outcome: 'survived' }, 3);
    const results = worlds.map((c, i): WorldResult => {
      const fails = c.misuseRate > 0.12;
      const d = fails ? -0.05 : 0.05;
      return { world: i, constants: c, packages: [{}, {}], differences: { survived: { mean: d, ci: [d - 0.01, d + 0.01], pBetter: fails ? 0.1 : 0.9 } } };
    });
    const d = summariseHowSure(results).discovery;
    const en = ruleWords(d, 'en');
    const id = ruleWords(d, 'id');
    expect(en?.kind).toBe('rule');
    expect(en?.kind === 'rule' && en.text).toMatch(/^the chance an officer misuses money is above 0\.1[12]/);
    expect(id?.kind === 'rule' && id.text).toMatch(/^peluang pengurus menyalahgunakan dana di atas 0,1[12]/);
  });

  it('says when no rule stands out, and that few worlds may be why', () => {
    // Failures every other world, whatever the constants.
    const results = worldsOf({ source: 'prior', worlds: 20, reps: 1, outcome: 'survived' }, 4).map((c, i): WorldResult => {
      const d = i % 2 ? -0.05 : 0.05;
      return { world: i, constants: c, packages: [{}, {}], differences: { survived: { mean: d, ci: [d - 0.01, d + 0.01], pBetter: 0.5 } } };
    });
    expect(ruleWords(summariseHowSure(results).discovery, 'en')).toMatchObject({ kind: 'none', fewWorlds: true, failing: 10 });
  });

  it('asks the same worlds about another outcome without new runs: its share, its rule', () => {
    // Survival: B better everywhere; business profit: B fails wherever officers misuse money often.
    const worlds = worldsOf({ source: 'prior', worlds: 200, reps: 1, outcome: 'survived' }, 3);
    const results = worlds.map((c, i): WorldResult => {
      const fails = c.misuseRate > 0.12;
      const p = fails ? -5000 : 5000;
      return {
        world: i,
        constants: c,
        packages: [{}, {}],
        differences: {
          survived: { mean: 0.05, ci: [0.04, 0.06], pBetter: 0.9 },
          businessProfitMonthly: { mean: p, ci: [p - 1000, p + 1000], pBetter: fails ? 0.1 : 0.9 },
        },
      };
    });
    const run: HowSureRun = { form: { source: 'prior', worlds: 200, reps: 1, outcome: 'survived' }, a: settingsOf({}), b: settingsOf({}), seed: 3, results, state: 'complete', ms: 1, ...summariseHowSure(results) };
    expect(ruleWords(run.discovery, 'en')).toEqual({ kind: 'everywhere' });
    const profit = withOutcome(run, 'businessProfitMonthly');
    expect(profit.results).toBe(run.results);
    expect(profit.form).toEqual({ ...run.form, outcome: 'businessProfitMonthly' });
    expect(profit.share).toEqual(summariseHowSure(results, 'businessProfitMonthly').share);
    expect(profit.share!.key).toBe('businessProfitMonthly');
    const en = ruleWords(profit.discovery, 'en');
    expect(en?.kind === 'rule' && en.text).toMatch(/^the chance an officer misuses money is above 0\.1[12]/);
    expect(withOutcome(profit, 'survived').share).toEqual(run.share);
  });
});

export type { HowSureRun };

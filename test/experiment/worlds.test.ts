/**
 * Experiments across worlds: the prior draws, the per-world results, and the across-world
 * summaries checked against the slow, obvious computation on made-up worlds.
 */
import { describe, expect, it } from 'vitest';
import { PairedComparison } from '../../src/experiment/compare.ts';
import { caseFlags, discoverWorlds } from '../../src/experiment/discover.ts';
import { F, writeRunRow } from '../../src/experiment/outcomes.ts';
import { feedWorlds, parseWorldsFile, poissonBinomialInterval, priorWorlds, summariseWorlds, WorldCollector, worldScenarios, WORLD_OUTCOMES, type WorldResult } from '../../src/experiment/worlds.ts';
import { CENTRAL_WORLD, CONSTANT_NAMES, CONSTANTS, loadScenario, simulate, type World } from '../../src/index.ts';

/** A made-up world result: package means by key, B − A by key with its P(B better). */
function world(i: number, a: Record<string, number>, b: Record<string, number>, pBetter: Record<string, number> = {}, constants: World = CENTRAL_WORLD): WorldResult {
  const est = (m: number) => ({ mean: m, ci: [m - 1, m + 1] as [number, number] });
  return {
    world: i,
    constants,
    packages: [Object.fromEntries(Object.entries(a).map(([k, v]) => [k, est(v)])), Object.fromEntries(Object.entries(b).map(([k, v]) => [k, est(v)]))],
    differences: Object.fromEntries(Object.keys(a).map((k) => [k, { ...est(b[k] - a[k]), pBetter: pBetter[k] ?? 0.5 }])),
  };
}

describe('prior worlds', () => {
  it('stay within the priors, one world in each stratum of every constant, the same for the same seed', () => {
    const n = 40;
    const w = priorWorlds(n, 7);
    expect(w).toHaveLength(n);
    for (const k of CONSTANT_NAMES) {
      const { low, high } = CONSTANTS[k];
      const strata = w.map((x) => Math.min(n - 1, Math.floor(((x[k] - low) / (high - low)) * n))).sort((a, b) => a - b);
      // Four significant digits may move a value across a stratum edge by a hair: nearly every stratum is hit once.
      expect(new Set(strata).size).toBeGreaterThanOrEqual(n - 2);
      for (const x of w) expect(x[k] >= low && x[k] <= high).toBe(true);
    }
    expect(priorWorlds(n, 7)).toEqual(w);
    expect(priorWorlds(n, 8)).not.toEqual(w);
  });
});

describe('summaries across worlds', () => {
  it('count the worlds where B beats A in the better direction of each outcome, ties half', () => {
    const results = [
      world(0, { survived: 0.5, exitsPerMember: 0.1 }, { survived: 0.6, exitsPerMember: 0.2 }, { survived: 0.9, exitsPerMember: 0.1 }),
      world(1, { survived: 0.5, exitsPerMember: 0.1 }, { survived: 0.4, exitsPerMember: 0.05 }, { survived: 0.2, exitsPerMember: 0.8 }),
      world(2, { survived: 0.5, exitsPerMember: 0.1 }, { survived: 0.7, exitsPerMember: 0.1 }, { survived: 0.95, exitsPerMember: 0.5 }),
      world(3, { survived: 0.5, exitsPerMember: 0.1 }, { survived: 0.5, exitsPerMember: 0.0 }, { survived: 0.5, exitsPerMember: 0.9 }),
    ];
    const s = summariseWorlds(results, ['A', 'B']);
    const surv = s.shares!.find((x) => x.key === 'survived')!;
    expect([surv.wins, surv.ties, surv.worlds, surv.pointShare]).toEqual([2, 1, 4, 2.5 / 4]);
    expect(surv.share).toBeCloseTo((0.9 + 0.2 + 0.95 + 0.5) / 4, 12);
    expect(surv.better).toBe('higher');
    // Sorted from B's worst world to its best.
    expect(surv.perWorld.map((d) => d.world)).toEqual([1, 3, 0, 2]);
    const exits = s.shares!.find((x) => x.key === 'exitsPerMember')!;
    expect([exits.wins, exits.ties]).toEqual([2, 1]); // less is better
    expect(exits.perWorld.map((d) => d.world)).toEqual([0, 2, 1, 3]);
    for (const sh of s.shares!) {
      expect(sh.luck[0]).toBeLessThanOrEqual(sh.share);
      expect(sh.luck[1]).toBeGreaterThanOrEqual(sh.share);
      expect(sh.sampling[0]).toBeLessThanOrEqual(sh.share);
      expect(sh.sampling[1]).toBeGreaterThanOrEqual(sh.share);
    }
  });

  it('give a luck interval that closes as each world becomes sure, and widens when it is not', () => {
    const sure = poissonBinomialInterval([1, 1, 0, 1, 0], 0, 5);
    expect(sure).toEqual([0.6, 0.6]);
    const unsure = poissonBinomialInterval(Array(100).fill(0.5), 0, 100);
    expect(unsure[0]).toBeGreaterThan(0.35);
    expect(unsure[0]).toBeLessThan(0.5);
    expect(unsure[1]).toBeGreaterThan(0.5);
    expect(unsure[1]).toBeLessThan(0.65);
    expect(1 - unsure[1]).toBeCloseTo(unsure[0], 10); // symmetric
    expect(poissonBinomialInterval([0.5], 2, 4)).toEqual([0.5, 0.75]);
  });

  it('give each package its regret: zero where it is best, the gap to the best elsewhere', () => {
    const results = [0, 1, 2, 3, 4].map((i) => world(i, { memberIncomeMonthly: 100, interventionCost: 10 }, { memberIncomeMonthly: 100 + 10 * (i - 2), interventionCost: 10 + i }));
    const s = summariseWorlds(results, ['A', 'B']);
    const [ra, rb] = s.regret!.map((r) => r.memberIncomeMonthly);
    // B's income minus A's: -20, -10, 0, +10, +20. A's regret: 0, 0, 0, 10, 20; B's: 20, 10, 0, 0, 0.
    expect([ra.median, ra.max, rb.median, rb.max]).toEqual([0, 20, 0, 20]);
    expect(ra.bestIn + rb.bestIn).toBeCloseTo(1, 12);
    expect(ra.bestIn).toBeCloseTo(2.5 / 5, 12);
    const cost = s.regret!.map((r) => r.interventionCost);
    expect(cost[0].max).toBe(0); // A never costs more
    expect(cost[1].max).toBe(4);
  });

  it('spread each package’s world means: median and 90% range by type-7 quantiles', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const results = xs.map((x, i) => world(i, { survived: x / 10 }, { survived: x / 20 }));
    const sp = summariseWorlds(results, ['A', 'B']).spread[0].survived;
    const v = xs.map((x) => x / 10).sort((a, b) => a - b);
    const q = (p: number) => {
      const h = (v.length - 1) * p;
      const lo = Math.floor(h);
      return v[lo] + (h - lo) * (v[Math.min(lo + 1, v.length - 1)] - v[lo]);
    };
    expect(sp.median).toBe(q(0.5));
    expect(sp.range90[0]).toBeCloseTo(q(0.05), 12);
    expect(sp.range90[1]).toBeCloseTo(q(0.95), 12);
    expect([sp.min, sp.max, sp.worlds]).toEqual([0.1, 0.9, 11]);
  });

  it('pool cost per surviving group as mean cost over mean survival, and count worlds without a survivor', () => {
    const results = [world(0, { interventionCost: 10, survived: 0.5 }, { interventionCost: 20, survived: 0.5 }), world(1, { interventionCost: 10, survived: 0 }, { interventionCost: 20, survived: 1 })];
    results[1].packages[0].costPerSurvivingGroup = { mean: null, ci: [null, null] };
    const c = summariseWorlds(results, ['A', 'B']).costPerSurvivingGroup;
    expect(c[0].pooled).toBeCloseTo(10 / 0.25, 12);
    expect(c[1].pooled).toBeCloseTo(20 / 0.75, 12);
    expect(c[0].worldsWithoutSurvivor).toBe(1);
  });
});

describe('world collectors', () => {
  const a = loadScenario('mentoring-organising').scenario;
  const b = loadScenario('mentoring-entrepreneurship').scenario;
  const worlds = priorWorlds(3, 1);
  const reps = 4;
  const scs = worldScenarios([a, b], worlds);
  // The job: points world-major (w·2 + k), order 'replication'; run j is point j mod 6, replication ⌊j / 6⌋.
  const rows = new Float64Array(scs.length * reps * F);
  for (let j = 0; j < scs.length * reps; j++) writeRunRow(simulate(scs[j % scs.length], { seed: 5, replication: Math.floor(j / scs.length) }), rows, j * F);

  it('give each world the paired comparison of its own runs, however the batches split', () => {
    const whole = worlds.map((w, i) => new WorldCollector(i, w, [a, b]));
    feedWorlds(whole, 2, rows, 0);
    const split = worlds.map((w, i) => new WorldCollector(i, w, [a, b]));
    for (const [from, to] of [[0, 5], [5, 6], [6, 17], [17, 24]]) feedWorlds(split, 2, rows.slice(from * F, to * F), from);
    expect(split.map((c) => c.result(5))).toEqual(whole.map((c) => c.result(5)));
    // World 1's result is the paired comparison of its runs.
    const direct = new PairedComparison(scs[2], scs[3]);
    for (let r = 0; r < reps; r++) direct.add(rows.slice((r * 6 + 2) * F, (r * 6 + 4) * F));
    const d = direct.summary(5).differences.find((x) => x.key === 'memberIncomeMonthly')!;
    const w1 = whole[1].result(5);
    expect(w1.differences!.memberIncomeMonthly.mean).toBe(d.diff.mean);
    expect(w1.packages[1].memberIncomeMonthly.mean).toBe(d.b.mean);
    expect(w1.constants).toEqual(worlds[1]);
    expect(Object.keys(w1.packages[0]).sort()).toEqual(WORLD_OUTCOMES.map((o) => o.key).sort());
  });

  it('run each package in each world under its constants, the world changing the runs', () => {
    expect(scs.map((s) => s.constants)).toEqual([worlds[0], worlds[0], worlds[1], worlds[1], worlds[2], worlds[2]]);
    const one = worlds.map((w, i) => new WorldCollector(i, w, [a, b]));
    feedWorlds(one, 2, rows, 0);
    const incomes = one.map((c) => c.result(5).packages[0].memberIncomeMonthly.mean);
    expect(new Set(incomes).size).toBe(3);
  });
});

describe('discovery over worlds', () => {
  it('flags a world as a case when B does not do better, and finds the planted condition on a constant', () => {
    // 200 worlds over the priors; B fails to beat A on survival exactly when returnScale < 0.6.
    const ws = priorWorlds(200, 3);
    const results = ws.map((w, i) => world(i, { survived: 0.5 }, { survived: w.returnScale < 0.6 ? 0.45 : 0.55 }, {}, w));
    const flags = caseFlags(results, { kind: 'fails', outcome: 'survived' });
    expect(flags.filter((f) => f === 1).length).toBe(ws.filter((w) => w.returnScale < 0.6).length);
    const d = discoverWorlds(results, { kind: 'fails', outcome: 'survived' }, ['org', 'ent'], { threshold: 0.9 });
    const box = d.boxes[0];
    expect(box.rule.map((r) => r.name)).toEqual(['returnScale']);
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.text.en).toMatch(/^B \(ent\) fails to beat A \(org\) on still active at the end when returns on working capital below 0\.[56]\d*$/);
    expect(box.text.id).toMatch(/^B \(ent\) tidak mengungguli A \(org\) dalam masih aktif di akhir bila imbal hasil modal kerja di bawah 0,[56]\d*$/);
  });

  it('finds where one package falls below a level', () => {
    const ws = priorWorlds(200, 4);
    const results = ws.map((w, i) => world(i, { survived: w.misuseRate > 0.1 ? 0.3 : 0.7 }, { survived: 0.5 }, {}, w));
    const d = discoverWorlds(results, { kind: 'below', outcome: 'survived', level: 0.5, package: 0 }, ['org', 'ent']);
    expect(d.boxes[0].rule).toHaveLength(1);
    expect(d.boxes[0].rule[0].name).toBe('misuseRate');
    expect(d.boxes[0].rule[0].lo).toBeGreaterThan(0.09);
    expect(d.boxes[0].rule[0].hi).toBeNull();
  });
});

describe('discovery without a condition', () => {
  it('says so when the cases are spread over the worlds, and says "in every world" when all are cases', () => {
    const ws = priorWorlds(100, 9);
    // Every tenth world a case, whatever its constants.
    const spread = ws.map((w, i) => world(i, { survived: 0.5 }, { survived: i % 10 === 0 ? 0.4 : 0.6 }, {}, w));
    const d = discoverWorlds(spread, { kind: 'fails', outcome: 'survived' }, ['A', 'B']);
    expect(d.boxes.length).toBeGreaterThan(0);
    for (const b of d.boxes) for (const r of b.rule) expect(r.quasiP).toBeLessThanOrEqual(0.05);
    // A rule keeps only significant restrictions; here none is left, and the text says nothing stands out.
    expect(d.boxes[0].rule).toEqual([]);
    expect(d.boxes[0].text.en).toMatch(/no condition on the constants stands out/);
    expect(d.boxes[0].text.id).toMatch(/tidak ada kondisi pada konstanta yang menonjol/);
    const all = ws.map((w, i) => world(i, { survived: 0.5 }, { survived: 0.4 }, {}, w));
    const e = discoverWorlds(all, { kind: 'fails', outcome: 'survived' }, ['A', 'B']);
    expect(e.cases).toBe(100);
    expect(e.boxes[0].rule).toEqual([]);
    expect(e.boxes[0].text.en).toBe('B (B) fails to beat A (A) on still active at the end in every world');
  });
});

describe('a worlds file that does not fit the model', () => {
  const fileWith = (worlds: Record<string, number>[]) => ({
    format: 'kube-sim-worlds',
    version: 2,
    central: 0,
    worlds: worlds.map((constants, id) => ({ id, draw: id, constants })),
  });

  it('names a constant missing from every world once, with the number of worlds it is missing from', () => {
    const { loafingShare: _, ...old } = CENTRAL_WORLD;
    const message = (() => {
      try {
        parseWorldsFile(fileWith([old, old, old]), 'old.json');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^old\.json: not a kube-sim worlds file: worlds\.\*\.constants\.loafingShare: [^;]* \(in 3 worlds: 0, 1, 2\)$/);
  });

  it('names a problem in one world by that world', () => {
    expect(() => parseWorldsFile(fileWith([{ ...CENTRAL_WORLD }, { ...CENTRAL_WORLD, teamIncentive: 5 }]), 'one.json')).toThrow(/worlds\.1\.constants\.teamIncentive: [^(]*$/);
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, fingerprintRun as fingerprint, parseScenario, simulate, type RunResult } from '../../src/index.ts';

const root = join(import.meta.dirname, '../..');
const sc = parseScenario({ group: { size: 12 }, horizonWeeks: 208 });

describe('determinism', () => {
  it('the same scenario, seed and replication give bit-identical results', () => {
    for (const replication of [0, 1, 17]) {
      const a = simulate(sc, { seed: 42, replication });
      const b = simulate(sc, { seed: 42, replication });
      expect(fingerprint(a)).toBe(fingerprint(b));
      expect(a.outcome).toEqual(b.outcome);
    }
  });

  it('different replications and different seeds give different luck', () => {
    const prints = new Set<string>();
    for (let r = 0; r < 20; r++) prints.add(fingerprint(simulate(sc, { seed: 42, replication: r })));
    for (let s = 0; s < 20; s++) prints.add(fingerprint(simulate(sc, { seed: s, replication: 0 })));
    expect(prints.size).toBe(40);
  });

  it('refuses seeds and replications that are not whole numbers in range', () => {
    for (const seed of [Number.NaN, 1.5, -1, 2 ** 32, Number.POSITIVE_INFINITY]) {
      expect(() => simulate(sc, { seed }), String(seed)).toThrow(/seed: got .*allowed: a whole number from 0 to 4294967295/);
    }
    expect(() => simulate(sc, { replication: -1 })).toThrow(/replication: got -1/);
  });

  it('the scenario seed is used when no seed is given', () => {
    const withSeed = parseScenario({ seed: 7 });
    expect(fingerprint(simulate(withSeed))).toBe(fingerprint(simulate(parseScenario({}), { seed: 7 })));
  });

  it('a fresh Node process gives the same bits', () => {
    const here = [0, 5].map((replication) => fingerprint(simulate(sc, { seed: 42, replication })));
    const script = `
      import { fingerprintRun as fingerprint, parseScenario, simulate } from './src/index.ts';
      const sc = parseScenario({ group: { size: 12 }, horizonWeeks: 208 });
      console.log(JSON.stringify([0, 5].map((replication) => fingerprint(simulate(sc, { seed: 42, replication })))));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(out)).toEqual(here);
  });

  it('driving the weeks from outside gives the same states as simulate()', () => {
    const whole = simulate(sc, { seed: 3, replication: 2 });
    const run = createRun(sc, { seed: 3, replication: 2 });
    const keys = Object.keys(whole.series);
    let weeks = 0;
    for (let t = 0; t < sc.horizonWeeks && run.state.status !== 2; t++) {
      run.step();
      const values = Array.from(run.measure());
      expect(values).toEqual(keys.map((key) => whole.series[key][t]));
      weeks++;
    }
    expect(weeks).toBeGreaterThan(50);
  });

  it('common random numbers: two packages with the same seed meet the same market shocks', () => {
    const a = parseScenario({ horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 0 } } });
    const b = parseScenario({ horizonWeeks: 260, intervention: { mentoring: { visitsPerMonth: 4, months: 60 } } });
    let compared = 0;
    for (let r = 0; r < 30; r++) {
      const ra = simulate(a, { replication: r });
      const rb = simulate(b, { replication: r });
      const end = Math.min(lastWeek(ra), lastWeek(rb));
      const shocks = (x: RunResult) => shockWeeks(x).filter((w) => w <= end);
      expect(shocks(rb)).toEqual(shocks(ra));
      compared += shocks(ra).length;
    }
    expect(compared).toBeGreaterThan(10);
  });
});

function lastWeek(r: RunResult): number {
  return r.outcome.status === 'dissolved' ? r.outcome.statusWeek! : r.weeks - 1;
}

function shockWeeks(r: RunResult): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.events.count; i++) if (r.events.data[i * 5 + 1] === 2) out.push(r.events.data[i * 5]);
  return out;
}

// The fingerprint must itself tell runs apart that differ in a single bit.
it('fingerprint is sensitive to a single bit', () => {
  const r = simulate(sc, { seed: 1 });
  const before = fingerprint(r);
  const bits = new BigInt64Array(r.series.capital.buffer, r.series.capital.byteOffset, r.series.capital.length);
  bits[3] ^= 1n; // flip the lowest bit of one week's capital
  expect(fingerprint(r)).not.toBe(before);
});

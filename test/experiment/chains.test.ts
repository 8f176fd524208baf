/**
 * ABC-MCMC chains (src/experiment/chains.ts) without the model: a fake distance that is 0 inside a
 * box of the priors' unit cube and 1 outside, so the acceptance region, and the posterior (uniform
 * on it), are known.
 */
import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGETS, drawWorlds, type Draw } from '../../src/experiment/calibrate.ts';
import { advance, chainStart, moveRate, proposalScales, propose, recordedStates, type ChainLine } from '../../src/experiment/chains.ts';
import { CONSTANT_NAMES, CONSTANTS, type World } from '../../src/model/index.ts';

const unit = (k: (typeof CONSTANT_NAMES)[number], x: number) => (x - CONSTANTS[k].low) / (CONSTANTS[k].high - CONSTANTS[k].low);
const [A, B, FREE] = [CONSTANT_NAMES[0], CONSTANT_NAMES[1], CONSTANT_NAMES[5]];
/** The acceptance box: A and B between 0.2 and 0.6 of their prior ranges; the other constants free. */
const inBox = (w: World) => [A, B].every((k) => unit(k, w[k]) >= 0.2 && unit(k, w[k]) <= 0.6);
const measured = Object.fromEntries(CALIBRATION_TARGETS.map((t) => [t.id, 0]));
/** A world measured as a draw would be, by the fake distance. */
const asDraw = (index: number, constants: World): Draw => ({ index, constants, measured, distance: inBox(constants) ? 0 : 1 });
const inPriors = (w: World) => CONSTANT_NAMES.every((k) => w[k] >= CONSTANTS[k].low && w[k] <= CONSTANTS[k].high);

/** Chains from the rejection passes of `draws` prior draws, `steps` steps each, in lockstep as the CLI runs them. */
function run(draws: number, steps: number) {
  const passes = drawWorlds(11, 0, draws).map((w, i) => asDraw(i, w)).filter((d) => d.distance === 0);
  const scales = proposalScales(passes.map((d) => d.constants), 0.5);
  let states = passes.map((d, c) => chainStart(c, d));
  const lines: ChainLine[] = [];
  for (let s = 1; s <= steps; s++) {
    states = states.map((st, c) => {
      const w = propose(11, c, s, st.constants, scales);
      return advance(st, w && asDraw(passes[c].index, w), 0.5);
    });
    lines.push(...states);
  }
  return { passes, lines };
}

describe('ABC-MCMC chains on a known acceptance box', () => {
  // 1,600 prior draws give about 250 chains: over 300 steps the quarter shares then stray from ¼ by
  // chance by at most about 0.03 (eight seeds, every constant), inside the ±0.05 asked below. With
  // 400 draws (about 55 chains) the chance error alone reached 0.065 for some seeds.
  const { passes, lines } = run(1600, 300);

  it('start from the passes, stay inside the box and the priors, and move', () => {
    expect(passes.length).toBeGreaterThan(40);
    for (const l of lines) {
      expect(inBox(l.constants), `chain ${l.chain} step ${l.step}`).toBe(true);
      expect(inPriors(l.constants)).toBe(true);
    }
    const rate = moveRate(lines);
    expect(rate).toBeGreaterThan(0.3);
    expect(rate).toBeLessThan(0.99);
    // Proposals outside the priors are not simulated: fewer simulated steps than steps.
    expect(lines.filter((l) => l.simulated).length).toBeLessThan(lines.length);
  });

  it('their states cover the box uniformly (a quarter of them in each quarter of it), the free constants their whole range', () => {
    const share = (k: (typeof CONSTANT_NAMES)[number], lo: number, hi: number, bin: number) =>
      lines.filter((l) => {
        const u = (unit(k, l.constants[k]) - lo) / (hi - lo);
        return u >= bin / 4 && u < (bin + 1) / 4;
      }).length / lines.length;
    for (let bin = 0; bin < 4; bin++) {
      expect(share(A, 0.2, 0.6, bin), `${A} quarter ${bin}`).toBeCloseTo(0.25, 1);
      expect(share(B, 0.2, 0.6, bin), `${B} quarter ${bin}`).toBeCloseTo(0.25, 1);
      expect(share(FREE, 0, 1, bin), `${FREE} quarter ${bin}`).toBeCloseTo(0.25, 1);
    }
  });

  it('a step proposes the same whenever it is run (a resumed chain goes on as an unbroken one), and another step proposes otherwise', () => {
    const from = passes[0].constants;
    const scales = proposalScales(passes.map((d) => d.constants), 0.5);
    expect(propose(11, 3, 7, from, scales)).toEqual(propose(11, 3, 7, from, scales));
    const many = Array.from({ length: 20 }, (_, s) => propose(11, 3, s + 1, from, scales));
    expect(new Set(many.map((w) => JSON.stringify(w))).size).toBeGreaterThan(1);
  });
});

describe('proposal and recording', () => {
  it('the scale is step × the sd across the passes, or across the prior (width/√12) with fewer than two passes, to 4 digits', () => {
    const [w0, w1] = drawWorlds(2, 0, 2);
    const two = proposalScales([w0, w1], 0.5);
    for (const k of CONSTANT_NAMES) {
      expect(two[k]).toBe(Number((0.5 * Math.abs(w0[k] - w1[k]) / Math.SQRT2).toPrecision(4)));
      expect(proposalScales([w0], 2)[k]).toBe(Number(((2 * (CONSTANTS[k].high - CONSTANTS[k].low)) / Math.sqrt(12)).toPrecision(4)));
    }
  });

  it('a proposal outside a prior range stays put unsimulated; one outside tolerance stays put simulated', () => {
    const start = chainStart(0, asDraw(0, drawWorlds(2, 0, 1)[0]));
    const huge = Object.fromEntries(CONSTANT_NAMES.map((k) => [k, 100 * (CONSTANTS[k].high - CONSTANTS[k].low)])) as World;
    expect(propose(1, 0, 1, start.constants, huge)).toBeNull();
    expect(advance(start, null, 0)).toMatchObject({ step: 1, simulated: false, moved: false, constants: start.constants });
    const out = { ...asDraw(0, drawWorlds(2, 1, 1)[0]), distance: 0.3 };
    expect(advance(start, out, 0.2)).toMatchObject({ simulated: true, moved: false, constants: start.constants });
    expect(advance(start, out, 0.3)).toMatchObject({ simulated: true, moved: true, constants: out.constants });
  });

  it('records every thin-th state, step by step across chains, as its start draw, and never a world twice', () => {
    const [p0, p1, x, y] = drawWorlds(4, 0, 4);
    const passes = [asDraw(7, p0), asDraw(9, p1)];
    const line = (chain: number, step: number, constants: World): ChainLine => ({ chain, step, simulated: true, moved: true, constants, measured, distance: 0 });
    const lines = [line(0, 1, x), line(1, 1, p1), line(0, 2, p0), line(1, 2, x), line(0, 3, y), line(1, 3, y), line(0, 4, y), line(1, 4, x)];
    const r = recordedStates(passes, lines, 2);
    // Step 2: chain 0 is back at its pass, chain 1 at x (new). Step 4: chain 0 at y (new), chain 1 at x (seen).
    expect(r.map((d) => [d.index, d.chain, d.step])).toEqual([
      [9, 1, 2],
      [7, 0, 4],
    ]);
    expect(r.map((d) => d.constants)).toEqual([x, y]);
  });
});

/**
 * Validation across plausible worlds: the verdict of one interval, the share of worlds, the
 * report, and the model measured on its targets in a few worlds of the committed worlds file.
 */
import { describe, expect, it } from 'vitest';
import { loadTargetFiles, loadWorlds } from '../../src/cli/worlds.ts';
import { TARGETS } from '../../src/experiment/targets.ts';
import {
  applyOverrides,
  renderMarkdown,
  renderText,
  reportJson,
  SECTION_BEGIN,
  SECTION_END,
  spliceSection,
  validateInProcess,
  validationReport,
  verdictOf,
  WORLD_SHARE,
} from '../../src/experiment/validation.ts';

const files = loadTargetFiles();
const worldsFile = loadWorlds();
const central = worldsFile.worlds[worldsFile.central].constants;

describe('verdicts and the share of worlds', () => {
  it('an interval passes only when it lies wholly inside the range', () => {
    const between = { kind: 'between', low: 0, high: 10 } as const;
    expect(verdictOf([1, 9], between)).toBe('pass');
    expect(verdictOf([-1, 9], between)).toBe('inconclusive');
    expect(verdictOf([11, 12], between)).toBe('fail');
    expect(verdictOf([0.5, 0.7], { kind: 'atLeast', value: 0.5 })).toBe('pass');
    expect(verdictOf([0.4, 0.7], { kind: 'atLeast', value: 0.5 })).toBe('inconclusive');
    expect(verdictOf([Number.NaN, Number.NaN], between)).toBe('fail');
  });

  it(`a target passes when it passes in at least ${WORLD_SHARE * 100}% of the worlds, and the count is right`, () => {
    const t = TARGETS.find((x) => x.id === 'training-income')!;
    const world = (lo: number, hi: number) => ({ [t.id]: { mean: (lo + hi) / 2, ci: [lo, hi] as [number, number], n: 100 } });
    const worlds = (good: number, bad: number) => [...Array.from({ length: good }, () => world(1, 9)), ...Array.from({ length: bad }, () => world(20, 30))];
    const nine = validationReport([t], worlds(9, 1), { central: 0, reps: 100, seed: 1, runs: 0 }).targets[0];
    expect(nine).toMatchObject({ worldsPassing: 0.9, worlds: 10, pass: true, verdict: 'pass' });
    const eight = validationReport([t], worlds(8, 2), { central: 9, reps: 100, seed: 1, runs: 0 }).targets[0];
    expect(eight).toMatchObject({ worldsPassing: 0.8, pass: false, verdict: 'fail' });
  });

  it('says for each held-out target declared or changed with its results in view that it is not wholly out of sample, in text, JSON and Markdown', () => {
    for (const t of TARGETS.filter((x) => x.kind === 'calibration')) expect(t.seen, t.id).toBeUndefined();
    const seen = TARGETS.filter((x) => x.seen);
    expect(seen.length).toBeGreaterThan(0);
    const one = { mean: 1, ci: [0.5, 1.5] as [number, number], n: 10 };
    const report = validationReport(TARGETS, [Object.fromEntries(TARGETS.map((t) => [t.id, one]))], { central: 0, reps: 10, seed: 1, runs: 0 });
    const text = renderText(report);
    expect(text).toContain(`Not wholly out of sample: ${seen.length} of the ${TARGETS.filter((x) => x.kind === 'held-out').length} held-out targets`);
    const md = renderMarkdown(report, 'kube-sim validate');
    const json = reportJson(report);
    for (const t of TARGETS) {
      expect(json.targets.find((x) => x.id === t.id)!.seen).toBe(t.seen ?? null);
      if (t.seen) {
        expect(text).toContain(`- ${t.id}: ${t.seen}`);
        expect(md).toContain(`*With its results in view:* ${t.seen}`);
      } else expect(text).not.toContain(`- ${t.id}:`);
    }
  });
});

describe('the model on its targets', () => {
  // The central world and two more, at a modest size: enough for directions, not the reference run.
  const worlds = [central, ...worldsFile.worlds.filter((_, i) => i !== worldsFile.central).slice(0, 2).map((w) => w.constants)];
  const report = validateInProcess(files, worlds, { reps: 120 });
  const byId = Object.fromEntries(report.targets.map((t) => [t.id, t]));

  it('measures every declared target, calibration and held-out, in every world', () => {
    expect(report.targets.map((t) => t.id)).toEqual(TARGETS.map((t) => t.id));
    expect(new Set(report.targets.map((t) => t.kind))).toEqual(new Set(['calibration', 'held-out']));
    for (const t of report.targets) expect(t.perWorld).toHaveLength(3);
  });

  it('in the central world, Cempaka outlives Tulip and both case-study directions hold', () => {
    expect(byId['cempaka-tulip'].measured).toBeGreaterThan(0);
    expect(byId['cempaka-active'].measured).toBeGreaterThan(0.5);
    expect(byId['tulip-inactive'].measured).toBeGreaterThan(0.5);
  });

  it('fails the case-study targets when Cempaka and Tulip are swapped', () => {
    const swapped = validateInProcess({ ...files, cempaka: files.tulip, tulip: files.cempaka }, [central], {
      reps: 100,
      targets: TARGETS.filter((t) => t.id.startsWith('cempaka') || t.id.startsWith('tulip')),
    });
    for (const t of swapped.targets) expect(t.pass, t.id).toBe(false);
  });

  it('gives the same report for the same seed, and different figures for another seed', () => {
    const some = TARGETS.filter((t) => t.uses.length === 1);
    const a = reportJson(validateInProcess(files, [central], { reps: 20, seed: 3, targets: some }));
    const b = reportJson(validateInProcess(files, [central], { reps: 20, seed: 3, targets: some }));
    const c = reportJson(validateInProcess(files, [central], { reps: 20, seed: 4, targets: some }));
    expect(b).toEqual(a);
    expect(c.targets.map((t) => t.measured)).not.toEqual(a.targets.map((t) => t.measured));
  });

  it('reports as JSON with stable keys: id, kind, expected, measured, ci, worldsPassing and pass for every target', () => {
    const json = reportJson(report);
    for (const t of json.targets) {
      expect(Object.keys(t)).toEqual(['id', 'kind', 'title', 'source', 'expected', 'expectation', 'measured', 'ci', 'verdict', 'worldsPassing', 'worlds', 'pass', 'method', 'seen', 'perWorld']);
      expect(t).toMatchObject({ id: expect.any(String), kind: expect.stringMatching(/^(calibration|held-out)$/), expected: expect.any(String), worldsPassing: expect.any(Number), pass: expect.any(Boolean) });
      expect(t.ci[0]!).toBeLessThanOrEqual(t.measured!);
      expect(t.ci[1]!).toBeGreaterThanOrEqual(t.measured!);
    }
    expect(json.failed).toBe(json.targets.filter((t) => !t.pass).length);
  });

  it('writes a Markdown section that says each target’s kind and share of worlds, spliced between the markers', () => {
    const md = renderMarkdown(report, 'kube-sim validate');
    for (const t of report.targets) expect(md).toContain(`(\`${t.id}\`)`);
    expect(md).toMatch(/\| held-out \|/);
    expect(md).toMatch(/of 3 \|/);
    const doc = `# Title\n\nbefore\n\n${SECTION_BEGIN}\nold\n${SECTION_END}\n\nafter\n`;
    const out = spliceSection(doc, md);
    expect(out.startsWith('# Title\n\nbefore\n\n')).toBe(true);
    expect(out.endsWith('\n\nafter\n')).toBe(true);
    expect(out).not.toContain('\nold\n');
  });

  it('refuses overrides of what validation fixes itself, naming the path', () => {
    expect(() => applyOverrides(files, { horizonWeeks: 52 })).toThrow(/horizonWeeks: cannot be set for validation/);
    expect(() => applyOverrides(files, { 'group.size': 999 })).toThrow(/group.size: got 999; allowed: an integer from 5 to 30/);
  });
});

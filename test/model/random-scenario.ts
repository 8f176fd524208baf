/**
 * Test helper: random valid scenarios drawn from the schema's own ranges (parameterTable), with a
 * seeded generator. Each parameter keeps its default half the time; otherwise it takes its
 * minimum or maximum one time in five (edges are where models break) and a uniform value in its
 * range the rest. The cross-field rules are then met: dispositions sum to 1, reinvest + IKS ≤ 1,
 * minMembers ≤ size. One scenario in ten has an explicit roster.
 */
import seedrandom from 'seedrandom';
import { parameterTable, parseScenario, ROLES, DISPOSITIONS, type Scenario } from '../../src/index.ts';

type Rng = () => number;

/** Paths left to the generator's own rules (seed, horizon, size) or not numbers (roster, name). */
const SKIP = new Set(['seed', 'horizonWeeks', 'group.size', 'members.roster', 'name']);

function value(r: Rng, min: number, max: number, int: boolean): number {
  const u = r();
  const x = u < 0.1 ? min : u < 0.2 ? max : min + (max - min) * r();
  return int ? Math.min(max, Math.floor(x + (u < 0.2 ? 0 : r()))) : x;
}

function setPath(obj: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys[keys.length - 1]] = v;
}

/** A random valid scenario (parsed) and the raw input it came from. */
export function randomScenario(r: Rng, horizon: readonly [number, number] = [4, 1560]): { input: Record<string, unknown>; scenario: Scenario } {
  // The horizon's range is the caller's (to bound the work); one in five at its longest.
  const weeks = r() < 0.2 ? horizon[1] : horizon[0] + Math.floor(r() * (horizon[1] - horizon[0] + 1));
  const input: Record<string, unknown> = { horizonWeeks: weeks, seed: Math.floor(r() * 4294967296) };
  for (const p of parameterTable()) {
    if (SKIP.has(p.path) || p.path.startsWith('members.roster') || r() < 0.5) continue;
    if (p.options) setPath(input, p.path, p.options[Math.floor(r() * p.options.length)]);
    else if (p.min !== undefined && p.max !== undefined) setPath(input, p.path, value(r, p.min, p.max, p.int ?? false));
  }
  const size = r() < 0.1 ? (r() < 0.5 ? 5 : 30) : 5 + Math.floor(r() * 26);
  setPath(input, 'group.size', size);
  // Cross-field rules: shares that add up, minMembers within the group.
  const d = [r(), r(), r()];
  if (r() < 0.15) d[Math.floor(r() * 3)] = 0;
  const total = d[0] + d[1] + d[2];
  const conditional = d[0] / total;
  const freeRider = d[1] / total;
  setPath(input, 'members.dispositions', { conditional, freeRider, unconditional: Math.max(0, 1 - conditional - freeRider) });
  const fin = (input.finance ?? {}) as Record<string, number>;
  if ((fin.reinvestShare ?? 0.3) + (fin.iksShare ?? 0.1) > 1) fin.reinvestShare = 1 - (fin.iksShare ?? 0.1);
  const group = input.group as Record<string, number>;
  if ((group.minMembers ?? 3) > size) group.minMembers = size;
  if (r() < 0.1) {
    const m = 5 + Math.floor(r() * 26);
    const roster = [];
    const roles = [...ROLES.slice(0, 3)];
    for (let i = 0; i < m; i++) {
      const role = r() < 0.2 && roles.length ? roles.splice(Math.floor(r() * roles.length), 1)[0] : 'anggota';
      roster.push({
        role,
        skill: r(), commitment: r(), integrity: r(), need: r(), leadership: r(),
        ...(r() < 0.5 ? { trust: r() } : {}),
        disposition: DISPOSITIONS[Math.floor(r() * 3)],
        hiddenAgenda: r() < 0.2,
      });
    }
    delete group.size;
    if ((group.minMembers ?? 3) > m) group.minMembers = m;
    (input.members as Record<string, unknown>).roster = roster;
  }
  return { input, scenario: parseScenario(input) };
}

/** A seeded generator for the scenarios. */
export const scenarioRng = (seed: string): Rng => seedrandom.alea(seed) as Rng;

/**
 * Scenario discovery by PRIM, the patient rule induction method (Friedman & Fisher 1999), as the
 * EMA Workbench uses it (Kwakkel 2017; Bryant & Lempert 2010): find a box of conditions on the
 * inputs (here the uncertain constants of each world) inside which the cases of interest (worlds
 * where B fails to beat A) are dense. Peeling cuts, one step at a time, the α share of the points
 * at one end of one input that leaves the box with the highest share of cases; every step's
 * coverage (cases in the box ÷ all cases) and density (cases in the box ÷ points in it) make the
 * peeling trajectory, the trade-off between the two. The box chosen is the one with the highest
 * coverage whose density reaches the threshold; pasting then widens it where that raises its
 * density, and a restriction that is not significant (its quasi-p-value above 0.05) is dropped
 * (a simpler rule is a clearer one). Further boxes are sought among the points the earlier boxes leave out.
 * Deterministic: no randomness; ties go to the smaller cut, then the earlier input, lower end first.
 */

import { exp, log } from '../model/detmath.ts';

/** The data: inputs by column and a 0/1 case flag per point. */
export interface PrimData {
  names: readonly string[];
  /** x[d][i]: input d of point i. */
  x: readonly ArrayLike<number>[];
  /** 1 for a case of interest, 0 otherwise. */
  y: ArrayLike<number>;
  /** Each input's full range (default: the data's min and max); a box restricts it. */
  limits?: readonly [number, number][];
}

export interface PrimOptions {
  /** Share of the box's points one peel removes (default 0.05). */
  alpha?: number;
  /** Smallest share of all points a box may hold (default 0.05). */
  minMass?: number;
  /** Density the chosen box should reach (default 0.8). */
  threshold?: number;
  /** Boxes to seek at most (default 2); later ones only if they reach the threshold. */
  maxBoxes?: number;
  /**
   * Drop a restriction whose quasi-p-value is above this (default 0.05): the chance that the
   * box without it would hold as many cases among as many points (one-sided binomial test;
   * Bryant & Lempert 2010, as the EMA Workbench reports it).
   */
  significance?: number;
}

/** One restricted input of a box: x ≥ lo, x ≤ hi, or both. */
export interface PrimRestriction {
  name: string;
  /** Lower bound, or null when the box keeps the input's full range below. */
  lo: number | null;
  hi: number | null;
  /** Quasi-p-value of the restriction (see PrimOptions.significance). */
  quasiP: number;
}

/** One step of the peeling trajectory. */
export interface PrimStep {
  coverage: number;
  density: number;
  mass: number;
  /** Inputs restricted at this step. */
  restricted: number;
}

export interface PrimBox {
  /** The box's bounds on every input, in input order. */
  limits: [number, number][];
  /** The inputs it restricts, in input order: the rule. */
  rule: PrimRestriction[];
  coverage: number;
  density: number;
  mass: number;
  /** Cases and points inside. */
  cases: number;
  points: number;
  /** Whether the density reached the threshold. */
  meetsThreshold: boolean;
  /** The peeling trajectory, and the step the box was chosen from (before pasting and dropping). */
  trajectory: PrimStep[];
  chosenStep: number;
}

/** The discovered boxes, with what they were sought in. */
export interface PrimResult {
  boxes: PrimBox[];
  points: number;
  cases: number;
  options: Required<PrimOptions>;
}

function check(data: PrimData, o: Required<PrimOptions>): void {
  const n = data.y.length;
  if (data.names.length !== data.x.length) throw new RangeError(`PRIM: ${data.names.length} names for ${data.x.length} inputs`);
  if (data.x.length === 0) throw new RangeError('PRIM: needs at least one input');
  data.x.forEach((col, d) => {
    if (col.length !== n) throw new RangeError(`PRIM: input ${data.names[d]} has ${col.length} values for ${n} points`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i])) throw new RangeError(`PRIM: input ${data.names[d]} of point ${i} is ${col[i]}; every input must be a finite number`);
  });
  for (let i = 0; i < n; i++) if (data.y[i] !== 0 && data.y[i] !== 1) throw new RangeError(`PRIM: y[${i}] is ${data.y[i]}; allowed: 0 or 1`);
  const range = (name: string, v: number, lo: number, hi: number) => {
    if (!(v >= lo && v <= hi)) throw new RangeError(`PRIM: ${name} is ${v}; allowed: ${lo} to ${hi}`);
  };
  range('alpha', o.alpha, 0.01, 0.5);
  range('minMass', o.minMass, 0, 1);
  range('threshold', o.threshold, 0, 1);
  range('significance', o.significance, 0, 1);
  if (!Number.isInteger(o.maxBoxes) || o.maxBoxes < 1) throw new RangeError(`PRIM: maxBoxes is ${o.maxBoxes}; allowed: a whole number ≥ 1`);
}

/** Run PRIM: up to maxBoxes boxes, the first always, later ones only if they reach the threshold. */
export function prim(data: PrimData, options: PrimOptions = {}): PrimResult {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: Required<PrimOptions> = { alpha: 0.05, minMass: 0.05, threshold: 0.8, maxBoxes: 2, significance: 0.05, ...given };
  check(data, o);
  const n = data.y.length;
  const D = data.x.length;
  const limits: [number, number][] =
    data.limits?.map((l) => [l[0], l[1]] as [number, number]) ??
    data.x.map((col) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        lo = Math.min(lo, col[i]);
        hi = Math.max(hi, col[i]);
      }
      return [lo, hi];
    });
  if (limits.length !== D) throw new RangeError(`PRIM: ${limits.length} limits for ${D} inputs`);
  let totalCases = 0;
  for (let i = 0; i < n; i++) totalCases += data.y[i];
  const boxes: PrimBox[] = [];
  let remaining = Array.from({ length: n }, (_, i) => i);
  while (boxes.length < o.maxBoxes && totalCases > 0) {
    const cases = remaining.reduce((s, i) => s + data.y[i], 0);
    if (cases === 0) break;
    const box = findBox(data, remaining, limits, totalCases, n, o);
    if (boxes.length > 0 && !box.meetsThreshold) break;
    boxes.push(box);
    const inside = new Set(pointsIn(data, remaining, box.limits));
    remaining = remaining.filter((i) => !inside.has(i));
  }
  return { boxes, points: n, cases: totalCases, options: o };
}

function pointsIn(data: PrimData, idx: readonly number[], box: readonly [number, number][]): number[] {
  return idx.filter((i) => box.every(([lo, hi], d) => data.x[d][i] >= lo && data.x[d][i] <= hi));
}

function casesOf(data: PrimData, idx: readonly number[]): number {
  let c = 0;
  for (const i of idx) c += data.y[i];
  return c;
}

function findBox(data: PrimData, idx: readonly number[], limits: readonly [number, number][], totalCases: number, N: number, o: Required<PrimOptions>): PrimBox {
  const D = data.x.length;
  const restrictedCount = (b: readonly [number, number][]) => b.filter(([lo, hi], d) => lo > limits[d][0] || hi < limits[d][1]).length;
  const step = (inBox: readonly number[], b: readonly [number, number][]): PrimStep => {
    const c = casesOf(data, inBox);
    return { coverage: c / totalCases, density: inBox.length ? c / inBox.length : 0, mass: inBox.length / N, restricted: restrictedCount(b) };
  };
  let box = limits.map((l) => [l[0], l[1]] as [number, number]);
  let inBox = pointsIn(data, idx, box);
  const boxes: [number, number][][] = [box.map((l) => [...l] as [number, number])];
  const trajectory: PrimStep[] = [step(inBox, box)];
  const minPoints = o.minMass * N;

  // Peeling.
  for (;;) {
    const m = inBox.length;
    const k = Math.max(1, Math.round(o.alpha * m));
    let best: { d: number; side: 0 | 1; cut: number; keep: number[]; mean: number } | null = null;
    for (let d = 0; d < D; d++) {
      const v = inBox.map((i) => data.x[d][i]).sort((a, b) => a - b);
      for (const side of [0, 1] as const) {
        const cut = side === 0 ? v[Math.min(k, m - 1)] : v[Math.max(m - 1 - k, 0)];
        const keep = inBox.filter((i) => (side === 0 ? data.x[d][i] >= cut : data.x[d][i] <= cut));
        if (keep.length === m || keep.length < minPoints || keep.length === 0) continue;
        const mean = casesOf(data, keep) / keep.length;
        if (!best || mean > best.mean || (mean === best.mean && keep.length > best.keep.length)) best = { d, side, cut, keep, mean };
      }
    }
    if (!best) break;
    box = box.map((l) => [...l] as [number, number]);
    box[best.d][best.side] = best.cut;
    inBox = best.keep;
    boxes.push(box);
    trajectory.push(step(inBox, box));
  }

  // The box with the highest coverage that reaches the threshold; else the densest.
  let chosen = -1;
  trajectory.forEach((s, t) => {
    if (s.density < o.threshold) return;
    if (chosen < 0 || s.coverage > trajectory[chosen].coverage || (s.coverage === trajectory[chosen].coverage && s.density > trajectory[chosen].density)) chosen = t;
  });
  if (chosen < 0) {
    chosen = 0;
    trajectory.forEach((s, t) => {
      if (s.density > trajectory[chosen].density || (s.density === trajectory[chosen].density && s.coverage > trajectory[chosen].coverage)) chosen = t;
    });
  }
  let b = boxes[chosen].map((l) => [...l] as [number, number]);
  b = paste(data, idx, b, limits, o);
  b = dropRestrictions(data, idx, b, limits, o);
  const inside = pointsIn(data, idx, b);
  const c = casesOf(data, inside);
  const density = inside.length ? c / inside.length : 0;
  return {
    limits: b,
    rule: b.flatMap(([lo, hi], d) => (lo > limits[d][0] || hi < limits[d][1] ? [{ name: data.names[d], lo: lo > limits[d][0] ? lo : null, hi: hi < limits[d][1] ? hi : null, quasiP: quasiP(data, idx, b, limits, d) }] : [])),
    coverage: c / totalCases,
    density,
    mass: inside.length / N,
    cases: c,
    points: inside.length,
    meetsThreshold: density >= o.threshold,
    trajectory,
    chosenStep: chosen,
  };
}

/**
 * Pasting (Friedman & Fisher 1999 §4): widen one bound of the box to take in about α of its
 * points from just outside, when that raises the density; repeat while some paste does.
 */
function paste(data: PrimData, idx: readonly number[], box: [number, number][], limits: readonly [number, number][], o: Required<PrimOptions>): [number, number][] {
  const D = data.x.length;
  let inBox = pointsIn(data, idx, box);
  let density = inBox.length ? casesOf(data, inBox) / inBox.length : 0;
  for (;;) {
    const k = Math.max(1, Math.round(o.alpha * inBox.length));
    let best: { box: [number, number][]; inBox: number[]; density: number } | null = null;
    for (let d = 0; d < D; d++) {
      // Points inside the box on every other input, outside it on input d.
      const near = idx.filter((i) => box.every(([lo, hi], e) => e === d || (data.x[e][i] >= lo && data.x[e][i] <= hi)));
      for (const side of [0, 1] as const) {
        const out = near
          .map((i) => data.x[d][i])
          .filter((v) => (side === 0 ? v < box[d][0] : v > box[d][1]))
          .sort((a, b) => (side === 0 ? b - a : a - b));
        if (out.length === 0) continue;
        const bound = out[Math.min(k, out.length) - 1];
        const nb = box.map((l) => [...l] as [number, number]);
        nb[d][side] = side === 0 ? Math.max(limits[d][0], bound) : Math.min(limits[d][1], bound);
        const nIn = pointsIn(data, idx, nb);
        const nd = casesOf(data, nIn) / nIn.length;
        if (nd > density && (!best || nd > best.density)) best = { box: nb, inBox: nIn, density: nd };
      }
    }
    if (!best) return box;
    box = best.box;
    inBox = best.inBox;
    density = best.density;
  }
}

/**
 * The quasi-p-value of the box's restriction on input d: the chance of at least the box's cases
 * among its points if they were drawn at the density of the box without that restriction.
 */
function quasiP(data: PrimData, idx: readonly number[], box: readonly [number, number][], limits: readonly [number, number][], d: number): number {
  const inside = pointsIn(data, idx, box);
  const wider = box.map((l, e) => (e === d ? ([limits[d][0], limits[d][1]] as [number, number]) : l));
  const around = pointsIn(data, idx, wider);
  return binomialUpperTail(casesOf(data, inside), inside.length, casesOf(data, around) / around.length);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in logs. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = log(p);
  const lq = log(1 - p);
  let sum = 0;
  for (let j = k; j <= n; j++) sum += exp(logChoose(n, j) + j * lp + (n - j) * lq);
  return Math.min(1, sum);
}

/** log C(n, k) as a sum of logs (n is at most the number of worlds). */
function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= m; i++) s += log(n - m + i) - log(i);
  return s;
}

/**
 * Drop restrictions that are not significant (quasi-p above `significance`), the least
 * significant first, until every one left is; a simpler rule is a clearer one.
 */
function dropRestrictions(data: PrimData, idx: readonly number[], box: [number, number][], limits: readonly [number, number][], o: Required<PrimOptions>): [number, number][] {
  for (;;) {
    let worst = -1;
    let worstP = o.significance;
    box.forEach(([lo, hi], d) => {
      if (!(lo > limits[d][0] || hi < limits[d][1])) return;
      const qp = quasiP(data, idx, box, limits, d);
      if (qp > worstP) {
        worst = d;
        worstP = qp;
      }
    });
    if (worst < 0) return box;
    box = box.map((l, d) => (d === worst ? ([limits[d][0], limits[d][1]] as [number, number]) : l));
  }
}

/** A label per input, in English and Bahasa Indonesia. */
export type Labels = Readonly<Record<string, { en: string; id: string }>>;

/** A bound for text: three significant digits; a decimal comma in Indonesian. */
export function formatBound(x: number, lang: 'en' | 'id'): string {
  const s = String(Number(x.toPrecision(3)));
  return lang === 'id' ? s.replace('.', ',') : s;
}

/**
 * A box's rule in words, e.g. "returns on working capital above 0.62 and the chance of misuse
 * below 0.05" / "imbal hasil modal kerja di atas 0,62 dan peluang penyalahgunaan dana di bawah
 * 0,05". An input without a label is named by its key.
 */
export function ruleText(rule: readonly PrimRestriction[], labels: Labels, lang: 'en' | 'id'): string {
  const words = lang === 'en' ? { above: 'above', below: 'below', between: 'between', and: 'and', none: 'in every world' } : { above: 'di atas', below: 'di bawah', between: 'antara', and: 'dan', none: 'di semua dunia' };
  if (rule.length === 0) return words.none;
  const parts = rule.map((r) => {
    const label = labels[r.name]?.[lang] ?? r.name;
    const f = (x: number) => formatBound(x, lang);
    if (r.lo !== null && r.hi !== null) return `${label} ${words.between} ${f(r.lo)} ${words.and} ${f(r.hi)}`;
    if (r.lo !== null) return `${label} ${words.above} ${f(r.lo)}`;
    return `${label} ${words.below} ${f(r.hi!)}`;
  });
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} ${words.and} ${parts[parts.length - 1]}`;
}

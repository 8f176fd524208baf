/**
 * Reads the scenario schema as data: a flat table of parameters (for CLI help, web controls and
 * docs) and validation that names the field, the value and what is allowed.
 */
import type { z } from 'zod';
import { ScenarioObjectSchema, ScenarioSchema, type ParamMeta, type Scenario } from './scenario.ts';

/** One leaf parameter of the scenario, by its dotted path. */
export interface ParameterInfo extends ParamMeta {
  path: string;
  default: unknown;
}

type AnySchema = z.core.$ZodType;

function defOf(s: AnySchema): { type: string; [k: string]: unknown } {
  return (s as unknown as { _zod: { def: { type: string } } })._zod.def;
}

function metaOf(s: AnySchema): ParamMeta | undefined {
  const m = (s as unknown as { meta?: () => unknown }).meta?.();
  return m && typeof m === 'object' && 'unit' in m ? (m as ParamMeta) : undefined;
}

/** Peel default/prefault/optional/pipe/readonly wrappers off a schema. */
function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.type === 'default' || d.type === 'prefault' || d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly') {
      cur = d.innerType as AnySchema;
    } else if (d.type === 'pipe') {
      cur = d.in as AnySchema;
    } else return cur;
  }
}

function defaultOf(s: AnySchema): unknown {
  const d = defOf(s);
  if (d.type === 'default') return (d as unknown as { defaultValue: unknown }).defaultValue;
  return undefined;
}

/** The schema node at a dotted path (array indices skip into the element), or undefined. */
export function schemaAt(path: ReadonlyArray<PropertyKey>): AnySchema | undefined {
  let cur: AnySchema = ScenarioObjectSchema;
  for (const key of path) {
    const inner = unwrap(cur);
    const d = defOf(inner);
    if (d.type === 'object') {
      const next = (d as unknown as { shape: Record<string, AnySchema> }).shape[String(key)];
      if (!next) return undefined;
      cur = next;
    } else if (d.type === 'array') {
      cur = (d as unknown as { element: AnySchema }).element;
    } else return undefined;
  }
  return cur;
}

let table: ParameterInfo[] | undefined;

/** Every leaf parameter with its unit, default, range and meaning, in schema order. */
export function parameterTable(): ParameterInfo[] {
  if (table) return table;
  const out: ParameterInfo[] = [];
  const walk = (s: AnySchema, prefix: string) => {
    const meta = metaOf(s);
    const inner = unwrap(s);
    const d = defOf(inner);
    if (meta) {
      out.push({ ...meta, path: prefix, default: defaultOf(s) });
      return;
    }
    if (d.type === 'object') {
      const shape = (d as unknown as { shape: Record<string, AnySchema> }).shape;
      // The model's uncertain constants are a world's, not a planner's setting (constants.ts).
      for (const [k, v] of Object.entries(shape)) if (prefix || k !== 'constants') walk(v, prefix ? `${prefix}.${k}` : k);
    }
  };
  walk(ScenarioObjectSchema, '');
  table = out;
  return out;
}

/** Describe what a schema node allows, in words. */
export function allowedText(s: AnySchema | undefined): string {
  if (!s) return 'no such field';
  const meta = metaOf(s);
  const inner = unwrap(s);
  const d = defOf(inner);
  if (meta?.options) return `one of ${meta.options.map((o) => `"${o}"`).join(', ')}`;
  if (d.type === 'array') return meta?.min !== undefined ? `a list of ${meta.min} to ${meta.max} entries` : 'a list';
  if (meta && meta.min !== undefined && meta.max !== undefined) {
    const kind = meta.int ? 'an integer' : 'a number';
    const unit = meta.unit && !['0–1', 'seed'].includes(meta.unit) ? ` (${meta.unit})` : '';
    return `${kind} from ${meta.min} to ${meta.max}${unit}`;
  }
  if (d.type === 'object') {
    const keys = Object.keys((d as unknown as { shape: Record<string, unknown> }).shape);
    return `an object with keys ${keys.join(', ')}`;
  }
  if (d.type === 'string') {
    const max = (inner as unknown as { maxLength?: number | null }).maxLength;
    return typeof max === 'number' ? `a text of at most ${max} characters` : 'a text';
  }
  if (d.type === 'boolean') return 'true or false';
  return d.type;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k as string];
  }
  return cur;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return clip(sketch(v, 3));
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * A value as JSON-like text, bounded in depth and width: a file may hold arrays nested 100,000
 * deep, which JSON.stringify (and String) would recurse through until the stack overflows.
 */
function sketch(v: unknown, depth: number): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v !== 'object') return String(v);
  const keys = Array.isArray(v) ? null : Object.keys(v);
  const size = keys ? keys.length : (v as unknown[]).length;
  let inner = size > 0 ? '...' : '';
  if (depth > 0) {
    const entries = keys
      ? keys.slice(0, 4).map((k) => `${JSON.stringify(k)}:${sketch((v as Record<string, unknown>)[k], depth - 1)}`)
      : (v as unknown[]).slice(0, 4).map((x) => sketch(x, depth - 1));
    inner = `${entries.join(',')}${size > 4 ? ',...' : ''}`;
  }
  return Array.isArray(v) ? `[${inner}]` : `{${inner}}`;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    // A key that is empty, or not a plain word, is quoted: `{"": 0}` names the key "" (no blank).
    (acc, k) => {
      if (typeof k === 'number') return `${acc}[${k}]`;
      const key = /^[\w$-]+$/.test(String(k)) ? String(k) : JSON.stringify(String(k));
      return acc ? `${acc}.${key}` : key;
    },
    '',
  );
}

/** One validation problem: where, what was found, what is allowed. */
export interface ScenarioProblem {
  path: string;
  value: string;
  allowed: string;
  message: string;
}

/** Turn zod issues into problems that name the field, the value and what is allowed. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const parent = schemaAt(issue.path);
        const keys = parent ? Object.keys((defOf(unwrap(parent)) as unknown as { shape: object }).shape ?? {}) : [];
        out.push({
          path: pathText(path),
          value: show(valueAt(input, path)),
          allowed: `a known key (${keys.join(', ')})`,
          message: `${pathText(path)}: unknown key; allowed keys here: ${keys.join(', ')}`,
        });
      }
      continue;
    }
    const where = pathText(issue.path) || '(scenario)';
    const value = show(valueAt(input, issue.path));
    const isRule = issue.code === 'custom';
    const allowed = isRule ? issue.message : allowedText(schemaAt(issue.path));
    out.push({
      path: where,
      value,
      allowed,
      message: isRule ? `${where}: ${issue.message} (got ${value})` : `${where}: got ${value}; allowed: ${allowed}`,
    });
  }
  return out;
}

/** Thrown by {@link parseScenario}; `problems` lists every field that is wrong. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(problems: ScenarioProblem[], source?: string) {
    super(`${source ? `${source}: ` : ''}invalid scenario\n  ${problems.map((p) => p.message).join('\n  ')}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** Validate any input (a parsed JSON file, a URL's object) into a full scenario, or throw. */
export function parseScenario(input: unknown, source?: string): Scenario {
  const r = ScenarioSchema.safeParse(input === undefined ? {} : input);
  if (!r.success) throw new ScenarioError(dedupe(describeIssues(r.error.issues, input)), source);
  // A roster fixes the size; a different size written beside it is a contradiction, not a default.
  const raw = input as { group?: { size?: unknown }; members?: { roster?: unknown[] } };
  const given = raw?.group?.size;
  const roster = raw?.members?.roster;
  if (given !== undefined && Array.isArray(roster) && given !== roster.length) {
    throw new ScenarioError(
      [{ path: 'group.size', value: String(given), allowed: `${roster.length} (the roster's length) or nothing`, message: `group.size: got ${String(given)} but members.roster lists ${roster.length} members; give the roster's length or leave group.size out` }],
      source,
    );
  }
  return r.data;
}

function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
}

/** The default scenario: every parameter at its default. */
export function defaultScenario(): Scenario {
  return ScenarioSchema.parse({});
}

/** `kube-sim schema`: every scenario parameter with its path, unit, default, range and meaning. */
import { z } from 'zod';
import { allowedText, parameterTable, schemaAt } from '../model/index.ts';
import { parseFlags, UsageError } from './args.ts';

export const SCHEMA_HELP = `kube-sim schema [--json] [--lang en|id]
    Every scenario parameter: path, unit, default, allowed range and meaning.`;

export function schemaCommand(args: string[]): number {
  const { flags, positionals } = parseFlags(
    'schema',
    args,
    { json: { type: 'boolean' }, lang: { type: 'string' } },
    { json: z.boolean().optional(), lang: z.enum(['en', 'id'], { error: (i) => `--lang: got "${String(i.input)}"; allowed: en or id` }).optional() },
  );
  if (positionals.length) throw new UsageError(`schema: takes no scenario, got ${positionals.join(' ')}`);
  const lang = flags.lang ?? 'en';
  const rows = parameterTable().map((p) => ({
    path: p.path,
    unit: p.unit,
    // null, not a missing key, for a parameter without a default (the roster: generated if absent).
    default: p.default ?? null,
    allowed: allowedText(schemaAt(p.path.split('.'))),
    meaning: p.text[lang],
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
    ...(p.options ? { options: p.options } : {}),
  }));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ parameters: rows })}\n`);
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.path.length));
  for (const r of rows) {
    process.stdout.write(`${r.path.padEnd(w)}  ${r.meaning}\n${' '.repeat(w)}  unit ${r.unit}; default ${r.default === null ? 'none' : JSON.stringify(r.default)}; allowed: ${r.allowed}\n`);
  }
  return 0;
}

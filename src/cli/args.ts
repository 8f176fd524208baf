/**
 * Flags of the kube-sim commands: parsed by node:util's parseArgs, then validated by zod, so a
 * bad value exits with status 2 and a message naming the flag, the value and what is allowed.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** A flag value that is wrong: names the flag, the value and what is allowed. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A whole number in [min, max], given as text. */
export const wholeNumber = (flag: string, min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\s*-?\d+\s*$/.test(text) && Number.isSafeInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${flag}: got "${text}"; allowed: a whole number from ${min} to ${max}` });
    return z.NEVER;
  });

/** A path ending in one of the extensions. */
export const outPath = (flag: string, exts: string[]) =>
  z.string().refine((p) => exts.some((e) => p.toLowerCase().endsWith(e)), {
    error: (i) => `${flag}: got "${String(i.input)}"; allowed: a path ending in ${exts.join(' or ')}`,
  });

export const MAX_REPS = 10_000_000;
export const MAX_WORKERS = 64;

export const common = {
  seed: wholeNumber('--seed', 0, 4294967295).optional(),
  workers: wholeNumber('--workers', 0, MAX_WORKERS).optional(),
  reps: wholeNumber('--reps', 1, MAX_REPS).optional(),
  set: z.array(z.string()).default([]),
  roster: z.string().optional(),
  /** A plausible world of scenarios/worlds/model-v2.json (its constants replace the central world's). */
  world: wholeNumber('--world', 0, 1_000_000).optional(),
  /** Debug mode: the model's invariants checked every week (src/model/check.ts). */
  check: z.boolean().optional(),
};

const PLACEHOLDER: Record<string, string> = {
  seed: 'N', replication: 'N', reps: 'N', workers: 'N', samples: 'N', out: 'FILE', runs: 'FILE.csv', set: 'PATH=VALUE', roster: 'FILE.csv', world: 'K',
  vary: 'PATH=RANGE', shard: 'I/N', design: 'KIND', method: 'KIND', outcome: 'KEY', lang: 'en|id',
};

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

/** Parse a command's arguments: positionals and flags, checked by `schema`. */
export function parseFlags<T extends z.ZodRawShape>(
  command: string,
  args: string[],
  options: Record<string, OptionSpec>,
  shape: T,
): { flags: z.output<z.ZodObject<T>>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), allowPositionals: true, strict: true, options });
  } catch (e) {
    const names = Object.entries(options).map(([k, o]) => `--${k}${o.type === 'string' ? ` ${PLACEHOLDER[k] ?? 'VALUE'}` : ''}`);
    const err = e as Error & { code?: string };
    const flag = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
    const name = flag.replace(/^--?/, '');
    // node:util's own wording names Node's API; say it in the command's terms.
    const what =
      err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown flag ${flag}`
        : err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && options[name]?.type === 'string'
          ? `${flag} needs a value: ${flag} ${PLACEHOLDER[name] ?? 'VALUE'}`
          : err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? `${flag} takes no value`
            : err.message;
    throw new UsageError(`${command}: ${what}\n  flags of ${command}: ${names.join(', ')} (see kube-sim ${command} --help)`);
  }
  const r = z.object(shape).safeParse(parsed.values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join('\n'));
  return { flags: r.data, positionals: parsed.positionals };
}

/** `--seed -1` would read -1 as a flag; join a value flag with a following number-like value. */
function joinNegativeValues(args: string[], options: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : '';
    if (options[name]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

/** A benchmark's whole-number flag (`--reps 10000`), or its default; anything else stops it. */
export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

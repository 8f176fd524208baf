/**
 * "Did you mean ...?" for a misspelt parameter path (--set, --vary): the known paths nearest to
 * it, by edit distance ignoring case, or those it is the tail of (`visitsPerMonth`,
 * `mentoring.visitsPerMonth`). A path compares with each known path whole and with the known
 * path's tail of as many segments, so that a typo in a short path is not drowned by the prefix.
 */
export function nearestPaths(path: string, known: Iterable<string>, max = 3): string[] {
  const all = [...known];
  const p = path.toLowerCase();
  const tails = all.filter((k) => k.toLowerCase().endsWith(`.${p}`));
  if (tails.length) return tails.slice(0, max);
  const segments = p.split('.').length;
  let best = Infinity;
  let found: string[] = [];
  for (const k of all) {
    const lk = k.toLowerCase();
    const tail = lk.split('.').slice(-segments).join('.');
    const d = Math.min(editDistance(p, lk), editDistance(p, tail));
    if (d < best) [best, found] = [d, [k]];
    else if (d === best) found.push(k);
  }
  // Near enough to be a typo: about one edit in four characters, at least one.
  return best <= Math.max(1, Math.floor(p.length / 4)) ? found.slice(0, max) : [];
}

/** Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

// Word targets that add up exactly: largest-remainder apportionment, optionally in steps of 10 so a writer
// sees 1,220 rather than 1,224 (any rounding left over goes to the largest share).

/** Splits `total` into integers proportional to `weights`, summing exactly to `total`. */
export function apportion(total: number, weights: readonly number[], step = 1): number[] {
  const n = weights.length;
  if (n === 0) return [];
  total = Math.max(0, Math.round(total));
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? w.map((x) => x / sum) : w.map(() => 1 / n);
  const units = Math.floor(total / step);
  const exact = shares.map((s) => s * units);
  const out = exact.map(Math.floor);
  let left = units - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[byRemainder[k]![1]]! += 1;
  const result = out.map((u) => u * step);
  const rest = total - units * step;
  if (rest > 0) {
    const largest = result.indexOf(Math.max(...result));
    result[largest]! += rest;
  }
  return result;
}

function defaultStep(total: number, n: number): number {
  return total % 10 === 0 && total >= 100 * n ? 10 : 1;
}

/**
 * Gives every entry an integer `words` so they sum exactly to `total`, keeping the proportions the plan
 * asked for; entries without a target get the average of the others. A total ≤ 0 keeps the plan's own figures.
 */
export function normalizeTargets<T extends { words?: number | null }>(
  entries: readonly T[],
  total: number,
  opts: { step?: number } = {},
): (T & { words: number })[] {
  const known = entries.map((e) => e.words).filter((w): w is number => typeof w === 'number' && w > 0);
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weights = entries.map((e) => (typeof e.words === 'number' && e.words > 0 ? e.words : mean));
  if (!(total > 0)) {
    const fallback = known.length ? weights : weights.map(() => 0);
    return entries.map((e, i) => ({ ...e, words: Math.round(fallback[i]!) }));
  }
  const split = apportion(total, weights, opts.step ?? defaultStep(total, entries.length));
  return entries.map((e, i) => ({ ...e, words: split[i]! }));
}

/** The outline's split button: share the document total over its sections, by current targets or equally. */
export function splitTarget(total: number, currentTargets: readonly number[], how: 'proportional' | 'equal'): number[] {
  const n = currentTargets.length;
  if (how === 'equal') return apportion(total, currentTargets.map(() => 1), defaultStep(total, n));
  return normalizeTargets(currentTargets.map((w) => ({ words: w })), total).map((e) => e.words);
}

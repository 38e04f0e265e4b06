// Splitting the document target across sections. Integer targets that always sum exactly to the total:
// largest-remainder rounding, so no writer sees 9,999 when they asked for 10,000.

export type SplitMode = 'proportional' | 'equal';

export function splitTarget(total: number, current: readonly number[], mode: SplitMode): number[] {
  const n = current.length;
  if (n === 0) return [];
  const safeTotal = Math.max(0, Math.round(total));
  const weightsSum = current.reduce((a, b) => a + Math.max(0, b), 0);
  // Proportional falls back to equal when no section has a target yet: there is nothing to be proportional to.
  const weights = mode === 'equal' || weightsSum === 0 ? current.map(() => 1) : current.map((t) => Math.max(0, t));
  const wSum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (safeTotal * w) / wSum);
  const floors = exact.map(Math.floor);
  let rest = safeTotal - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i]! += 1;
    rest -= 1;
  }
  return floors;
}

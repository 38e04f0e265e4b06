// Linear-space Myers diff (the middle-snake bisection, as in diff-match-patch) over integer token ids.
// O((N+M)·D) time, O(N+M) space: a 3,000-word passage with a light edit diffs in a few milliseconds.

export const Op = { Equal: 0, Delete: 1, Insert: 2 } as const;
export type Op = (typeof Op)[keyof typeof Op];
/** A run of one operation over a[a0, a1) and b[b0, b1). */
export interface Edit { op: Op; a0: number; a1: number; b0: number; b1: number }

/** Work left, in diagonals examined. Counting work rather than reading a clock makes the result depend only on
 *  the input: a loaded machine gets the same hunks as an idle one, just later. */
export interface Budget { left: number }

/** Once the budget is spent a still-unresolved range becomes one delete + insert: coarser, never wrong. */
export function myersDiff(a: ArrayLike<number>, b: ArrayLike<number>, budget: Budget = { left: Infinity }): Edit[] {
  const out: Edit[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, out, budget);
  return coalesce(out);
}

function push(out: Edit[], op: Op, a0: number, a1: number, b0: number, b1: number): void {
  if (a1 > a0 || b1 > b0) out.push({ op, a0, a1, b0, b1 });
}

function diffRange(
  a: ArrayLike<number>, aLo: number, aHi: number, b: ArrayLike<number>, bLo: number, bHi: number,
  out: Edit[], budget: Budget,
): void {
  let p = 0;
  while (aLo + p < aHi && bLo + p < bHi && a[aLo + p] === b[bLo + p]) p++;
  push(out, Op.Equal, aLo, aLo + p, bLo, bLo + p);
  aLo += p; bLo += p;
  let s = 0;
  while (aHi - s > aLo && bHi - s > bLo && a[aHi - 1 - s] === b[bHi - 1 - s]) s++;
  const aEnd = aHi - s, bEnd = bHi - s;
  if (aLo === aEnd || bLo === bEnd) {
    push(out, Op.Delete, aLo, aEnd, bLo, bLo);
    push(out, Op.Insert, aEnd, aEnd, bLo, bEnd);
  } else {
    const split = bisect(a, aLo, aEnd, b, bLo, bEnd, budget);
    if (split) {
      diffRange(a, aLo, split[0], b, bLo, split[1], out, budget);
      diffRange(a, split[0], aEnd, b, split[1], bEnd, out, budget);
    } else {
      push(out, Op.Delete, aLo, aEnd, bLo, bLo);
      push(out, Op.Insert, aEnd, aEnd, bLo, bEnd);
    }
  }
  push(out, Op.Equal, aEnd, aHi, bEnd, bHi);
}

/** Finds the middle snake; returns the split point, or null when nothing is shared (or the budget ran out). */
function bisect(
  a: ArrayLike<number>, aLo: number, aHi: number, b: ArrayLike<number>, bLo: number, bHi: number, budget: Budget,
): [number, number] | null {
  const n = aHi - aLo, m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const off = maxD + 1, len = 2 * maxD + 3;
  const v1 = new Int32Array(len).fill(-1), v2 = new Int32Array(len).fill(-1);
  v1[off + 1] = 0; v2[off + 1] = 0;
  const delta = n - m;
  const front = (delta & 1) !== 0;
  let k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  for (let d = 0; d < maxD; d++) {
    budget.left -= 2 * d + 2;
    if (budget.left < 0) return null;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const i = off + k1;
      let x1 = k1 === -d || (k1 !== d && v1[i - 1]! < v1[i + 1]!) ? v1[i + 1]! : v1[i - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) { x1++; y1++; }
      v1[i] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const j = off + delta - k1;
        if (j >= 0 && j < len && v2[j] !== -1 && x1 >= n - v2[j]!) return [aLo + x1, bLo + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const i = off + k2;
      let x2 = k2 === -d || (k2 !== d && v2[i - 1]! < v2[i + 1]!) ? v2[i + 1]! : v2[i - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - 1 - x2] === b[bHi - 1 - y2]) { x2++; y2++; }
      v2[i] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const j = off + delta - k2;
        if (j >= 0 && j < len && v1[j] !== -1) {
          const x1 = v1[j]!, y1 = x1 - (j - off);
          if (x1 >= n - x2) return [aLo + x1, bLo + y1];
        }
      }
    }
  }
  return null;
}

/** Merges adjacent runs of the same operation (recursion splits them). */
function coalesce(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.op === e.op && last.a1 === e.a0 && last.b1 === e.b0) {
      last.a1 = e.a1; last.b1 = e.b1;
    } else out.push({ ...e });
  }
  return out;
}

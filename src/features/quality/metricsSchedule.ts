// When and in what pieces the metrics engine works (metricsEngine.ts). Pure: tested without timers or a worker.
// On a two-core machine the worker's pass over a whole book (counting, readability and 8-gram sets of 200k
// words, then the garbage those leave) takes a core for a few hundred milliseconds, and the main thread reads
// and hashes every section before it: run while the writer types, that delayed keystrokes by 50–130 ms.

/** Milliseconds still to wait for `quietMs` without input, the last input at `lastInput` (0: quiet already). */
export function quietWait(now: number, lastInput: number, quietMs: number): number {
  return Math.max(0, lastInput + quietMs - now);
}

/**
 * The inputs that carry text, in groups of at most `maxChars` characters (a larger text goes alone), in order:
 * the worker measures one group per message, so no single message holds a core for long.
 */
export function batchTexts<T extends { text?: string }>(inputs: readonly T[], maxChars: number): T[][] {
  const batches: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const input of inputs) {
    if (input.text === undefined) continue;
    if (cur.length && size + input.text.length > maxChars) { batches.push(cur); cur = []; size = 0; }
    cur.push(input);
    size += input.text.length;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

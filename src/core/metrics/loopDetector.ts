// Stops a stream that has fallen into a loop: the same tail of ≥ 48 characters three times in a row.
// The check runs on a bounded buffer with a Z-function over the reversed tail — O(buffer) per chunk, so
// a few microseconds per delta however long the section grows.

export interface LoopDetectorOptions {
  /** Shortest repeating unit that counts (shorter repeats are rhythm, not a loop). */
  minLength?: number;
  /** How many consecutive copies make a loop. */
  repeats?: number;
  /** Longest unit looked for; models loop on sentences and paragraphs, rarely on more. */
  maxLength?: number;
}

export interface LoopDetector {
  /** Appends a streamed chunk; true once the text has looped (stays true until reset). */
  push(chunk: string): boolean;
  /** Same, given the whole text so far (as `onDelta(text, full)` provides). */
  update(full: string): boolean;
  readonly looping: boolean;
  /** The repeated unit, once looping. */
  readonly unit: string | null;
  reset(): void;
}

export function createLoopDetector(options: LoopDetectorOptions = {}): LoopDetector {
  const minLength = options.minLength ?? 48, repeats = options.repeats ?? 3, maxLength = options.maxLength ?? 1500;
  const keep = maxLength * repeats;
  let buffer = '', seen = 0, unit: string | null = null;

  const push = (chunk: string): boolean => {
    if (unit !== null) return true;
    seen += chunk.length;
    buffer = (buffer + chunk).slice(-keep);
    if (buffer.length >= minLength * repeats) unit = findLoop(buffer, minLength, repeats);
    return unit !== null;
  };
  return {
    push,
    update(full) {
      // A restarted stream (shorter text) starts over rather than mixing two texts.
      if (full.length < seen) { buffer = ''; seen = 0; unit = null; }
      return push(full.slice(seen));
    },
    get looping() { return unit !== null; },
    get unit() { return unit; },
    reset() { buffer = ''; seen = 0; unit = null; },
  };
}

/** The shortest unit p ≥ minLength such that the text ends with `repeats` copies of it, or null. */
export function findLoop(text: string, minLength: number, repeats: number): string | null {
  const r = [...text].reverse().join('');
  const z = zFunction(r);
  for (let p = minLength; p * repeats <= r.length; p++) {
    if (z[p]! >= p * (repeats - 1) && isProse(r.slice(0, p))) return [...r.slice(0, p)].reverse().join('');
  }
  return null;
}

// A rule of dashes or a run of spaces repeats trivially; a loop worth stopping repeats words.
function isProse(unit: string): boolean {
  return /\p{L}{2,}/u.test(unit) && new Set(unit).size >= 6;
}

function zFunction(s: string): Int32Array {
  const n = s.length, z = new Int32Array(n);
  if (n) z[0] = n;
  for (let i = 1, l = 0, rr = 0; i < n; i++) {
    let k = i < rr ? Math.min(rr - i, z[i - l]) : 0;
    while (i + k < n && s[k] === s[i + k]) k++;
    z[i] = k;
    if (i + k > rr) { l = i; rr = i + k; }
  }
  return z;
}

// Overlap of every section with the rest of the document in one pass: each distinct 8-gram is counted once
// per section, so the cost is linear in the document, not quadratic in the number of sections.
import { ngrams, wordTokens } from './tokens';

export interface OverlapInput { id: string; grams: ReadonlySet<string> }
export interface OverlapResult {
  /** Distinct 8-grams of the section that also occur in another section. */
  shared: number;
  /** shared / distinct 8-grams of the section (0 without any). */
  ratio: number;
  /** Ids of the sections it shares 8-grams with, most shared first. */
  with: string[];
}

export function gramSet(text: string, n = 8): Set<string> {
  return new Set(ngrams(wordTokens(text), n));
}

export function documentOverlap(sections: readonly OverlapInput[]): Record<string, OverlapResult> {
  // gram → the sections holding it (most grams are held by one section: store that without an array).
  const owners = new Map<string, string | string[]>();
  for (const s of sections) {
    for (const g of s.grams) {
      const cur = owners.get(g);
      if (cur === undefined) owners.set(g, s.id);
      else if (typeof cur === 'string') { if (cur !== s.id) owners.set(g, [cur, s.id]); }
      else if (!cur.includes(s.id)) cur.push(s.id);
    }
  }
  const out: Record<string, OverlapResult> = {};
  for (const s of sections) {
    let shared = 0;
    const by = new Map<string, number>();
    for (const g of s.grams) {
      const o = owners.get(g);
      if (typeof o === 'string' || !o) continue;
      shared++;
      for (const id of o) if (id !== s.id) by.set(id, (by.get(id) ?? 0) + 1);
    }
    out[s.id] = {
      shared,
      ratio: s.grams.size ? shared / s.grams.size : 0,
      with: [...by.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
    };
  }
  return out;
}

/** Above this share of copied 8-grams a section repeats another one (quotes and refrains stay below). */
export const OVERLAP_FLAG = 0.05;

// Repetition measures from the long-output literature: seq-rep-n (Welleck et al. 2019) inside a section, and
// shared 8-grams across sections — long generations repeat themselves and re-tell earlier sections
// (HelloBench). 8 words in a row shared by chance is rare in prose, so shared 8-grams mean copied text.
import { ngrams, wordTokens } from './tokens';

/** seq-rep-n = 1 − unique n-grams / all n-grams, on lowercased words. 0 for text shorter than n words. */
export function seqRep(text: string, n = 4): number {
  const grams = ngrams(wordTokens(text), n);
  if (!grams.length) return 0;
  return 1 - new Set(grams).size / grams.length;
}

/** Above this a section reads as repetitive: 3,000-word slices of Moby-Dick and Pride and Prejudice
 *  measure 0.001–0.02; a model stuck in a loop goes far higher. */
export const SEQ_REP_4_FLAG = 0.1;

export interface OtherSection { id: string; text: string }
export interface SectionOverlap {
  /** Distinct n-grams of this section that also occur in at least one other section. */
  shared: number;
  /** shared / distinct n-grams of this section (0 when it has none). */
  ratio: number;
  /** Sections sharing n-grams with this one, most shared first. */
  sections: { id: string; shared: number }[];
}

export function sectionOverlap(text: string, others: readonly OtherSection[], n = 8): SectionOverlap {
  const mine = new Set(ngrams(wordTokens(text), n));
  const sharedAll = new Set<string>();
  const sections: { id: string; shared: number }[] = [];
  for (const other of others) {
    let shared = 0;
    for (const g of new Set(ngrams(wordTokens(other.text), n))) {
      if (mine.has(g)) { shared++; sharedAll.add(g); }
    }
    if (shared) sections.push({ id: other.id, shared });
  }
  sections.sort((a, b) => b.shared - a.shared);
  return { shared: sharedAll.size, ratio: mine.size ? sharedAll.size / mine.size : 0, sections };
}

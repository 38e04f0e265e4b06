// The word-count change a revision makes, as the review view shows it ("−42 words").
import { countWords, formatCount } from '../wordCount';

export function wordDelta(original: string, proposal: string): number {
  return countWords(proposal) - countWords(original);
}

/** "+3 words", "−42 words" (U+2212, the typographic minus), "±0 words". */
export function formatWordDelta(delta: number): string {
  const n = Math.round(delta);
  const unit = Math.abs(n) === 1 ? 'word' : 'words';
  if (n === 0) return `\u00b10 ${unit}`;
  return `${n > 0 ? '+' : '\u2212'}${formatCount(Math.abs(n))} ${unit}`;
}

// Lowercased word tokens for n-gram statistics. Straight and curly apostrophes are unified so "don't" and
// "don’t" are the same token; punctuation and Markdown marks are dropped.
const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;

export function wordTokens(text: string): string[] {
  return (text.toLowerCase().replace(/\u2019/g, "'").match(WORD) ?? []);
}

export function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

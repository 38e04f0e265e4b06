// English syllable estimate: vowel groups, minus silent endings, plus common two-vowel hiatus. Within about
// one syllable of a dictionary count per word, which is all the Flesch formulas need.

export function countSyllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  w = w
    .replace(/([^aeiouy])es$/, '$1') // makes, hopes ("wishes" loses one; rare enough)
    .replace(/([^aeiouytd])ed$/, '$1') // hoped, walked — but wanted, ended keep theirs
    .replace(/([^aeiouy]l)e$/, '$1A') // table, little: the final "le" is a syllable
    .replace(/e$/, '') // make, whale
    .replace(/^y/, '');
  let n = w.match(/[aeiouyA]+/g)?.length ?? 0;
  // Vowel pairs read as two syllables: being, seeing, radio, lion, area, idea (not -tion, -cial).
  n += w.match(/[aeiou]ing$|[^tcsxg]io|[^tcsg]ia|ea$/g)?.length ?? 0;
  return Math.max(1, n);
}

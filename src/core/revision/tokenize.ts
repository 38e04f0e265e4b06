// Diff tokens: a word (letters/digits, with inner apostrophes, hyphens and number separators), a run of
// whitespace, or any other single character. CJK ideographs and kana are one token each, since those
// scripts have no spaces and a whole sentence would otherwise be one "word".
const TOKEN =
  /\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+(?:['\u2019\-.,](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+)*|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

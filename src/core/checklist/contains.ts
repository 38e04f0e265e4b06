// The deterministic check: plain search for quoted phrases, ignoring case, runs of whitespace, curly versus
// straight apostrophes and Markdown emphasis marks — "**Pemberley**" still contains "Pemberley".
import type { CheckKind } from './parseItem';

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** True when the text satisfies a `contains` item. */
export function checkContains(item: Extract<CheckKind, { kind: 'contains' }>, text: string): boolean {
  const hay = normalizeForSearch(text);
  const found = item.phrases.map((p) => hay.includes(normalizeForSearch(p).trim()));
  return item.negated ? !found.some(Boolean) : found.every(Boolean);
}

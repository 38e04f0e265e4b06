// Accepting one suggestion: a pure step from the bible as it is to the bible with it, so the store can keep
// the previous array for undo. An update only adds (aliases, a progression) or replaces the description the
// writer is shown; an entry deleted meanwhile leaves the bible unchanged.
import { nameKey } from './json';
import type { BibleEntry, BibleSuggestion } from './types';

export function applySuggestion(entries: readonly BibleEntry[], s: BibleSuggestion, now: number, newId: () => string): BibleEntry[] {
  if (s.action === 'add') {
    const name = s.entry.name.trim();
    const entry: BibleEntry = {
      id: newId(), kind: s.entry.kind, name,
      aliases: dedupe(s.entry.aliases, [name]), description: s.entry.description.trim(),
      progressions: [], alwaysInclude: false, createdAt: now, updatedAt: now,
    };
    return [...entries, entry];
  }
  const at = entries.findIndex((e) => e.id === s.entryId);
  if (at < 0) return [...entries];
  const e = entries[at]!;
  const description = s.changes.description?.trim();
  const progression = s.changes.progression?.trim();
  const next: BibleEntry = {
    ...e,
    aliases: [...e.aliases, ...dedupe(s.changes.addAliases ?? [], [e.name, ...e.aliases])],
    description: description || e.description,
    progressions: progression ? [...e.progressions, { sectionId: s.sourceSectionId, text: progression }] : e.progressions,
    updatedAt: now,
  };
  return entries.map((x, i) => (i === at ? next : x));
}

/** `list` without blanks, repeats (any case) or anything in `taken`. */
function dedupe(list: readonly string[], taken: readonly string[]): string[] {
  const seen = new Set(taken.map(nameKey));
  const out: string[] = [];
  for (const raw of list) {
    const a = raw.replace(/\s+/g, ' ').trim();
    if (!a || seen.has(nameKey(a))) continue;
    seen.add(nameKey(a));
    out.push(a);
  }
  return out;
}

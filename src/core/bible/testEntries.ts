// Test fixture shared by the bible's unit tests and the bench (not imported by product code).
import type { BibleEntry, BibleKind } from './types';

export function entry(id: string, name: string, over: Partial<BibleEntry> = {}): BibleEntry {
  return {
    id, kind: 'character' as BibleKind, name, aliases: [], description: `${name} is in the story.`, progressions: [],
    alwaysInclude: false, createdAt: 0, updatedAt: 0, ...over,
  };
}

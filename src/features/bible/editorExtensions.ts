// The story bible's editor extension for every section editor: mentions underlined with the entry on hover.
// The entries come from the open document; the matcher is the core's (whole words, possessives, aliases).
import type { AnyExtension } from '@tiptap/core';
import { BibleMentions } from '../../editor/bibleMentions';
import { createMentionMatcher } from '../../core/bible/mentions';
import type { BibleEntry } from '../../core/bible/types';
import { useStore } from '../../app/store';

const NONE: readonly BibleEntry[] = [];

export function bibleExtensions(sectionId: string): AnyExtension[] {
  return [BibleMentions.configure({
    entries: () => useStore.getState().doc?.bible ?? NONE,
    matcher: (entries) => createMentionMatcher(entries),
    subscribe: (onChange) => useStore.subscribe((s, prev) => { if (s.doc?.bible !== prev.doc?.bible) onChange(); }),
    onCursorEntry: (entryId) => useStore.getState().setBibleCursor(sectionId, entryId),
  })];
}

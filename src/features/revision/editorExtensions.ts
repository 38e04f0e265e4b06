// Editor extensions the revision feature adds to every section editor (placeholder until the team fills it).
import type { AnyExtension } from '@tiptap/core';

export function revisionExtensions(_sectionId: string): AnyExtension[] {
  return [];
}

// Editor extensions the quality feature adds to every section editor (placeholder until the team fills it).
import type { AnyExtension } from '@tiptap/core';

export function qualityExtensions(_sectionId: string): AnyExtension[] {
  return [];
}

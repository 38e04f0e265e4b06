// Editor extensions the generation feature adds to every section editor (placeholder until the team fills it).
import type { AnyExtension } from '@tiptap/core';

export function generationExtensions(_sectionId: string): AnyExtension[] {
  return [];
}

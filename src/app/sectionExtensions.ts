// Every section editor's extensions: the shared schema plus what each feature adds. Features own their lists;
// the composition root puts them together, so src/editor never imports a feature.
import type { AnyExtension } from '@tiptap/core';
import { baseExtensions } from '../editor/extensions';
import { generationExtensions } from '../features/generation/editorExtensions';
import { revisionExtensions } from '../features/revision/editorExtensions';
import { qualityExtensions } from '../features/quality/editorExtensions';
import { bibleExtensions } from '../features/bible';

export function sectionExtensions(sectionId: string): AnyExtension[] {
  return [...baseExtensions(), ...generationExtensions(sectionId), ...revisionExtensions(sectionId), ...qualityExtensions(sectionId),
    ...bibleExtensions(sectionId)];
}

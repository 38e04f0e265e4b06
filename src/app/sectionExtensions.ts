// Every section editor's extensions: the shared schema plus what each feature adds. Features own their lists;
// the composition root puts them together, so src/editor never imports a feature.
import type { AnyExtension } from '@tiptap/core';
import { baseExtensions } from '../editor/extensions';
import { generationExtensions } from '../features/generation/editorExtensions';
import { revisionExtensions } from '../features/revision/editorExtensions';
import { qualityExtensions } from '../features/quality/editorExtensions';
import { bibleExtensions } from '../features/bible';
import { collabExtensions, type CollabSession } from '../features/collab';

/** `shared`: the section is bound to the shared document's fragment (no local history; see features/collab). */
export function sectionExtensions(sectionId: string, shared?: CollabSession | null): AnyExtension[] {
  const base = shared ? [...baseExtensions({ history: false }), ...collabExtensions(sectionId, shared)] : baseExtensions();
  return [...base, ...generationExtensions(sectionId), ...revisionExtensions(sectionId), ...qualityExtensions(sectionId),
    ...bibleExtensions(sectionId)];
}

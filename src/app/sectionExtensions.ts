// Every section editor's extensions: the shared schema plus what each feature adds. Features own their lists;
// the composition root puts them together, so src/editor never imports a feature.
import type { AnyExtension } from '@tiptap/core';
import { baseExtensions } from '../editor/extensions';
import { generationExtensions } from '../features/generation/editorExtensions';
import { revisionExtensions } from '../features/revision/editorExtensions';
import { qualityExtensions } from '../features/quality/editorExtensions';
import { bibleExtensions } from '../features/bible';
// Type only: the session (in the collab chunk, loaded with the first shared document) builds its own extensions,
// so the page's first load does not carry the sharing feature.
import type { CollabSession } from '../features/collab';

/** `shared`: the section is bound to the shared document's fragment (no local history; see features/collab). */
export function sectionExtensions(sectionId: string, shared?: CollabSession | null): AnyExtension[] {
  const base = shared ? [...baseExtensions({ history: false }), ...shared.editorExtensions(sectionId)] : baseExtensions();
  return [...base, ...generationExtensions(sectionId), ...revisionExtensions(sectionId), ...qualityExtensions(sectionId),
    ...bibleExtensions(sectionId)];
}

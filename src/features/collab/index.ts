// Sharing a document: the Share dialog, presence, sync status, the shared-section lock and the service that
// keeps a shared document's Y.Doc and the local store in step (see service.ts).
export { CollabBar, SectionLock, syncText } from './CollabBar';
export { createCollab, parseShareHash, type Collab } from './service';
export { createCollabSlice, type CollabSlice, type CollabView } from './slice';
export type { CollabSession } from './session';
import type { CollabSession as Session } from './session';
/** A shared section editor's extensions; the session (in the lazily loaded chunk) builds them. */
export const collabExtensions = (sectionId: string, session: Session) => session.editorExtensions(sectionId);

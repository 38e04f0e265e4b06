// A shared section's editor binds to the section's Y.XmlFragment (field = section id) with the Yjs undo
// manager (Ctrl+Z undoes only this user's edits) and shows collaborators' carets.
import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { CollabUndoStep } from '../../editor/collabUndo';
import type { CollabSession } from './session';

export function collabExtensions(sectionId: string, session: CollabSession): AnyExtension[] {
  return [
    Collaboration.configure({ document: session.ydoc, field: sectionId }),
    CollaborationCaret.configure({ provider: session.provider, user: session.user(), render: caret }),
    CollabUndoStep,
  ];
}

/** A collaborator's caret. The name is drawn by CSS (`attr(data-name)`), so it is not part of the section's
 * text: copying, counting and screen readers see only the words. */
function caret(user: { name?: string; color?: string }): HTMLElement {
  const el = document.createElement('span');
  el.className = 'collaboration-carets__caret';
  el.dataset.name = user.name ?? '';
  el.setAttribute('aria-hidden', 'true');
  el.style.borderColor = user.color ?? '#888';
  el.style.setProperty('--caret-colour', user.color ?? '#888');
  return el;
}

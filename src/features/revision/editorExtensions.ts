// What the revision feature adds to every section editor: the range lock for pending proposals. The keyboard
// shortcuts (the Revise menu, each preset) are commands: src/features/revision/commands.ts, run by the app's one
// shortcut handler.
import type { AnyExtension } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { RangeLock } from '../../editor/rangeLock';

// A lock exists only once a proposal was made, so the service is loaded by then; the import keeps it out of the page's first load.
const noteBlocked = () => { void import('./service').then((m) => m.noteBlocked()); };

/** Programmatic transactions (a generation stream, its commit, a take switch) are not the writer's keystrokes: they
 * pass, and the lock marks its passage stale so the proposal is not applied over changed text. */
export const allowThroughLock = (tr: Transaction) =>
  tr.getMeta('addToHistory') === false || tr.getMeta('longhand:origin') !== undefined || tr.getMeta('longhand:streaming') === true;

export function revisionExtensions(_sectionId: string): AnyExtension[] {
  return [
    RangeLock.configure({ className: 'revision-locked', allow: allowThroughLock, onBlocked: noteBlocked }),
  ];
}

// What the revision feature adds to every section editor: the range lock for pending proposals and the
// keyboard shortcuts (open the Revise menu, run a preset on the selection or the paragraph at the cursor).
import { Extension, type AnyExtension } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { RangeLock } from '../../editor/rangeLock';
import { CUSTOM_PRESET_ID, REVISE_MENU_SHORTCUT, REVISION_PRESETS } from '../../core/revision/presets';
import { useStore } from '../../app/store';
import { noteBlocked, proposeRevision } from './service';
import { commandRange } from './passage';

/** Programmatic transactions (a generation stream, its commit, a take switch) are not the writer's keystrokes: they
 * pass, and the lock marks its passage stale so the proposal is not applied over changed text. */
export const allowThroughLock = (tr: Transaction) =>
  tr.getMeta('addToHistory') === false || tr.getMeta('longhand:origin') !== undefined || tr.getMeta('longhand:streaming') === true;

export function revisionExtensions(sectionId: string): AnyExtension[] {
  return [
    RangeLock.configure({ className: 'revision-locked', allow: allowThroughLock, onBlocked: noteBlocked }),
    Extension.create({
      name: 'longhandRevisionKeys',
      addKeyboardShortcuts() {
        const keys: Record<string, () => boolean> = {
          [REVISE_MENU_SHORTCUT]: () => {
            useStore.getState().requestMenu(sectionId, this.editor.state.selection.empty ? 'section' : 'selection');
            return true;
          },
        };
        for (const p of REVISION_PRESETS) {
          if (!p.shortcut) continue;
          keys[p.shortcut] = () => {
            if (p.id === CUSTOM_PRESET_ID) {
              useStore.getState().requestMenu(sectionId, this.editor.state.selection.empty ? 'section' : 'selection', true);
              return true;
            }
            const range = commandRange(this.editor.state);
            if (range) void proposeRevision(sectionId, { instruction: p.instruction, label: p.label, range });
            return true;
          };
        }
        return keys;
      },
    }),
  ];
}

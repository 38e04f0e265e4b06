// In a shared section (Yjs undo manager instead of ProseMirror history), a generation or an accepted revision
// must still be one undo step of its own. The Yjs undo manager merges changes closer than its captureTimeout
// (500 ms) and ignores ProseMirror's closeHistory, so capturing is stopped right before such a transaction and
// again right after it: typing just before or just after never joins the generated text's undo step.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { ORIGIN_META } from './streaming';

const key = new PluginKey('longhandCollabUndoStep');

export const CollabUndoStep = Extension.create({
  name: 'collabUndoStep',
  addProseMirrorPlugins() {
    let after = false;
    const stop = (state: Parameters<typeof yUndoPluginKey.getState>[0]) => yUndoPluginKey.getState(state)?.undoManager?.stopCapturing();
    return [new Plugin({
      key,
      filterTransaction: (tr, state) => {
        if (tr.getMeta(ORIGIN_META) === 'generated' && tr.docChanged) { stop(state); after = true; }
        return true;
      },
      view: () => ({
        // Runs after the sync plugin has turned the transaction into a Yjs change (its plugin comes first).
        update: (view) => { if (after) { after = false; stop(view.state); } },
      }),
    })];
  },
});

// Pasted HTML is parsed by ProseMirror in a detached document, which keeps its handlers from running but not
// from being created: Chromium files a CSP (script-src-attr) report for every on* attribute it parses, even
// there. The HTML is defused before ProseMirror parses it and the marker is taken out of the pasted slice
// (see core/interchange/handlerAttrs.ts); links are then checked by LinkSafety as for any transaction.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Slice } from '@tiptap/pm/model';
import { HANDLER_MARK, neutralizeHandlerAttrs, restoreHandlerMarks } from '../core/interchange/handlerAttrs';

export const PasteSafety = Extension.create({
  name: 'pasteSafety',
  addProseMirrorPlugins() {
    // Set when this paste's HTML was marked: only then is the marker taken out (a plain-text paste keeps its text).
    let defused = false;
    return [new Plugin({
      key: new PluginKey('pasteSafety'),
      props: {
        transformPastedHTML(html) {
          const out = neutralizeHandlerAttrs(html);
          defused = out !== html;
          return out;
        },
        transformPasted(slice, view) {
          if (!defused) return slice;
          defused = false;
          // Text, node attributes and marks' attributes (a link's href) may all carry the marker.
          const json = slice.toJSON();
          return json && JSON.stringify(json).includes(HANDLER_MARK) ? Slice.fromJSON(view.state.schema, restoreHandlerMarks(json)) : slice;
        },
      },
    })];
  },
});

// Editor side of the link policy (src/core/interchange/linkSafety.ts): whatever transaction brings a link mark
// into a section (paste, drop, a command, a plugin), one with a script or data URL is removed before the state
// is saved, so the stored document never keeps it. Only the ranges a transaction touched are scanned.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { safeHref } from '../core/interchange/linkSafety';

export const LinkSafety = Extension.create({
  name: 'linkSafety',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('linkSafety'),
      appendTransaction(trs, _old, state) {
        const linkType = state.schema.marks.link;
        if (!linkType || !trs.some((t) => t.docChanged)) return null;
        // Changed ranges in the final document.
        const ranges: Array<[number, number]> = [];
        trs.forEach((t, i) => {
          if (!t.docChanged) return;
          t.mapping.maps.forEach((map, j) => map.forEach((_os, _oe, ns, ne) => {
            let from = ns; let to = ne;
            // Map through the rest of this transaction and the later ones.
            for (let k = j + 1; k < t.mapping.maps.length; k++) { from = t.mapping.maps[k]!.map(from, -1); to = t.mapping.maps[k]!.map(to, 1); }
            for (let n = i + 1; n < trs.length; n++) { from = trs[n]!.mapping.map(from, -1); to = trs[n]!.mapping.map(to, 1); }
            ranges.push([from, to]);
          }));
        });
        let tr = null as ReturnType<typeof state.tr.removeMark> | null;
        const size = state.doc.content.size;
        for (const [a, b] of ranges) {
          const from = Math.max(0, Math.min(a, size)); const to = Math.max(from, Math.min(b, size));
          state.doc.nodesBetween(from, to, (node, pos) => {
            if (!node.isText) return;
            for (const m of node.marks) {
              if (m.type === linkType && safeHref(m.attrs.href) === null) {
                tr ??= state.tr;
                tr.removeMark(pos, pos + node.nodeSize, m);
              }
            }
          });
        }
        return tr;
      },
    })];
  },
});

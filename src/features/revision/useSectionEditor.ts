// The mounted editor of a section, for components outside it (bubble menu, palette). Follows remounts: when
// the editor is destroyed, it waits for the next one.
import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { getEditor, whenEditor } from '../../editor/registry';

export function useSectionEditor(sectionId: string): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(() => getEditor(sectionId) ?? null);
  useEffect(() => {
    let live = true;
    let off = () => {};
    const attach = (e: Editor) => {
      if (!live) return;
      setEditor(e);
      const onDestroy = () => { off(); if (live) { setEditor(null); void whenEditor(sectionId).then(attach); } };
      e.on('destroy', onDestroy);
      off = () => e.off('destroy', onDestroy);
    };
    void whenEditor(sectionId).then(attach);
    return () => { live = false; off(); };
  }, [sectionId]);
  return editor;
}

// Mounted section editors by section id. Generation and revision reach a section's editor through here
// instead of through React, so streaming never re-renders the manuscript.
import type { Editor } from '@tiptap/core';

const editors = new Map<string, Editor>();
const waiters = new Map<string, Array<(e: Editor) => void>>();

export function registerEditor(sectionId: string, editor: Editor): () => void {
  editors.set(sectionId, editor);
  for (const resolve of waiters.get(sectionId) ?? []) resolve(editor);
  waiters.delete(sectionId);
  return () => { if (editors.get(sectionId) === editor) editors.delete(sectionId); };
}

export function getEditor(sectionId: string): Editor | undefined {
  const e = editors.get(sectionId);
  return e && !e.isDestroyed ? e : undefined;
}

/** Resolves once the section's editor is mounted (callers pin the section so it mounts). */
export function whenEditor(sectionId: string): Promise<Editor> {
  const e = getEditor(sectionId);
  if (e) return Promise.resolve(e);
  return new Promise((resolve) => waiters.set(sectionId, [...(waiters.get(sectionId) ?? []), resolve]));
}

export function allEditors(): ReadonlyMap<string, Editor> {
  return editors;
}

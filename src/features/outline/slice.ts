// Which sections are selected in the outline (for "Export the sections selected in the outline"). The selection
// belongs to one document: opening another shows none, and a deleted section simply drops out of it.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';

export interface OutlineSelection { docId: string | null; ids: readonly string[] }

export interface OutlineSlice {
  outlineSelection: OutlineSelection;
  toggleSectionSelected(docId: string, sectionId: string, selected: boolean): void;
  clearSectionSelection(): void;
}

export const createOutlineSlice: StateCreator<AppState, [], [], OutlineSlice> = (set, get) => ({
  outlineSelection: { docId: null, ids: [] },
  toggleSectionSelected(docId, sectionId, selected) {
    const cur = get().outlineSelection;
    const ids = cur.docId === docId ? cur.ids.filter((id) => id !== sectionId) : [];
    set({ outlineSelection: { docId, ids: selected ? [...ids, sectionId] : ids } });
  },
  clearSectionSelection: () => set({ outlineSelection: { docId: null, ids: [] } }),
});

/** The selected sections of the open document, in outline order (empty: none selected, export everything). */
export function selectedSectionIds(s: Pick<AppState, 'doc' | 'outlineSelection'>): string[] {
  const { doc, outlineSelection: sel } = s;
  if (!doc || sel.docId !== doc.id || !sel.ids.length) return [];
  const chosen = new Set(sel.ids);
  return doc.sectionIds.filter((id) => chosen.has(id));
}

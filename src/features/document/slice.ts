// The open document's outline and metadata: the one home of titles, briefs, targets, statuses and counts.
// Pure state transitions; persistence watches this state from outside (src/app/persistence.ts).
import type { StateCreator } from 'zustand';
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { insertAt, moveItem, removeItem } from '../../core/outline/ops';
import { splitTarget, type SplitMode } from '../../core/outline/splitTarget';
import { newId } from '../../core/ids';
import type { AppState } from '../../app/store';

export interface DeletedSection { section: SectionMeta; index: number }

export interface DocumentSlice {
  doc: DocumentMeta | null;
  sections: Record<string, SectionMeta>;
  /** The last deleted section, for Undo. */
  lastDeleted: DeletedSection | null;
  /** Bumped on every (re)open, so views remount with what storage holds and persistence skips the load. */
  openSeq: number;
  setOpenDocument(doc: DocumentMeta | null, sections: SectionMeta[]): void;
  updateDoc(patch: Partial<Pick<DocumentMeta, 'title' | 'brief' | 'targetWords' | 'checklist' | 'authorName' | 'contactLines' | 'manuscriptFont' | 'bible'>>): void;
  addSection(init?: Partial<SectionMeta>, index?: number): string;
  updateSection(id: string, patch: Partial<SectionMeta>): void;
  moveSection(from: number, to: number): void;
  deleteSection(id: string): void;
  undoDelete(): void;
  splitTargets(mode: SplitMode): void;
}

export function blankSection(docId: string, init: Partial<SectionMeta> = {}): SectionMeta {
  return {
    id: newId('s'), docId, title: '', brief: '', targetWords: 0, status: 'empty', wordCount: 0, summary: '',
    checklist: [], streaming: null, interrupted: false, updatedAt: Date.now(), ...init,
  };
}

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => ({
  doc: null,
  sections: {},
  lastDeleted: null,
  openSeq: 0,
  setOpenDocument(doc, sections) {
    set({ doc, sections: Object.fromEntries(sections.map((s) => [s.id, s])), lastDeleted: null, openSeq: get().openSeq + 1 });
  },
  updateDoc(patch) {
    const doc = get().doc;
    if (doc) set({ doc: { ...doc, ...patch } });
  },
  addSection(init = {}, index) {
    const doc = get().doc;
    if (!doc) return '';
    const section = blankSection(doc.id, init);
    const at = index ?? doc.sectionIds.length;
    set((s) => ({
      doc: { ...doc, sectionIds: insertAt(doc.sectionIds, at, section.id) },
      sections: { ...s.sections, [section.id]: section },
    }));
    return section.id;
  },
  updateSection(id, patch) {
    const cur = get().sections[id];
    if (!cur) return;
    const changed = (Object.keys(patch) as Array<keyof SectionMeta>).some((k) => cur[k] !== patch[k]);
    if (changed) set((s) => ({ sections: { ...s.sections, [id]: { ...cur, ...patch } } }));
  },
  moveSection(from, to) {
    const doc = get().doc;
    if (doc) set({ doc: { ...doc, sectionIds: moveItem(doc.sectionIds, from, to) } });
  },
  deleteSection(id) {
    const { doc, sections } = get();
    const section = sections[id];
    if (!doc || !section) return;
    const { list, index } = removeItem(doc.sectionIds, id);
    const rest = { ...sections };
    delete rest[id];
    set({ doc: { ...doc, sectionIds: list }, sections: rest, lastDeleted: { section, index } });
  },
  undoDelete() {
    const { doc, lastDeleted } = get();
    if (!doc || !lastDeleted) return;
    const { section, index } = lastDeleted;
    set((s) => ({
      doc: { ...doc, sectionIds: insertAt(doc.sectionIds, index, section.id) },
      sections: { ...s.sections, [section.id]: section },
      lastDeleted: null,
    }));
  },
  splitTargets(mode) {
    const { doc, sections } = get();
    if (!doc) return;
    const targets = splitTarget(doc.targetWords, doc.sectionIds.map((id) => sections[id]?.targetWords ?? 0), mode);
    const next = { ...sections };
    doc.sectionIds.forEach((id, i) => { if (next[id]) next[id] = { ...next[id]!, targetWords: targets[i]! }; });
    set({ sections: next });
  },
});

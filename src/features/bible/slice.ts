// Story bible state that is not document data: per section, the suggestions an extraction proposed (waiting for
// the writer to accept or reject each one), the contradictions the last consistency check found, what is running
// and the last outcome. Entries themselves are document data (DocumentMeta.bible) and change through updateDoc.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import type { BibleContradiction, BibleSuggestion } from '../../core/bible/types';

export type BibleJob = 'extract' | 'check';

export interface BibleSlice {
  bibleSuggestions: Record<string, BibleSuggestion[] | undefined>;
  bibleContradictions: Record<string, BibleContradiction[] | undefined>;
  /** Running jobs, keyed `${job}:${sectionId}`. */
  bibleJobs: Record<string, true>;
  bibleMessages: Record<string, { text: string; tone: 'info' | 'error' } | undefined>;
  /** The mention the cursor is in (shown under that section: keyboard users' hover). */
  bibleCursor: { sectionId: string; entryId: string } | null;
  setBibleCursor(sectionId: string, entryId: string | null): void;
  setBibleSuggestions(sectionId: string, list: BibleSuggestion[]): void;
  setBibleContradictions(sectionId: string, list: BibleContradiction[] | null): void;
  setBibleJob(sectionId: string, job: BibleJob, running: boolean): void;
  setBibleMessage(sectionId: string, text: string | null, tone?: 'info' | 'error'): void;
}

export const createBibleSlice: StateCreator<AppState, [], [], BibleSlice> = (set, get) => ({
  bibleSuggestions: {},
  bibleContradictions: {},
  bibleJobs: {},
  bibleMessages: {},
  bibleCursor: null,
  setBibleCursor(sectionId, entryId) {
    const cur = get().bibleCursor;
    if (entryId) { if (cur?.sectionId !== sectionId || cur.entryId !== entryId) set({ bibleCursor: { sectionId, entryId } }); }
    else if (cur?.sectionId === sectionId) set({ bibleCursor: null });
  },
  setBibleSuggestions(sectionId, list) {
    const next = { ...get().bibleSuggestions };
    if (list.length) next[sectionId] = list; else delete next[sectionId];
    set({ bibleSuggestions: next });
  },
  setBibleContradictions(sectionId, list) {
    const next = { ...get().bibleContradictions };
    if (list) next[sectionId] = list; else delete next[sectionId];
    set({ bibleContradictions: next });
  },
  setBibleJob(sectionId, job, running) {
    const jobs = { ...get().bibleJobs };
    if (running) jobs[`${job}:${sectionId}`] = true; else delete jobs[`${job}:${sectionId}`];
    set({ bibleJobs: jobs });
  },
  setBibleMessage(sectionId, text, tone = 'info') {
    const next = { ...get().bibleMessages };
    if (text) next[sectionId] = { text, tone }; else delete next[sectionId];
    set({ bibleMessages: next });
  },
});

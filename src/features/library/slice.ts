// The library: every document's title, count and last edit, as listed from storage.
import type { StateCreator } from 'zustand';
import type { DocumentMeta } from '../../core/model';
import type { AppState } from '../../app/store';

export type LibraryEntry = Pick<DocumentMeta, 'id' | 'title' | 'wordCount' | 'updatedAt' | 'targetWords'>;

export interface LibrarySlice {
  library: LibraryEntry[];
  /** Documents deleted in this session that Undo can still bring back. */
  lastDeletedDoc: LibraryEntry | null;
  setLibrary(entries: LibraryEntry[]): void;
  setLastDeletedDoc(entry: LibraryEntry | null): void;
}

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set) => ({
  library: [],
  lastDeletedDoc: null,
  setLibrary: (library) => set({ library: [...library].sort((a, b) => b.updatedAt - a.updatedAt) }),
  setLastDeletedDoc: (lastDeletedDoc) => set({ lastDeletedDoc }),
});

// One store, one slice per feature. Each feature owns its slice file; this file only combines them.
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from '../features/document/slice';
import { createLibrarySlice, type LibrarySlice } from '../features/library/slice';
import { createManuscriptSlice, type ManuscriptSlice } from '../features/section/slice';
import { createStatusSlice, type StatusSlice } from './statusSlice';

export type AppState = DocumentSlice & LibrarySlice & ManuscriptSlice & StatusSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createLibrarySlice(...a),
  ...createManuscriptSlice(...a),
  ...createStatusSlice(...a),
}));

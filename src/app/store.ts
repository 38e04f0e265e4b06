// One store, one slice per feature. Each feature owns its slice file; this file only combines them.
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from '../features/document/slice';
import { createLibrarySlice, type LibrarySlice } from '../features/library/slice';
import { createManuscriptSlice, type ManuscriptSlice } from '../features/section/slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/slice';
import { createGenerationSlice, type GenerationSlice } from '../features/generation/slice';
import { createRevisionSlice, type RevisionSlice } from '../features/revision/slice';
import { createQualitySlice, type QualitySlice } from '../features/quality/slice';
import { createBibleSlice, type BibleSlice } from '../features/bible/slice';
import { createOutlineSlice, type OutlineSlice } from '../features/outline/slice';
import { createStatusSlice, type StatusSlice } from './statusSlice';
import { createCollabSlice, type CollabSlice } from '../features/collab/slice';

export type AppState = DocumentSlice & LibrarySlice & ManuscriptSlice & StatusSlice & SettingsSlice
  & GenerationSlice & RevisionSlice & QualitySlice & BibleSlice & OutlineSlice & CollabSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createLibrarySlice(...a),
  ...createManuscriptSlice(...a),
  ...createStatusSlice(...a),
  ...createSettingsSlice(...a),
  ...createGenerationSlice(...a),
  ...createRevisionSlice(...a),
  ...createQualitySlice(...a),
  ...createBibleSlice(...a),
  ...createOutlineSlice(...a),
  ...createCollabSlice(...a),
}));

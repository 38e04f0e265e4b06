// Placeholder slice: the revision team fills it in (state for this feature only).
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RevisionSlice {}

export const createRevisionSlice: StateCreator<AppState, [], [], RevisionSlice> = () => ({});

// Placeholder slice: the generation team fills it in (state for this feature only).
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GenerationSlice {}

export const createGenerationSlice: StateCreator<AppState, [], [], GenerationSlice> = () => ({});

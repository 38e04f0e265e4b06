// The writer's chosen provider and model. Remembered across reloads (localStorage: a UI preference, not
// document data). Services read it with getSelectedModel(); components with useStore.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';

export interface ModelChoice { provider: string; model: string }

export interface SettingsSlice {
  selectedModel: ModelChoice | null;
  selectModel(choice: ModelChoice | null): void;
  /** The Settings dialog is open (its button or the command palette opened it). */
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
}

const KEY = 'longhand.model';

function readSaved(): ModelChoice | null {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    return v && typeof v.provider === 'string' && typeof v.model === 'string' ? v : null;
  } catch { return null; }
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  selectedModel: readSaved(),
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  selectModel(choice) {
    try { globalThis.localStorage?.setItem(KEY, JSON.stringify(choice)); } catch { /* private mode: keep in memory */ }
    set({ selectedModel: choice });
  },
});

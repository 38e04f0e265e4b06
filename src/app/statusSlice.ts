// App-wide messages: save state and notices (with an optional Undo).
import type { StateCreator } from 'zustand';
import type { SaveState } from '../storage/saver';
import type { AppState } from './store';

export interface Notice { id: number; text: string; tone: 'info' | 'error'; undo?: () => void }

export interface StatusSlice {
  saveState: SaveState;
  notices: Notice[];
  setSaveState(s: SaveState): void;
  notify(text: string, opts?: { tone?: Notice['tone']; undo?: () => void }): number;
  dismiss(id: number): void;
}

let seq = 0;
export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set, get) => ({
  saveState: { kind: 'idle' },
  notices: [],
  setSaveState: (saveState) => set({ saveState }),
  notify(text, opts = {}) {
    const id = ++seq;
    set({ notices: [...get().notices.slice(-3), { id, text, tone: opts.tone ?? 'info', undo: opts.undo }] });
    return id;
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});

// App-wide messages: save state and notices (with an optional Undo).
import type { StateCreator } from 'zustand';
import type { SaveState } from '../storage/saver';
import type { AppState } from './store';

export interface Notice { id: number; text: string; tone: 'info' | 'error'; undo?: () => void }

export interface StatusSlice {
  saveState: SaveState;
  notices: Notice[];
  /** The last notice id handed out (ids are never reused, so a late dismiss cannot close a newer notice). */
  noticeSeq: number;
  setSaveState(s: SaveState): void;
  /** `once`: if the same text is already shown, it stays as it is (a message provoked by every keystroke
   * would otherwise fill the list); its id is returned. */
  notify(text: string, opts?: { tone?: Notice['tone']; undo?: () => void; once?: boolean }): number;
  dismiss(id: number): void;
}

export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set, get) => ({
  saveState: { kind: 'idle' },
  notices: [],
  noticeSeq: 0,
  setSaveState: (saveState) => set({ saveState }),
  notify(text, opts = {}) {
    const shown = opts.once ? get().notices.find((n) => n.text === text) : undefined;
    if (shown) return shown.id;
    const id = get().noticeSeq + 1;
    set({ noticeSeq: id, notices: [...get().notices.slice(-3), { id, text, tone: opts.tone ?? 'info', undo: opts.undo }] });
    return id;
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});

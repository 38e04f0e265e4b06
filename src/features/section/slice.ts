// Manuscript UI state: which section has focus, which are pinned mounted (streaming, under revision,
// focused), and whether this tab may edit.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import { readOnlyReasonOf } from '../../app/readOnly';

export interface ManuscriptSlice {
  focusedSectionId: string | null;
  /** Reasons a section must stay mounted even off-screen, by section id. */
  pins: Record<string, string[]>;
  /** Why the manuscript is read-only, or null; what every feature checks. Derived, never written directly:
   *  the tab lock's reason, else a read-only share link's (src/app/readOnly.ts). */
  readOnlyReason: string | null;
  /** Set while another tab edits this document (src/app/workspace.ts, the tab lock): this tab must not write. */
  tabLockReason: string | null;
  /** Request to scroll to and focus a section (consumed by the manuscript). */
  jumpTo: { id: string; seq: number; target: JumpTarget } | null;
  /** The page's first section is up and takes keystrokes: what it did not need (panels, the section's feature
   *  controls, the model picker…) may load now. Set once per page by the app. */
  restReady: boolean;
  setRestReady(): void;
  setFocused(id: string | null): void;
  pin(id: string, reason: string): void;
  unpin(id: string, reason: string): void;
  /** The tab lock's reason (null: this tab holds the document); readOnlyReason follows (see above). */
  setReadOnly(reason: string | null): void;
  /** Scrolls to a section and focuses its text, or its title (a new section is named first). */
  jump(id: string, target?: JumpTarget): void;
}

export type JumpTarget = 'text' | 'title';

export const createManuscriptSlice: StateCreator<AppState, [], [], ManuscriptSlice> = (set, get) => ({
  focusedSectionId: null,
  pins: {},
  readOnlyReason: null,
  tabLockReason: null,
  jumpTo: null,
  restReady: false,
  setRestReady: () => { if (!get().restReady) set({ restReady: true }); },
  setFocused: (focusedSectionId) => { if (get().focusedSectionId !== focusedSectionId) set({ focusedSectionId }); },
  pin(id, reason) {
    const cur = get().pins[id] ?? [];
    if (!cur.includes(reason)) set({ pins: { ...get().pins, [id]: [...cur, reason] } });
  },
  unpin(id, reason) {
    const cur = get().pins[id];
    if (!cur?.includes(reason)) return;
    const next = { ...get().pins, [id]: cur.filter((r) => r !== reason) };
    if (!next[id]!.length) delete next[id];
    set({ pins: next });
  },
  setReadOnly: (tabLockReason) => set({ tabLockReason, readOnlyReason: readOnlyReasonOf(tabLockReason, get().collab) }),
  jump: (id, target = 'text') => set({ jumpTo: { id, seq: (get().jumpTo?.seq ?? 0) + 1, target } }),
});

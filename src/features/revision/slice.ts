// Revision UI state: the proposal pending in each section (at most one per section; several sections can
// have one at once), requests to open the Revise menu or the command palette, and recent custom instructions.
// The locked range itself lives in the section's editor (src/editor/rangeLock.ts), where positions are mapped.
import type { RevisionRequestInput } from '../../core/revision/prompt';
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import { rememberCustom } from '../../core/revision/customInstructions';

export type ProposalPhase = 'streaming' | 'ready' | 'failed' | 'stopped';
export type RevisionScope = 'selection' | 'section';

export interface Proposal {
  id: string;
  sectionId: string;
  /** What the writer chose ("Simplify", or the custom instruction). */
  label: string;
  instruction: string;
  scope: RevisionScope;
  /** Markdown of the locked passage when the proposal was requested. */
  original: string;
  /** The cleaned proposal so far (Markdown). */
  text: string;
  phase: ProposalPhase;
  /** Why a proposal is incomplete or could not be applied. */
  message?: string;
  /** Ids of diff hunks the writer turned down (the rest are accepted). */
  rejected: string[];
  auto: boolean;
  attempt: number;
  /** The request inputs, kept for Retry (the passage is locked, so they stay valid). */
  input?: RevisionRequestInput;
}

export interface MenuRequest { sectionId: string; scope: RevisionScope; custom: boolean; seq: number }

export interface RevisionSlice {
  /** By section id. */
  proposals: Record<string, Proposal>;
  menuRequest: MenuRequest | null;
  paletteOpen: boolean;
  recentCustom: string[];
  putProposal(p: Proposal): void;
  patchProposal(sectionId: string, id: string, patch: Partial<Proposal>): void;
  dropProposal(sectionId: string, id: string): void;
  toggleHunk(sectionId: string, hunkId: string): void;
  requestMenu(sectionId: string, scope: RevisionScope, custom?: boolean): void;
  clearMenuRequest(): void;
  setPaletteOpen(open: boolean): void;
  rememberCustomInstruction(text: string): void;
}

const RECENT_KEY = 'longhand.revision.recentCustom';

function readRecent(): string[] {
  try {
    const v: unknown = JSON.parse(globalThis.localStorage?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch { return []; }
}

export const createRevisionSlice: StateCreator<AppState, [], [], RevisionSlice> = (set, get) => ({
  proposals: {},
  menuRequest: null,
  paletteOpen: false,
  recentCustom: readRecent(),
  putProposal: (p) => set({ proposals: { ...get().proposals, [p.sectionId]: p } }),
  patchProposal(sectionId, id, patch) {
    const cur = get().proposals[sectionId];
    if (cur?.id === id) set({ proposals: { ...get().proposals, [sectionId]: { ...cur, ...patch } } });
  },
  dropProposal(sectionId, id) {
    if (get().proposals[sectionId]?.id !== id) return;
    const next = { ...get().proposals };
    delete next[sectionId];
    set({ proposals: next });
  },
  toggleHunk(sectionId, hunkId) {
    const cur = get().proposals[sectionId];
    if (!cur) return;
    const rejected = cur.rejected.includes(hunkId) ? cur.rejected.filter((h) => h !== hunkId) : [...cur.rejected, hunkId];
    set({ proposals: { ...get().proposals, [sectionId]: { ...cur, rejected } } });
  },
  requestMenu: (sectionId, scope, custom = false) =>
    set({ menuRequest: { sectionId, scope, custom, seq: (get().menuRequest?.seq ?? 0) + 1 } }),
  clearMenuRequest: () => set({ menuRequest: null }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  rememberCustomInstruction(text) {
    const recentCustom = rememberCustom(get().recentCustom, text);
    try { globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(recentCustom)); } catch { /* private mode */ }
    set({ recentCustom });
  },
});

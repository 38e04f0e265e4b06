// What the page shows about the open document's sharing: the live session (its Y.Doc and provider), whether
// editors may bind to it yet, who is here, which sections a collaborator is generating, and the sync state.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import { readOnlyReasonOf } from '../../app/readOnly';
import type { CollabSession } from './session';
import type { RemoteJob } from './jobs';

export interface Peer { clientId: number; name: string; color: string; self: boolean }

export type SyncState =
  | { kind: 'connecting' }
  | { kind: 'synced' }
  | { kind: 'syncing'; waiting: number }
  | { kind: 'offline'; waiting: number }
  | { kind: 'refused'; message: string };

export interface CollabView {
  docId: string;
  secret: string;
  /** Opened with a read-only link (the server's scope 'readonly', or the share record's for an offline open). */
  readOnly: boolean;
  session: CollabSession;
  /** The Y.Doc holds the browser's saved state (or the seed): editors may bind to its fragments. */
  ready: boolean;
  peers: Peer[];
  /** Section id → the collaborator generating it (never this browser: its own streams lock it already). */
  locks: Record<string, string>;
  /** A collaborator's Write all or Plan outline (never this browser's own): see jobs.ts. */
  job: RemoteJob | null;
  sync: SyncState;
  /** This browser's copy of the Y.Doc (y-indexeddb) has not stored every update yet. */
  localSaving: boolean;
  /** The browser refused to store an update in that copy (storage full…): shown as a save error until a retry of
   * the whole state is stored. Absent means none. */
  localSaveError?: LocalSaveError | null;
}

/** This browser's link no longer opens `docId` (sharing stopped, the link replaced, …): stopping sharing here
 *  only makes it an ordinary document again, and a collaborator may do that too. */
export const cutOffFrom = (collab: CollabView | null | undefined, docId: string | undefined): boolean =>
  !!collab && collab.docId === docId && collab.sync.kind === 'refused';

export interface LocalSaveError { message: string; retryInMs: number }

export interface CollabSlice {
  collab: CollabView | null;
  /** A share link that could not be opened (wrong or revoked secret): shown instead of any document text. */
  collabError: string | null;
  setCollab(collab: CollabView | null): void;
  patchCollab(docId: string, patch: Partial<Omit<CollabView, 'docId' | 'session'>>): void;
  setCollabError(message: string | null): void;
}

export const createCollabSlice: StateCreator<AppState, [], [], CollabSlice> = (set, get) => ({
  collab: null,
  collabError: null,
  // readOnlyReason follows the session (a read-only link), after the tab lock: src/app/readOnly.ts.
  setCollab: (collab) => set({ collab, readOnlyReason: readOnlyReasonOf(get().tabLockReason, collab) }),
  patchCollab(docId, patch) {
    const cur = get().collab;
    if (!cur || cur.docId !== docId) return;
    const collab = { ...cur, ...patch };
    set({ collab, readOnlyReason: readOnlyReasonOf(get().tabLockReason, collab) });
  },
  setCollabError: (collabError) => set({ collabError }),
});

// One shared document's live connection: its Y.Doc, the copy of it in this browser (y-indexeddb, so edits made
// offline survive a reload) and the Hocuspocus provider to the app's own /collab socket (see README, "Sync
// server contract"). Everything the page shows about it is reported through `onState`.
import * as Y from 'yjs';
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import {
  COLLAB_CLOSE, COLLAB_OUTLINE_MAP, COLLAB_PATH, READ_ONLY_SCOPE, START_LEASE_TYPE, readStartLeaseAnswer,
  type StartJobKind, type StartLeaseHolder, type StartLeaseRequest,
} from '../../shared/collab';
import { authToken } from '../../shared/generateClient';
import type { AnyExtension } from '@tiptap/core';
import type { LocalSaveError, SyncState } from './slice';
import type { SaveState } from '../../storage/saver';
import { collabExtensions } from './editorExtensions';
import { trackLocalSaves } from './localSaves';
import { echoedClock } from './claim';
import { readOutline, sectionIdsOf } from './outline';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { sectionsWithMissingText } from './earlierCopy';
import { copyLockName } from './sweep';
import type { RichDoc } from '../../core/model';

export interface CollabSession {
  readonly docId: string;
  readonly ydoc: Y.Doc;
  readonly outline: Y.Map<unknown>;
  readonly provider: HocuspocusProvider;
  /** Resolves once this browser's saved Y state is loaded into the Y.Doc. */
  readonly local: Promise<void>;
  /** Resolves true at the first sync with the server, false if the server refused the secret. */
  readonly firstSync: Promise<boolean>;
  /** What the server granted this secret at the last authentication: true for a read-only link, null before any. */
  readOnly(): boolean | null;
  sync(): SyncState;
  /** Some update of the Y.Doc is not yet stored in this browser's copy (y-indexeddb). */
  savingLocally(): boolean;
  /** Resolves once this browser's copy holds every update made so far (not while a refused write is retried). */
  whenSavedLocally(): Promise<void>;
  /** Why this browser's copy could not store an update (retried), or null. */
  localSaveError(): LocalSaveError | null;
  /** This browser's name and caret colour as collaborators see them. */
  user(): { name: string; color: string };
  /** Renames this browser for collaborators; holds against stale writes of the `user` field (see below). */
  setUser(user: { name: string; color: string }): void;
  destroy(): void;
  /** Deletes this browser's saved Y state (after "Stop sharing"). */
  clearLocal(): Promise<void>;
  /** A section editor's binding to its fragment (built here, so Yjs stays in the lazily loaded chunk). */
  editorExtensions(sectionId: string): AnyExtension[];
  /**
   * Takes the server's start lease for `lease`, then publishes `job` (awareness field `job`) as this browser's
   * claim and resolves once the server has echoed it back, with every awareness state this browser holds at that
   * moment (see jobs.ts, "Starting a job"). `held` when another browser holds the lease. Null when the socket is
   * not connected and synced, goes before an answer, or the server could not check: nothing is known.
   */
  claimJob(job: unknown, lease: { kind: StartJobKind; by: string }): Promise<ClaimOutcome | null>;
  /** Gives the start lease back (the job ended, or the claim was withdrawn), so a new start need not wait for it to expire. */
  releaseStart(): void;
}

export type ClaimOutcome = { held: StartLeaseHolder } | { states: Map<number, Record<string, unknown>> };

/** A bound, not a wait: the lease answer and the echo of a claim take one round trip each; a server that never
 * answers must not leave the writer's click hanging. */
const CLAIM_ECHO_TIMEOUT_MS = 10_000;

export interface SessionOptions {
  docId: string;
  secret: string;
  /** IndexedDB name of this share's Y state: a new share must not inherit a revoked one's. */
  storeName: string;
  user: { name: string; color: string };
  onState: (sync: SyncState) => void;
  /** Whether this browser's copy is behind the Y.Doc, or refused a write, changed (see localSaves.ts). */
  onLocalSave: (saving: boolean, error: LocalSaveError | null) => void;
  onAwareness: () => void;
  /** The server authenticated the secret: read-only (a read-only link) or not. */
  onScope?: (readOnly: boolean) => void;
}

const refusalText: Record<string, string> = {
  [COLLAB_CLOSE.shareInvalid.reason]: 'This share link is not valid: the secret is wrong, or sharing was stopped.',
  [COLLAB_CLOSE.shareRevoked.reason]: 'Sharing of this document was stopped by its owner.',
  [COLLAB_CLOSE.badDocumentName.reason]: 'This share link does not name a document.',
  [COLLAB_CLOSE.documentTooLarge.reason]: 'The shared document is over the server\'s size limit; new changes stay in this browser.',
};
const ROTATED_TEXT = 'The owner replaced the link to this document. Open the new link they send you: your changes are kept in this browser and go to the others then.';
const LAPSED_TEXT = 'This link no longer opens the document: its owner replaced the link or stopped sharing. Your changes are kept in this browser; if they send you a new link, open it and your changes go to the others.';
const permanentCodes = new Set<number>(Object.values(COLLAB_CLOSE).filter((c) => c.permanent).map((c) => c.code));

const errorOf = (s: SaveState): LocalSaveError | null => (s.kind === 'error' ? { message: s.message, retryInMs: s.retryInMs } : null);

export function collabUrl(): string {
  const token = authToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${COLLAB_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function createSession(opts: SessionOptions): CollabSession {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(opts.storeName, ydoc);
  // While this session has its copy open, the sweep of orphaned copies (in any tab) leaves it alone.
  const inUse = holdCopy(opts.storeName);
  let savedWaiters: Array<() => void> = [];
  const localSaves = trackLocalSaves(ydoc, persistence, (s) => {
    opts.onLocalSave(s.kind === 'saving', errorOf(s));
    if (s.kind === 'idle') { const ready = savedWaiters; savedWaiters = []; ready.forEach((f) => f()); }
  });
  let refused: string | null = null;
  let rotated = false;
  let everSynced = false;
  // Synced with this secret once in this page, or a copy saved in this browser (from an earlier page): either way
  // the secret was good before.
  const hadDocument = () => everSynced || ydoc.store.clients.size > 0;
  let built = false;
  let connected = false;
  // False between the browser's offline and online events. `disconnect()` closes the socket, but a socket cut by
  // the network may report its close only after the browser is back online; the provider's connect() ignores a
  // call while the old socket still counts as connected, and would then never reconnect (seen in the offline
  // e2e: one browser stayed "Offline — 28 changes waiting"). So the close itself reconnects, when wanted.
  let wantOnline = true;
  function reconnect(): void {
    // `built`: the provider reports statuses while it is being constructed, before `provider` is assigned.
    if (!built || refused || !wantOnline) return;
    const ws = provider.configuration.websocketProvider;
    if (ws.status === WebSocketStatus.Connected) return;
    void ws.connect();
  }
  let readOnly: boolean | null = null;
  let resolveSync: (ok: boolean) => void = () => {};
  const firstSync = new Promise<boolean>((ok) => { resolveSync = ok; });
  const provider = new HocuspocusProvider({
    url: collabUrl(),
    name: opts.docId,
    document: ydoc,
    token: opts.secret,
    // The server decides what the secret allows (README, "Sync server contract"): 'readonly' or 'read-write'.
    onAuthenticated: ({ scope }) => {
      readOnly = scope === READ_ONLY_SCOPE;
      opts.onScope?.(readOnly);
    },
    onAuthenticationFailed: ({ reason }) => refuse(reason !== COLLAB_CLOSE.shareInvalid.reason
      ? refusalText[reason] ?? `The server refused this document (${reason}).`
      // The secret worked before (this browser holds the document): it was replaced or sharing stopped meanwhile.
      : () => (rotated ? ROTATED_TEXT : hadDocument() ? LAPSED_TEXT : refusalText[reason]!)),
    onClose: ({ event }) => {
      // Closed for a new secret: the reconnect with this one is then refused, and that refusal should say why.
      if (event.code === COLLAB_CLOSE.shareRotated.code) rotated = true;
      if (permanentCodes.has(event.code)) refuse(refusalText[event.reason] ?? `The server closed this document (${event.reason || event.code}).`);
    },
    onStatus: ({ status }) => {
      connected = status === 'connected';
      report();
      // A socket that outlived going offline closes only later; its close is when reconnecting can start.
      if (status === 'disconnected') reconnect();
    },
    onSynced: () => { everSynced = true; resolveSync(true); report(); },
    onUnsyncedChanges: () => report(),
    onAwarenessChange: () => { if (built) opts.onAwareness(); },
  });
  built = true;
  let wanted = opts.user;
  provider.setAwarenessField('user', wanted);
  // The caret extension writes the `user` it was configured with each time its plugin view is rebuilt, and
  // ProseMirror rebuilds every plugin view whenever a plugin is registered (the review bubble menu registers
  // its own when its lazily loaded chunk mounts, at no fixed time). That snapshot can predate a rename, which
  // would silently undo it for everyone. This session's user is the truth: any other local value is put back.
  const keepUser = () => {
    const u = provider.awareness?.getLocalState()?.user as { name?: string; color?: string } | undefined;
    if (u && (u.name !== wanted.name || u.color !== wanted.color)) provider.setAwarenessField('user', wanted);
  };
  provider.awareness?.on('change', keepUser);

  /** `message` as a function: its wording depends on whether this browser had the document, which is known only
   * once its copy has loaded, and the server's refusal can come first (a reload). It is said again then. */
  function refuse(message: string | (() => string)) {
    if (refused) return;
    const text = typeof message === 'string' ? () => message : message;
    refused = text();
    // Permanent: reconnecting with the same secret would be refused again.
    provider.configuration.websocketProvider.disconnect();
    resolveSync(false);
    report();
    if (typeof message !== 'string') {
      void persistence.whenSynced.then(() => {
        const now = text();
        if (!destroyed && now !== refused) { refused = now; report(); }
      });
    }
  }

  function sync(): SyncState {
    if (refused) return { kind: 'refused', message: refused };
    const waiting = provider.unsyncedChanges;
    if (!connected) return provider.isSynced || waiting ? { kind: 'offline', waiting } : { kind: 'connecting' };
    if (provider.isSynced && waiting === 0) return { kind: 'synced' };
    return { kind: 'syncing', waiting };
  }
  // The provider reports its first status while it is being built: a throw there (reading `provider` before it
  // exists) would fail its first connection attempt and cost a reconnect a second later.
  function report() { if (built) opts.onState(sync()); }

  // The provider has no notion of the browser being offline: it would wait up to 30 s for a dead socket. The
  // browser's own events make the status (and the reconnect) honest at once.
  const offline = () => {
    wantOnline = false;
    if (!refused) provider.configuration.websocketProvider.disconnect();
    connected = false;
    report();
  };
  const online = () => { wantOnline = true; reconnect(); };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) offline();

  let destroyed = false;
  const pendingClaims = new Set<() => void>();
  /** Resolves with what `watch` picks out of the socket's messages, or null when the socket closes, the session
   * ends or the bound passes first. */
  function await1<T>(watch: (done: (v: T) => void) => () => void): Promise<T | null> {
    return new Promise((resolve) => {
      let settled = false;
      let unwatch = () => {};
      const finish = (v: T | null) => {
        if (settled) return;
        settled = true;
        unwatch();
        provider.off('status', onStatus);
        clearTimeout(timer);
        pendingClaims.delete(lost);
        resolve(destroyed ? null : v);
      };
      const lost = () => finish(null);
      // A socket that closes before the answer may have lost the request, or the others' claims: nothing is known.
      const onStatus = ({ status }: { status: string }) => { if (status !== WebSocketStatus.Connected) lost(); };
      const timer = setTimeout(lost, CLAIM_ECHO_TIMEOUT_MS);
      pendingClaims.add(lost);
      provider.on('status', onStatus);
      unwatch = watch((v) => finish(v));
      if (settled) unwatch();
    });
  }

  const canClaim = () => !!provider.awareness && !destroyed && !refused && connected && provider.isSynced && provider.isAuthenticated;

  async function claimJob(job: unknown, lease: { kind: StartJobKind; by: string }): Promise<ClaimOutcome | null> {
    const aw = provider.awareness;
    if (!aw || !canClaim()) return null;
    const request: StartLeaseRequest = { type: START_LEASE_TYPE, op: 'take', clientId: aw.clientID, ...lease };
    const answer = await await1<{ granted: boolean; holder?: StartLeaseHolder }>((done) => {
      const onStateless = ({ payload }: { payload: string }) => {
        const a = readStartLeaseAnswer(payload, aw.clientID);
        if (a) done(a);
      };
      provider.on('stateless', onStateless);
      provider.sendStateless(JSON.stringify(request));
      return () => provider.off('stateless', onStateless);
    });
    if (!answer) return null;
    if (!answer.granted) return answer.holder ? { held: answer.holder } : null;
    if (!canClaim()) return null;
    provider.setAwarenessField('job', job);
    // The clock y-protocols gave this update; the echo carries it (or a later one, after a renewal).
    const want = aw.meta.get(aw.clientID)?.clock ?? 0;
    const echoed = await await1<true>((done) => {
      // The provider emits a message before applying it; the echo changes no state here, but the answer is read
      // after it is applied all the same (the microtask runs once the message's handler has returned).
      const onMessage = ({ event }: { event: MessageEvent }) => {
        const clock = echoedClock(event.data as ArrayBuffer, opts.docId, aw.clientID);
        if (clock !== null && clock >= want) queueMicrotask(() => done(true));
      };
      provider.on('message', onMessage);
      return () => provider.off('message', onMessage);
    });
    return echoed ? { states: new Map(aw.getStates() as Map<number, Record<string, unknown>>) } : null;
  }

  function releaseStart(): void {
    const aw = provider.awareness;
    if (!aw || destroyed || !connected) return;
    const request: StartLeaseRequest = { type: START_LEASE_TYPE, op: 'release', clientId: aw.clientID };
    provider.sendStateless(JSON.stringify(request));
  }

  const session: CollabSession = {
    docId: opts.docId,
    ydoc,
    outline: ydoc.getMap(COLLAB_OUTLINE_MAP),
    provider,
    local: persistence.whenSynced.then(() => undefined),
    firstSync,
    readOnly: () => readOnly,
    sync,
    savingLocally: () => localSaves.saving(),
    async whenSavedLocally() {
      await persistence.whenSynced;
      if (localSaves.state().kind !== 'idle') await new Promise<void>((ok) => savedWaiters.push(ok));
    },
    localSaveError: () => errorOf(localSaves.state()),
    user: () => wanted,
    setUser(user) { wanted = user; provider.setAwarenessField('user', user); },
    destroy() {
      destroyed = true;
      for (const lost of [...pendingClaims]) lost();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      provider.awareness?.off('change', keepUser);
      localSaves.destroy();
      provider.destroy();
      void persistence.destroy();
      ydoc.destroy();
      void inUse.then((release) => release());
    },
    clearLocal: () => persistence.clearData(),
    editorExtensions: (sectionId) => collabExtensions(sectionId, session),
    claimJob,
    releaseStart,
  };
  return session;
}

/** What became of this browser's copy under an earlier secret (see takeEarlierCopy). */
export interface EarlierCopy {
  /** Its edits were merged into the shared document. */
  merged: boolean;
  /** Not merged, and it holds text the shared document lacks: its outline and sections, to keep as a document. */
  missing: { title: string; sections: Array<{ title: string; doc: RichDoc }> } | null;
}

/**
 * A share link opened for a document this browser already had under another secret: its earlier copy (y-indexeddb
 * store `earlierStore`) may hold edits the server never received (typed offline, or unacknowledged when the owner
 * replaced the link). If that copy has the same history as the server's (the owner replaced the secret, which
 * keeps the document), what the server lacks of it is merged in and sent. If not (sharing was stopped and started
 * again, a new document seeded afresh), merging would write every paragraph twice: it is left out, and if it holds
 * text the shared document lacks, that copy is returned for the caller to keep (see earlierCopy.ts). Same history
 * = the server's copy holds items of a client this copy also has (at least the owner's first seed); a fresh share is
 * seeded by a new Y.Doc, whose random 32-bit client id the earlier copy does not have.
 */
export async function takeEarlierCopy(session: CollabSession, earlierStore: string): Promise<EarlierCopy> {
  const earlier = new Y.Doc();
  const persistence = new IndexeddbPersistence(earlierStore, earlier);
  try {
    await persistence.whenSynced;
    const server = Y.decodeStateVector(Y.encodeStateVector(session.ydoc));
    const mine = Y.decodeStateVector(Y.encodeStateVector(earlier));
    if (!mine.size) return { merged: false, missing: null };
    const related = [...mine.keys()].some((id) => server.has(id));
    if (related) {
      Y.applyUpdate(session.ydoc, Y.encodeStateAsUpdate(earlier, Y.encodeStateVector(session.ydoc)));
      return { merged: true, missing: null };
    }
    const copy = contentsOf(earlier);
    if (!sectionsWithMissingText(copy.sections, sharedTexts(session)).length) return { merged: false, missing: null };
    return { merged: false, missing: { title: copy.title, sections: copy.sections.map(({ title, doc }) => ({ title, doc })) } };
  } finally {
    await persistence.destroy();
    earlier.destroy();
  }
}

/** Every section's text in the shared document, in its outline's order. */
export function sharedTexts(session: CollabSession): RichDoc[] {
  return sectionIdsOf(readOutline(session.outline)).map((id) => yXmlFragmentToProsemirrorJSON(session.ydoc.getXmlFragment(id)) as RichDoc);
}

/** Deletes a copy of a shared document kept in this browser (y-indexeddb database `name`). */
export const deleteLocalCopy = (name: string): Promise<void> => clearDocument(name);

/** A copy's title and sections (id, title, text), in its outline's order. */
export interface CopyContents { title: string; sections: Array<{ id: string; title: string; doc: RichDoc }> }

/**
 * What a Y.Doc holds, as sections: those its outline lists. A copy with no outline (none was ever written into it)
 * gives each text fragment it holds instead, untitled, so no text of it goes unseen.
 */
function contentsOf(ydoc: Y.Doc): CopyContents {
  const snap = readOutline(ydoc.getMap(COLLAB_OUTLINE_MAP));
  const listed = sectionIdsOf(snap);
  const ids = listed.length ? listed : [...ydoc.share.keys()].filter((k) => k !== COLLAB_OUTLINE_MAP);
  return {
    title: typeof snap.doc.title === 'string' ? snap.doc.title : '',
    sections: ids.map((id) => ({ id, title: snap.sections[id]?.title ?? '', doc: yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(id)) as RichDoc })),
  };
}

/**
 * Reads the copy in y-indexeddb database `name` without writing to it (y-indexeddb's own loader stores a state
 * on opening): every stored update into a throwaway Y.Doc. Null when no such database exists (none is created).
 * The layout is y-indexeddb's: an object store 'updates' of Yjs updates (plus 'custom', unused here).
 */
export async function readLocalCopy(name: string): Promise<CopyContents | null> {
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const req = indexedDB.open(name);
    let fresh = false;
    // Not there (deleted meanwhile): aborting the upgrade leaves no database behind.
    req.onupgradeneeded = () => { fresh = true; req.transaction?.abort(); };
    req.onsuccess = () => { const d = req.result; d.onversionchange = () => d.close(); resolve(d); };
    req.onerror = () => (fresh ? resolve(null) : reject(req.error ?? new Error(`${name} could not be opened`)));
    req.onblocked = () => reject(new Error(`${name} is being upgraded or deleted`));
  });
  if (!db) return null;
  let updates: Uint8Array[] = [];
  try {
    if (db.objectStoreNames.contains('updates')) {
      updates = await new Promise<Uint8Array[]>((resolve, reject) => {
        const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as Uint8Array[]);
        req.onerror = () => reject(req.error ?? new Error(`${name} could not be read`));
      });
    }
  } finally {
    db.close();
  }
  const ydoc = new Y.Doc();
  try {
    Y.transact(ydoc, () => { for (const u of updates) Y.applyUpdate(ydoc, u); });
    return contentsOf(ydoc);
  } finally {
    ydoc.destroy();
  }
}

const locks = (): LockManager | undefined => (typeof navigator !== 'undefined' ? navigator.locks : undefined);

/**
 * Marks the copy `store` as in use (a shared Web Lock, see sweep.ts copyLockName) until the returned function is
 * called; resolves once the lock is held (at once where the Web Locks API is missing: no sweep runs there).
 */
export function holdCopy(store: string): Promise<() => void> {
  const lm = locks();
  if (!lm) return Promise.resolve(() => {});
  return new Promise((held) => {
    void lm.request(copyLockName(store), { mode: 'shared' }, () => new Promise<void>((release) => held(() => release())))
      .catch(() => held(() => {}));
  });
}

/** Runs `fn` holding the copy `store` alone, or resolves 'in use' at once if any tab holds it (see holdCopy). */
export async function withCopyAlone<T>(store: string, fn: () => Promise<T>): Promise<T | 'in use'> {
  const lm = locks();
  if (!lm) return 'in use';
  return lm.request(copyLockName(store), { ifAvailable: true }, (lock) => (lock ? fn() : 'in use' as const));
}

// The Hocuspocus instance and the rules around it: who may open a document (share secret), what makes an update
// durable before it is acknowledged, and the per-document limits.
//
// When does Hocuspocus acknowledge an update? (@hocuspocus/server 3.4.4, MessageReceiver.readSyncMessage)
// A client's update or sync-step-2 message is applied with `readUpdate`/`readSyncStep2`, which fires the
// document's update event synchronously (broadcast to the other connections, `onChange` hooks started but not
// awaited, the ~2 s debounced `onStoreDocument` scheduled), and then — in the same synchronous call — the
// server sends the SyncStatus message the provider counts down `unsyncedChanges` with. So neither onChange
// nor onStoreDocument has run when the client sees its edit acknowledged. The one hook that is awaited before
// a message is applied is `beforeHandleMessage`, per message. That is where we append the update to storage
// (an increment), so an acknowledged update is already in the database; the debounced store then compacts.
//
// Read-only links: a token matching the share's read hash authenticates with `connectionConfig.readOnly = true`.
// Hocuspocus then neither applies nor relays that connection's SyncStep2 or Update (it answers SyncStatus false),
// but `beforeHandleMessage` still runs first, so the append there is skipped for such a connection (the hook's
// `connection.readOnly`, and `readOnly` on the context set at authentication): otherwise a reader's edits would be
// stored, and replayed into the document on its next load. A reader may not take the start lease either.
// Awareness (presence) from readers is handled as anyone's.
import { Connection, Hocuspocus, type Document, type Extension } from '@hocuspocus/server';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  COLLAB_CLOSE, DOCUMENT_ID_PATTERN, SHARE_SECRET_PATTERN, START_LEASE_MS, START_LEASE_TYPE, readStartLeaseRequest,
  type StartLeaseAnswer,
} from '../../shared/collab';
import type { Logger } from '../log';
import type { CollabEnv } from './config';
import type { LonghandRedis } from './redis';
import { secretMatches } from './secrets';
import type { CollabStore, StoredDocument } from './storage';
import { awarenessEntriesOf, documentNameOf, isEmptyUpdate, updateOf } from './wire';
import type { StartLeases } from './startLease';

type Close = { code: number; reason: string };

/** One WebSocket: its address, message budget, and the documents it has opened. */
export interface SocketState {
  ws: WebSocket;
  ip: string;
  closing: boolean;
  tokens: number;
  at: number;
  docs: Map<string, { generation: string; secretHash: Buffer; readOnly: boolean }>;
  /** Messages (count, bytes) for documents this socket has not authenticated yet: Hocuspocus queues them
   *  without bound until the document's auth completes, so we bound them here. */
  pending: Map<string, number>;
  pendingBytes: number;
  authTimer?: NodeJS.Timeout;
}

interface DocMeta {
  generation: string;
  /** Loaded with many increments (the last instance died before compacting): compact once loaded. */
  compactOnLoad?: boolean;
  /** Upper bound of the encoded state's size, made exact whenever it nears the limit. */
  approxBytes: number;
  revoked: boolean;
}

/** Per socket and document (Hocuspocus copies the default context per document); `readOnly` is set at
 *  authentication for a connection opened with the read-only secret. */
interface Context { socket: SocketState; generation?: string; readOnly?: boolean }

const AUTH_TIMEOUT_MS = 15_000;
const COMPACT_ON_LOAD = 50;
/** Transaction origin of updates a compaction found stored but missing from the loaded copy. */
const HEAL_ORIGIN = 'longhand-compaction';
const CLOSE_GRACE_MS = 2_000;
// A provider sends its auth, sync step 1 and awareness (and any edit typed meanwhile) before the answer comes.
const MAX_PENDING_MESSAGES = 64;
const MAX_PENDING_DOCUMENTS = 8;
const never = () => new Promise<never>(() => {});

/** Merges stored state and increments into one update (a malformed increment is skipped, not fatal), plus
 *  whatever `memory` holds beyond them — normally nothing but its delete set, since every client update is
 *  stored before it is applied; only the difference is encoded, never the whole document twice. */
export function mergeStored(doc: StoredDocument, log?: Logger, memory?: Y.Doc): Uint8Array {
  const y = new Y.Doc();
  for (const u of [doc.state, ...doc.updates]) {
    if (!u) continue;
    try {
      Y.applyUpdate(y, u);
    } catch (e) {
      log?.error('collab skipped an unreadable stored update', { bytes: u.length, detail: (e as Error).message });
    }
  }
  if (memory) Y.applyUpdate(y, Y.encodeStateAsUpdate(memory, Y.encodeStateVector(y)));
  const out = Y.encodeStateAsUpdate(y);
  y.destroy();
  return out;
}

export interface SyncDeps {
  env: CollabEnv;
  store: CollabStore;
  log: Logger;
  redis?: LonghandRedis;
  /** Where start claims meet (startLease.ts): Redis with REDIS_URL, else this process. */
  leases: StartLeases;
}

export class CollabSync {
  readonly hocuspocus: Hocuspocus;
  /** Authenticated sockets per document on this instance. */
  private readonly sockets = new Map<string, Set<SocketState>>();
  private readonly meta = new WeakMap<Document, DocMeta>();
  /** Generation revoked per document name, for copies still loading when the notice came. */
  private readonly revoked = new Map<string, string>();
  private readonly unloadWaiters = new Map<string, Set<() => void>>();
  private readonly lockMissed = new Set<string>();
  stopping = false;

  constructor(private readonly deps: SyncDeps) {
    // Storage hooks are our own rather than @hocuspocus/extension-database's: its store encodes the whole
    // document each time, and a failed load must destroy the document (hocuspocus #1156).
    const extensions: Extension[] = [this.guard()];
    if (deps.redis) {
      // A missed lock means another instance is compacting this document right now, from the same database:
      // skip this round quietly instead of letting the hook chain print an error.
      const redis = deps.redis;
      const take = redis.onStoreDocument.bind(redis);
      redis.onStoreDocument = async (data) => {
        try {
          await take(data);
        } catch {
          this.lockMissed.add(data.documentName);
        }
      };
      extensions.unshift(redis);
    }
    this.hocuspocus = new Hocuspocus({
      name: deps.redis?.identifier ?? 'longhand', quiet: true, debounce: 2000, maxDebounce: 10_000,
      unloadImmediately: true, extensions,
    });
  }

  /** Takes over an accepted WebSocket: message budget, auth timeout, then Hocuspocus. */
  accept(ws: WebSocket, req: IncomingMessage, ip: string): void {
    const { env } = this.deps;
    const sock: SocketState = {
      ws, ip, closing: false, tokens: env.COLLAB_MAX_MESSAGES_PER_SECOND, at: Date.now(), docs: new Map(),
      pending: new Map(), pendingBytes: 0,
    };
    ws.on('error', (e) => this.deps.log.debug('collab socket error', { detail: e.message }));
    // Registered before Hocuspocus's own listener: a message over budget marks the socket closing before
    // Hocuspocus sees it, and every hook below refuses a closing socket's messages.
    ws.on('message', (data: Buffer) => {
      if (sock.closing) return;
      let name: string;
      try {
        name = documentNameOf(data);
      } catch {
        return; // Hocuspocus closes the socket on an unreadable frame
      }
      if (!sock.docs.has(name)) {
        const n = (sock.pending.get(name) ?? 0) + 1;
        sock.pending.set(name, n);
        sock.pendingBytes += data.length;
        if (n > MAX_PENDING_MESSAGES || sock.pending.size > MAX_PENDING_DOCUMENTS
          || sock.pendingBytes > env.COLLAB_MAX_MESSAGE_BYTES + 1024 * 1024) {
          this.deps.log.info('collab too many messages before authentication', { ip });
          this.closeSocket(sock, COLLAB_CLOSE.rateLimited);
          return;
        }
      }
      const now = Date.now();
      const rate = env.COLLAB_MAX_MESSAGES_PER_SECOND;
      sock.tokens = Math.min(rate, sock.tokens + ((now - sock.at) * rate) / 1000);
      sock.at = now;
      if (sock.tokens < 1) {
        this.deps.log.info('collab rate limited', { ip });
        this.closeSocket(sock, COLLAB_CLOSE.rateLimited);
        return;
      }
      sock.tokens -= 1;
    });
    ws.once('close', () => this.forget(sock));
    sock.authTimer = setTimeout(() => {
      if (sock.docs.size === 0) this.closeSocket(sock, COLLAB_CLOSE.authTimeout);
    }, AUTH_TIMEOUT_MS);
    sock.authTimer.unref();
    this.hocuspocus.handleConnection(ws, req, { socket: sock } satisfies Context);
  }

  closeSocket(sock: SocketState, close: Close): void {
    if (sock.closing) return;
    sock.closing = true;
    this.forget(sock);
    try {
      sock.ws.close(close.code, close.reason);
    } catch {
      sock.ws.terminate();
    }
    // A peer that never answers the close would keep its document loaded for ws's 30 s close timeout.
    setTimeout(() => { if (sock.ws.readyState !== sock.ws.CLOSED) sock.ws.terminate(); }, CLOSE_GRACE_MS).unref();
  }

  /** Closes this instance's connections to a document (all, or those of one share generation). */
  closeDocument(documentName: string, close: Close, generation?: string): void {
    for (const sock of [...(this.sockets.get(documentName) ?? [])]) {
      if (!generation || sock.docs.get(documentName)?.generation === generation) this.closeSocket(sock, close);
    }
  }

  /** A share was revoked (here or on another instance): its copy here is dead and its connections close. */
  revokedShare(documentName: string, generation: string): void {
    this.revoked.set(documentName, generation);
    if (this.revoked.size > 10_000) this.revoked.delete(this.revoked.keys().next().value as string);
    const doc = this.hocuspocus.documents.get(documentName);
    const meta = doc && this.meta.get(doc);
    if (meta?.generation === generation) meta.revoked = true;
    this.closeDocument(documentName, COLLAB_CLOSE.shareRevoked, generation);
  }

  /** A share got a new secret: everyone reconnects, and only the new secret gets back in. */
  rotatedShare(documentName: string): void {
    this.closeDocument(documentName, COLLAB_CLOSE.shareRotated);
  }

  /** Whether a relayed message from another instance may touch this instance's copy of the document. */
  acceptsRelay(documentName: string): boolean {
    const doc = this.hocuspocus.documents.get(documentName);
    if (!doc) return true;
    const meta = this.meta.get(doc);
    return !!meta && !meta.revoked && this.revoked.get(documentName) !== meta.generation;
  }

  connectionsOf(documentName: string): number {
    return this.sockets.get(documentName)?.size ?? 0;
  }

  stats() {
    let sockets = 0;
    for (const s of this.sockets.values()) sockets += s.size;
    return { documents: this.hocuspocus.getDocumentsCount(), connections: sockets };
  }

  /** Closes every connection, compacts what is loaded and waits (bounded) for the documents to unload. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    const all = new Set<SocketState>();
    for (const set of this.sockets.values()) for (const s of set) all.add(s);
    for (const s of all) {
      this.closeSocket(s, COLLAB_CLOSE.serverStopping);
      // Shutdown does not wait for the peer's half of the close handshake.
      s.ws.terminate();
    }
    const deadline = Date.now() + timeoutMs;
    while (this.hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) {
      const names = [...this.hocuspocus.documents.keys()];
      await Promise.race([
        Promise.all(names.map((n) => new Promise<void>((ok) => this.onUnload(n, ok)))),
        new Promise((ok) => setTimeout(ok, Math.max(0, deadline - Date.now()))),
      ]);
    }
    await this.hocuspocus.hooks('onDestroy', { instance: this.hocuspocus });
  }

  private forget(sock: SocketState) {
    clearTimeout(sock.authTimer);
    for (const name of sock.docs.keys()) {
      const set = this.sockets.get(name);
      set?.delete(sock);
      if (set && set.size === 0) this.sockets.delete(name);
    }
  }

  private onUnload(name: string, fn: () => void) {
    let set = this.unloadWaiters.get(name);
    if (!set) this.unloadWaiters.set(name, (set = new Set()));
    set.add(fn);
  }

  /** Refuses the document to this socket: Hocuspocus sends "permission denied" with the reason, then we close. */
  private refuse(sock: SocketState, close: Close): never {
    setImmediate(() => this.closeSocket(sock, close));
    throw { reason: close.reason };
  }

  private guard(): Extension {
    return {
      onAuthenticate: async ({ documentName, token, context, connectionConfig }) => {
        const sock = (context as Context).socket;
        if (sock.closing) throw { reason: 'closing' };
        if (this.stopping) this.refuse(sock, COLLAB_CLOSE.serverStopping);
        if (!DOCUMENT_ID_PATTERN.test(documentName)) this.refuse(sock, COLLAB_CLOSE.badDocumentName);
        if (this.deps.redis && !this.deps.redis.ready()) {
          this.deps.log.error('collab refused a connection: Redis is not connected', {});
          this.refuse(sock, COLLAB_CLOSE.storageFailed);
        }
        let share;
        try {
          share = await this.deps.store.getShare(documentName);
        } catch (e) {
          this.deps.log.error('collab storage failed', { op: 'auth', detail: (e as Error).message });
          this.refuse(sock, COLLAB_CLOSE.storageFailed);
        }
        const valid = !!share && typeof token === 'string' && SHARE_SECRET_PATTERN.test(token);
        const writer = valid && secretMatches(token, share!.secretHash);
        const reader = valid && !writer && !!share!.readHash && secretMatches(token, share!.readHash);
        if (!share || (!writer && !reader)) {
          this.deps.log.info('collab share refused', { ip: sock.ip });
          this.refuse(sock, COLLAB_CLOSE.shareInvalid);
        }
        // Hocuspocus tells the provider the scope ('readonly') and refuses this connection's document changes.
        if (reader) connectionConfig.readOnly = true;
        const set = this.sockets.get(documentName);
        if (set && set.size >= this.deps.env.COLLAB_MAX_CONNECTIONS_PER_DOCUMENT && !set.has(sock)) {
          this.refuse(sock, COLLAB_CLOSE.documentFull);
        }
        await this.retireStaleCopy(documentName, share.generation, sock);
        if (sock.closing) this.refuse(sock, COLLAB_CLOSE.serverStopping);
        if (!this.sockets.has(documentName)) this.sockets.set(documentName, new Set());
        this.sockets.get(documentName)!.add(sock);
        sock.docs.set(documentName, { generation: share.generation, secretHash: share.secretHash, readOnly: reader });
        sock.pending.delete(documentName);
        sock.pendingBytes = 0;
        clearTimeout(sock.authTimer);
        return { generation: share.generation, readOnly: reader } satisfies Omit<Context, 'socket'>;
      },

      beforeHandleMessage: async ({ update: message, document, documentName, context, connection }) => {
        const sock = (context as Context).socket;
        if (sock.closing) return never();
        // A reader's message: never stored. Hocuspocus then refuses a change in it (SyncStatus false) and
        // handles the rest (sync step 1, awareness) as anyone's.
        if (connection.readOnly || (context as Context).readOnly) {
          // Its presence is relayed, but not a claim to be writing: a reader can neither generate nor run Write all,
          // so a `generating` or `job` field from one is forged, and would lock sections or jobs for everyone.
          // The provider re-sends every awareness update it receives, a writer's claim included: such an echo
          // carries a clock this copy already holds for that client, changes nothing here, and is no claim.
          let entries: ReturnType<typeof awarenessEntriesOf>;
          try { entries = awarenessEntriesOf(message); } catch { entries = null; }
          const held = (clientId: number) => document.awareness.meta.get(clientId)?.clock ?? -1;
          const claims = (st: Record<string, unknown> | null) => (Array.isArray(st?.generating) && st.generating.length > 0) || (st?.job ?? null) !== null;
          if (entries?.some((e) => e.clock > held(e.clientId) && claims(e.state))) {
            this.deps.log.info('collab reader claim refused', { ip: sock.ip });
            this.closeSocket(sock, COLLAB_CLOSE.readOnlyClaim);
            return never();
          }
          return;
        }
        let update: Uint8Array | null;
        try {
          update = updateOf(message);
        } catch {
          return; // not ours to judge: Hocuspocus closes the connection on a frame it cannot read
        }
        if (!update || isEmptyUpdate(update)) return;
        const meta = this.meta.get(document);
        if (!meta || meta.revoked) {
          this.closeSocket(sock, COLLAB_CLOSE.shareRevoked);
          return never();
        }
        // No await before the append is queued: appends are committed in the order they are queued (batch.ts),
        // so Hocuspocus applies one connection's updates in the order they were sent.
        return this.persist(sock, document, documentName, meta, update);
      },

      onLoadDocument: async ({ documentName, document, context }) => {
        const merged = await this.fetch(documentName, document, context as Context);
        if (merged) Y.applyUpdate(document, merged);
      },

      // The debounced store (Redis's lock is taken first, by its higher priority).
      onStoreDocument: async ({ documentName, document }) => this.compact(documentName, document),

      afterLoadDocument: async ({ document, documentName }) => {
        const meta = this.meta.get(document);
        // Otherwise only a client's edit schedules a compaction, and a document that is only read would keep
        // reloading every increment (hocuspocus #1010 is about whole reloads of large documents).
        if (meta?.compactOnLoad) void this.compact(documentName, document);
        // Updates from clients are counted when persisted; the rest (relayed from other instances) here.
        document.on('update', (u: Uint8Array, origin: unknown) => {
          if (meta && !(origin instanceof Connection)) meta.approxBytes += u.length;
        });
      },

      // A start lease request (see startLease.ts); the answer goes to the asking connection only. Any other
      // stateless message is ignored. Connections exist only once authenticated, so only holders of a secret
      // reach this; a read-only one is refused (it could neither write nor release another's lease).
      onStateless: async ({ connection, documentName, payload }) => {
        const req = readStartLeaseRequest(payload);
        if (!req) return;
        const sock = (connection.context as Context).socket;
        if (sock.closing) return;
        if (connection.readOnly || (connection.context as Context).readOnly) {
          if (req.op === 'take') connection.sendStateless(JSON.stringify({ type: START_LEASE_TYPE, clientId: req.clientId, granted: false } satisfies StartLeaseAnswer));
          return;
        }
        // Per share generation: a lease taken under a revoked share does not hold up the next share of the id.
        const key = `${documentName}:${sock.docs.get(documentName)?.generation ?? ''}`;
        let answer: StartLeaseAnswer;
        try {
          if (req.op === 'release') return await this.deps.leases.release(key, req.clientId);
          const holder = await this.deps.leases.take(key, { clientId: req.clientId, kind: req.kind, by: req.by }, START_LEASE_MS);
          answer = holder ? { type: START_LEASE_TYPE, clientId: req.clientId, granted: false, holder }
            : { type: START_LEASE_TYPE, clientId: req.clientId, granted: true };
        } catch (e) {
          // Refused without a holder: the browser says it could not check, and starts nothing.
          this.deps.log.error('collab start lease failed', { detail: (e as Error).message });
          if (req.op === 'release') return;
          answer = { type: START_LEASE_TYPE, clientId: req.clientId, granted: false };
        }
        connection.sendStateless(JSON.stringify(answer));
      },

      afterUnloadDocument: async ({ documentName }) => {
        const waiters = this.unloadWaiters.get(documentName);
        this.unloadWaiters.delete(documentName);
        for (const fn of waiters ?? []) fn();
      },
    };
  }

  /** Appends one client update durably before Hocuspocus applies and acknowledges it. */
  private async persist(sock: SocketState, document: Document, name: string, meta: DocMeta, update: Uint8Array): Promise<void> {
    if (sock.closing) return never();
    const max = this.deps.env.COLLAB_MAX_DOCUMENT_BYTES;
    if (meta.approxBytes + update.length > max) {
      meta.approxBytes = Y.encodeStateAsUpdate(document).length;
      if (meta.approxBytes + update.length > max) {
        this.deps.log.info('collab document too large', { bytes: meta.approxBytes, update: update.length, max });
        this.closeSocket(sock, COLLAB_CLOSE.documentTooLarge);
        return never();
      }
    }
    let stored: boolean;
    try {
      stored = await this.deps.store.append(name, meta.generation, update);
    } catch (e) {
      this.deps.log.error('collab storage failed', { op: 'append', detail: (e as Error).message });
      this.closeSocket(sock, COLLAB_CLOSE.storageFailed);
      return never();
    }
    if (!stored) {
      this.revokedShare(name, meta.generation);
      this.closeSocket(sock, COLLAB_CLOSE.shareRevoked);
      return never();
    }
    meta.approxBytes += update.length;
  }

  /** Loads the document of the share generation the first connection authenticated for. */
  private async fetch(name: string, document: Document, context: Context): Promise<Uint8Array | null> {
    const generation = context.generation ?? '';
    const meta: DocMeta = { generation, approxBytes: 0, revoked: this.revoked.get(name) === generation };
    this.meta.set(document, meta);
    let stored: StoredDocument | undefined;
    try {
      stored = await this.deps.store.load(name, generation);
    } catch (e) {
      this.deps.log.error('collab storage failed', { op: 'load', detail: (e as Error).message });
      // Hocuspocus never destroys a document whose load failed (hocuspocus #1156): do it here.
      document.destroy();
      setImmediate(() => this.closeDocument(name, COLLAB_CLOSE.storageFailed));
      throw { reason: COLLAB_CLOSE.storageFailed.reason };
    }
    if (!stored) {
      // Revoked between authentication and load: serve nothing, and close.
      meta.revoked = true;
      setImmediate(() => this.closeDocument(name, COLLAB_CLOSE.shareRevoked, generation));
      return null;
    }
    const merged = mergeStored(stored, this.deps.log);
    meta.approxBytes = merged.length;
    meta.compactOnLoad = stored.updates.length >= COMPACT_ON_LOAD;
    return merged;
  }

  /** The debounced store: folds the increments into the state (never deletes one it did not merge). */
  private async compact(name: string, document: Document): Promise<void> {
    if (this.lockMissed.delete(name)) return;
    const meta = this.meta.get(document);
    if (!meta || meta.revoked) return;
    try {
      let size = 0;
      const result = await this.deps.store.compact(name, meta.generation, (stored) => {
        const merged = mergeStored(stored, this.deps.log, document);
        size = merged.length;
        // The database may hold updates this copy never received: another instance stored and acknowledged
        // them, then died before relaying them through Redis. Its own clients have them, this instance's do
        // not, until something reloads the document. Taking them in here (only what is missing is applied, and
        // Hocuspocus sends it on to this instance's clients and through Redis) heals that within one compaction.
        Y.applyUpdate(document, merged, HEAL_ORIGIN);
        return merged;
      });
      if (result === 'gone') this.revokedShare(name, meta.generation);
      else meta.approxBytes = size;
    } catch (e) {
      // The increments are still stored: nothing is lost, the next store tries again.
      this.deps.log.error('collab storage failed', { op: 'compact', detail: (e as Error).message });
    }
  }

  /** A copy of an earlier share of this id may still be loaded here (revoked, not yet unloaded): close it and wait
   *  for it to go, so a new share never starts from the old content. */
  private async retireStaleCopy(name: string, generation: string, sock: SocketState): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const doc = this.hocuspocus.documents.get(name)
        ?? await this.hocuspocus.loadingDocuments.get(name)?.catch(() => undefined);
      const meta = doc && this.meta.get(doc);
      if (!doc || (meta && meta.generation === generation && !meta.revoked)) return;
      if (meta) meta.revoked = true;
      this.closeDocument(name, COLLAB_CLOSE.shareRevoked, meta?.generation);
      if (doc.getConnectionsCount() === 0) {
        // Run its pending store now (it skips a revoked copy) rather than after the debounce; then it unloads.
        if (this.hocuspocus.debouncer.isDebounced(`onStoreDocument-${name}`)) this.hocuspocus.debouncer.executeNow(`onStoreDocument-${name}`);
        else void this.hocuspocus.unloadDocument(doc);
      }
      if (Date.now() > deadline || sock.closing) this.refuse(sock, COLLAB_CLOSE.storageFailed);
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, Math.max(0, deadline - Date.now()));
        this.onUnload(name, () => { clearTimeout(t); ok(); });
      });
    }
  }
}

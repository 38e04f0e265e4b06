// Sharing a document and keeping it in sync. Built once by the composition root (src/app/services.ts) with the
// workspace's effects; holds the one live session (the open shared document) in its closure and mirrors what
// the page needs into the store's collab slice.
//
// Owner: "Share" asks the server for a secret, seeds a fresh Y.Doc from the local document (each section's
// text into the fragment named by its id, the outline into the 'outline' map) and connects. Guest: a link
// `#/shared/<id>/<secret>` connects first and, once synced, creates the document locally from the Y.Doc.
// Either way the editors of that document then bind to its fragments, and the local records (metadata,
// snapshots) keep being written as for any document, so the library, exports and search keep working.
import type { Editor } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '../../app/store';
import type { DocumentMeta, RichDoc, SectionMeta } from '../../core/model';
import {
  DOCUMENT_ID_PATTERN, SHARE_SECRET_PATTERN, type ShareCreateResponse, type ShareOwnerResponse,
} from '../../shared/collab';
import { authHeaders } from '../../shared/generateClient';
// Dexie loads with the first write (storage/database.ts); reading whether a document is shared, which every open
// does, is one plain IndexedDB read (storage/reads.ts), so opening a book that is not shared does not load it.
import { database } from '../../storage/database';
import { readDocument, readKv } from '../../storage/reads';
import type { CollabSession, EarlierCopy } from './session';

type Runtime = typeof import('./runtime');
import { LOCAL_OUTLINE, mergeOutline, readOutline, sectionIdsOf, writeOutline } from './outline';
import { cutOffFrom, type CollabView, type Peer } from './slice';
import { sectionsWithMissingText } from './earlierCopy';
import { SWEEP_LOCK, decideOrphan, oldCopies, pickOrphans, type StoredCopy } from './sweep';
import { claimRefusal, decideClaim, ownJob, readJob, type JobKind, type JobLock, type RemoteJob } from './jobs';

export interface CollabDeps {
  store: UseBoundStore<StoreApi<AppState>>;
  schema: () => Schema;
  getEditor: (sectionId: string) => Editor | undefined;
  loadContent: (sectionId: string) => Promise<RichDoc | null>;
  saveContent: (sectionId: string, doc: RichDoc) => Promise<void>;
  flushSaves: () => Promise<void>;
  openDocument: (id: string) => Promise<void>;
  refreshLibrary: () => Promise<void>;
  /** Stores sections as a new local document (not opened; the library is refreshed); resolves its id. */
  keepCopy: (title: string, sections: ReadonlyArray<{ title: string; doc: RichDoc }>) => Promise<string>;
}

/**
 * What this browser keeps per shared document (kv `share:<id>`): the secret (to connect) and, in the browser
 * that shared it, the owner key, which alone makes a new link or stops sharing, and the read-only link's secret
 * (`readSecret`, to show that link again). A guest's record has no owner key; neither has the owner's of a share
 * made before owner keys (its secret still authorizes: see mayManage). `readOnly`: the server granted `secret`
 * read-only access (a reader's record), remembered so an offline open is read-only too.
 */
interface ShareRecord { secret: string; store: string; ownerKey?: string; readSecret?: string; readOnly?: boolean }

const EMPTY: RichDoc = { type: 'doc', content: [{ type: 'paragraph' }] };
const COLOURS = ['#d9480f', '#2f9e44', '#1971c2', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4'];
const NAME_KEY = 'longhand.collab.name';
const COLOUR_KEY = 'longhand.collab.colour';
const shareKey = (docId: string) => `share:${docId}`;

export const shareLink = (docId: string, secret: string) => `${location.origin}/#/shared/${docId}/${secret}`;

/** `#/shared/<docId>/<secret>` → its parts (the secret never leaves the fragment, so no server log sees it). */
export function parseShareHash(hash: string): { docId: string; secret: string } | null {
  const m = /^#\/shared\/([^/]+)\/([^/?&]+)$/.exec(hash);
  return m ? { docId: decodeURIComponent(m[1]!), secret: decodeURIComponent(m[2]!) } : null;
}

export type Collab = ReturnType<typeof createCollab>;

export function createCollab(deps: CollabDeps) {
  const { store } = deps;
  let current: CollabSession | null = null;
  /** A guest's session, connected before the document exists locally; adopted when it opens. */
  let pending: { session: CollabSession; rec: ShareRecord } | null = null;
  let written: { doc: DocumentMeta | null; sections: Record<string, SectionMeta> } | undefined;
  let applying = false;
  let generating = '';
  /** This browser's job as last published (JSON), so awareness is written only when it changes. */
  let publishedJob = 'null';
  /** A claim waiting for its echo (see claimJob): a second click meanwhile starts nothing. */
  let claiming = false;
  let started = false;
  /** The sweep of orphaned copies runs once per page load (see sweepCopies). */
  let swept = false;

  function user(): { name: string; color: string } {
    let name = '';
    let color = '';
    try { name = localStorage.getItem(NAME_KEY) ?? ''; color = localStorage.getItem(COLOUR_KEY) ?? ''; } catch { /* storage off */ }
    if (!color) {
      color = COLOURS[Math.floor(Math.random() * COLOURS.length)]!;
      try { localStorage.setItem(COLOUR_KEY, color); } catch { /* storage off */ }
    }
    return { name: name || 'Anonymous', color };
  }

  function setName(name: string): void {
    try { localStorage.setItem(NAME_KEY, name); } catch { /* storage off */ }
    // A guest's session still waiting for its document to open is renamed too: it becomes `current` later.
    (current ?? pending?.session)?.setUser(user());
  }

  const readShare = async (docId: string) => (await readKv(shareKey(docId)).catch(() => undefined))?.value as ShareRecord | undefined;

  // Yjs and the provider load with the first shared document (./runtime.ts); every use below has a session, so
  // the runtime is there by then.
  let runtime: Runtime | null = null;
  const rt = (): Runtime => runtime!;

  async function newSession(docId: string, rec: ShareRecord): Promise<CollabSession> {
    runtime ??= await import('./runtime');
    // The provider reports its first awareness change while it is being built, before `session` is assigned.
    let session: CollabSession | null = null;
    session = runtime.createSession({
      docId, secret: rec.secret, storeName: rec.store, user: user(),
      onState: (sync) => store.getState().patchCollab(docId, { sync }),
      onLocalSave: (localSaving, localSaveError) => store.getState().patchCollab(docId, { localSaving, localSaveError }),
      onAwareness: () => { if (session && current === session) publishPeers(session); },
      // The server decides what the secret allows: the open document follows it, and the record keeps it for
      // an offline open.
      onScope: (readOnly) => {
        if (session && current === session) store.getState().patchCollab(docId, { readOnly });
        void rememberScope(docId, rec.secret, readOnly);
      },
    });
    return session;
  }

  async function rememberScope(docId: string, secret: string, readOnly: boolean): Promise<void> {
    const rec = await readShare(docId);
    if (!rec || rec.secret !== secret || !!rec.readOnly === readOnly) return;
    const next: ShareRecord = { ...rec, readOnly };
    if (!readOnly) delete next.readOnly;
    await (await database()).kv.put({ key: shareKey(docId), value: next }).catch(() => {});
  }

  function publishPeers(session: CollabSession): void {
    const self = session.provider.awareness?.clientID;
    const peers: Peer[] = [];
    const locks: Record<string, string> = {};
    let job: RemoteJob | null = null;
    const states = [...session.provider.awareness?.getStates() ?? []].sort(([a], [b]) => a - b);
    for (const [clientId, st] of states) {
      const u = st.user as { name?: string; color?: string } | undefined;
      if (!u?.name) continue;
      peers.push({ clientId, name: u.name, color: u.color ?? '#888', self: clientId === self });
      if (clientId === self) continue;
      for (const sid of (st.generating as string[] | undefined) ?? []) locks[sid] = u.name;
      // Two jobs at once only after a race (both started before either saw the other); the lowest client id is
      // shown, the same one in every browser.
      job ??= readJob(st.job, u.name);
    }
    peers.sort((a, b) => Number(b.self) - Number(a.self) || a.clientId - b.clientId);
    const cur = store.getState().collab;
    if (!cur || cur.session !== session) return;
    if (JSON.stringify(cur.peers) !== JSON.stringify(peers) || JSON.stringify(cur.locks) !== JSON.stringify(locks)
      || JSON.stringify(cur.job) !== JSON.stringify(job)) {
      store.getState().patchCollab(session.docId, { peers, locks, job });
    }
  }

  /** The map's outline into the store (a collaborator's change, or the state this browser loaded). */
  function applyRemote(session: CollabSession): void {
    const s = store.getState();
    if (!s.doc || s.doc.id !== session.docId) return;
    const merged = mergeOutline(readOutline(session.outline), s.doc, s.sections, (id) => blank(session.docId, id));
    if (!merged) return;
    applying = true;
    try { store.setState({ doc: merged.doc, sections: merged.sections }); } finally { applying = false; }
    written = { doc: merged.doc, sections: merged.sections };
  }

  /** The store's outline into the map; sections new to the map get an empty paragraph as their text. */
  function pushLocal(session: CollabSession, s: AppState): void {
    if (!s.doc) return;
    const doc = s.doc;
    session.ydoc.transact(() => {
      const fresh = writeOutline(session.outline, doc, s.sections, written);
      for (const id of fresh) {
        const frag = session.ydoc.getXmlFragment(id);
        if (frag.length === 0) frag.insert(0, [new (rt().Y.XmlElement)('paragraph')]);
      }
    }, LOCAL_OUTLINE);
    written = { doc, sections: s.sections };
  }

  /** Makes `session` the open document's: editors bind once its saved state is loaded. */
  async function adopt(session: CollabSession, rec: ShareRecord): Promise<void> {
    current = session;
    written = undefined;
    generating = '';
    publishedJob = 'null';
    // Read-only as the server last said for this secret; before it has said (offline), as the record remembers.
    const readOnly = session.readOnly() ?? !!rec.readOnly;
    const view: CollabView = { docId: session.docId, secret: rec.secret, readOnly, session, ready: false, peers: [], locks: {}, job: null, sync: session.sync(), localSaving: session.savingLocally(), localSaveError: session.localSaveError() };
    store.getState().setCollab(view);
    session.outline.observe((_e, tr) => { if (tr.origin !== LOCAL_OUTLINE && current === session && !applying) applyRemote(session); });
    await session.local;
    // Never bind an editor to a fragment this browser has not loaded yet: its empty paragraph would be merged
    // in next to the real text. With no local copy, the server's first sync is the copy.
    if (session.outline.size === 0) await session.firstSync;
    if (current !== session) return;
    applyRemote(session);
    // A reader writes nothing into the shared document (the server would refuse it; it would stay in this copy).
    if (!store.getState().collab?.readOnly) pushLocal(session, store.getState());
    publishPeers(session);
    store.getState().patchCollab(session.docId, { ready: true, sync: session.sync() });
  }

  function detach(): void {
    if (!current) return;
    current.destroy();
    current = null;
    written = undefined;
    store.getState().setCollab(null);
  }

  async function onOpen(docId: string | undefined): Promise<void> {
    if (current && current.docId === docId) return;
    detach();
    if (!docId) return;
    const p = pending?.session.docId === docId ? pending : null;
    pending = null;
    const rec = p?.rec ?? await readShare(docId);
    if (!rec || store.getState().doc?.id !== docId || current) { p?.session.destroy(); return; }
    const session = p?.session ?? await newSession(docId, rec);
    // Loading the runtime awaited: another document may have been opened meanwhile.
    if (store.getState().doc?.id !== docId || current) { session.destroy(); return; }
    await adopt(session, rec);
  }

  function start(): void {
    if (started) return;
    started = true;
    store.subscribe((s, prev) => {
      if (s.doc?.id !== prev.doc?.id) void onOpen(s.doc?.id);
      if (s.doc && !swept) sweepWhenIdle();
      const c = s.collab;
      if (!current || !c?.ready || c.session !== current || !s.doc || s.doc.id !== c.docId || applying) return;
      if (!c.readOnly && (s.doc !== written?.doc || s.sections !== written?.sections)) pushLocal(current, s);
      // This browser's generations lock their sections for everyone (cleared by the server when it leaves).
      const ids = Object.values(s.sections).filter((x) => x.streaming).map((x) => x.id).sort().join(' ');
      if (ids !== generating) { generating = ids; current.provider.setAwarenessField('generating', ids ? ids.split(' ') : []); }
      // Its Write all or Plan outline locks those commands for everyone else (see jobs.ts).
      const job = ownJob(s);
      const key = JSON.stringify(job);
      if (key !== publishedJob) {
        const ended = publishedJob !== 'null' && !job;
        publishedJob = key;
        current.provider.setAwarenessField('job', job);
        // Its start lease is no longer needed (the job is over); without this a new start would wait for it to expire.
        if (ended) current.releaseStart();
      }
    });
    void onOpen(store.getState().doc?.id);
    if (store.getState().doc) sweepWhenIdle();
  }

  /** Once the first document is open, at the page's next idle moment: nothing of it is on the open path. */
  function sweepWhenIdle(): void {
    swept = true;
    const run = () => { sweepCopies().catch((e: Error) => console.warn(`Longhand: the sweep of orphaned copies stopped: ${e.message}`)); };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run);
    else setTimeout(run, 0);
  }

  /**
   * The sweep of orphaned copies (see sweep.ts): one tab at a time (another tab sweeping, this one skips), and
   * only where the browser can list its databases. Listing them, reading share records and the age in each name
   * costs a few plain IndexedDB reads; Yjs loads only when there is an orphan to read.
   */
  async function sweepCopies(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks || typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    await locks.request(SWEEP_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      const copies = oldCopies((await indexedDB.databases()).map((d) => d.name ?? ''), Date.now());
      if (!copies.length) return;
      const stores: Record<string, string | undefined> = {};
      for (const docId of new Set(copies.map((c) => c.docId))) stores[docId] = (await readShare(docId))?.store;
      const orphans = pickOrphans(copies, stores);
      if (!orphans.length) return;
      runtime ??= await import('./runtime');
      for (const orphan of orphans) {
        // One that fails stays, for a later page load; the others are still swept.
        try {
          await rt().withCopyAlone(orphan.name, () => sweepOrphan(orphan));
        } catch (e) {
          console.warn(`Longhand: the orphaned copy ${orphan.name} stays in this browser: ${(e as Error).message}`);
        }
      }
    });
  }

  /**
   * One orphan, held alone (a tab that opens it holds it too: then this is not called): deleted when every
   * paragraph of it is still in this browser (the local document's records, soft-deleted or not, since Undo brings
   * them back, and the document's current shared copy), else first kept as a document of its own.
   */
  async function sweepOrphan(orphan: StoredCopy): Promise<void> {
    const rec = await readShare(orphan.docId);
    // Only a copy made now can become a record's; checked again all the same, under the copy's lock.
    if (rec?.store === orphan.name) return;
    const copy = await rt().readLocalCopy(orphan.name);
    if (!copy) return;
    const have: Array<RichDoc | null> = [];
    const { doc: row } = await readDocument(orphan.docId);
    if (row) have.push(...await Promise.all(row.sectionIds.map((id) => deps.loadContent(id))));
    if (rec) {
      // Read without writing to it (a tab may have it open); not readable, it adds nothing: more is kept.
      const shared = await rt().readLocalCopy(rec.store).catch(() => null);
      if (shared) have.push(...shared.sections.map((x) => x.doc));
      if (current?.docId === orphan.docId) have.push(...rt().sharedTexts(current));
    }
    if (decideOrphan(copy.sections, have) === 'keep') {
      const title = copy.title || row?.title || '';
      await keepEarlierCopy({ title, sections: copy.sections.map(({ title: t, doc }) => ({ title: t, doc })) },
        `A copy of “${title || 'Untitled document'}” left in this browser by an earlier share`, 'the document');
    }
    await rt().deleteLocalCopy(orphan.name);
  }

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => ({})) as { error?: { message?: string } };
    if (!res.ok) throw new Error(json.error?.message ?? `The server answered ${res.status}.`);
    return json as T;
  }

  /**
   * Whether this browser may make a new link or stop sharing the document: it holds the owner key, or the share
   * was made before owner keys (the server says it has none, so its secret still authorizes). False for a guest,
   * and when the server cannot be asked.
   */
  async function mayManage(docId: string): Promise<boolean> {
    const rec = await readShare(docId);
    if (!rec) return false;
    if (rec.ownerKey) return true;
    // A read-only link never manages the share (and the server knows no share made before owner keys with one).
    const c = store.getState().collab;
    if (rec.readOnly || (c?.docId === docId && c.readOnly)) return false;
    try {
      const { owned } = await post<ShareOwnerResponse>(`/api/share/${encodeURIComponent(docId)}/owner`, { secret: rec.secret });
      return !owned;
    } catch {
      return false;
    }
  }

  /** A section's text in this browser: its live editor's, else the stored one. */
  async function localText(id: string): Promise<RichDoc> {
    return (deps.getEditor(id)?.getJSON() as RichDoc | undefined) ?? await deps.loadContent(id) ?? EMPTY;
  }

  /** Shares the open document (or returns its existing link). */
  async function share(): Promise<string> {
    const s = store.getState();
    const doc = s.doc;
    if (!doc) throw new Error('No document is open.');
    const existing = await readShare(doc.id);
    if (existing) return shareLink(doc.id, existing.secret);
    const { secret, ownerKey, readSecret } = await post<ShareCreateResponse>(`/api/share/${encodeURIComponent(doc.id)}`, {});
    const rec: ShareRecord = { secret, store: `longhand-y-${doc.id}-${Date.now()}`, ownerKey, readSecret };
    await deps.flushSaves();
    const session = await newSession(doc.id, rec);
    await session.local;
    // The seed: every section's current text into its fragment, then the outline. The server copy of a new
    // share is empty, so this is the document's first state everywhere.
    const schema = deps.schema();
    const texts = await Promise.all(doc.sectionIds.map(localText));
    session.ydoc.transact(() => {
      doc.sectionIds.forEach((id, i) => {
        const json = texts[i]!.content?.length ? texts[i]! : EMPTY;
        rt().prosemirrorJSONToYXmlFragment(schema, json, session.ydoc.getXmlFragment(id));
      });
      writeOutline(session.outline, doc, store.getState().sections);
    }, LOCAL_OUTLINE);
    await (await database()).kv.put({ key: shareKey(doc.id), value: rec });
    if (store.getState().doc?.id !== doc.id) { session.destroy(); return shareLink(doc.id, secret); }
    detach();
    await adopt(session, rec);
    return shareLink(doc.id, secret);
  }

  /**
   * "New link": replaces the secret (the server keeps the document). Every connection on the old link is closed,
   * this browser's too; it reconnects at once with the new secret on the same local copy, so nothing typed
   * meanwhile is lost. Collaborators are told the link was replaced, and keep their edits until they open the new one.
   */
  async function newLink(): Promise<string> {
    const doc = store.getState().doc;
    if (!doc) throw new Error('No document is open.');
    const rec = await readShare(doc.id);
    if (!rec) throw new Error('This document is not shared.');
    // The owner key authorizes; a share made before owner keys takes the current secret, and its first new link
    // brings this browser an owner key.
    const res = await post<ShareCreateResponse>(`/api/share/${encodeURIComponent(doc.id)}`,
      rec.ownerKey ? { ownerKey: rec.ownerKey } : { currentSecret: rec.secret });
    const secret = res.secret;
    const ownerKey = res.ownerKey ?? rec.ownerKey;
    const next: ShareRecord = { secret, store: rec.store, readSecret: res.readSecret, ...(ownerKey ? { ownerKey } : {}) };
    await (await database()).kv.put({ key: shareKey(doc.id), value: next });
    if (current?.docId === doc.id && store.getState().doc?.id === doc.id) {
      // The old session's copy holds every edit it saw (y-indexeddb writes each update as it happens); the new one
      // loads it before it connects.
      detach();
      await adopt(await newSession(doc.id, next), next);
    }
    return shareLink(doc.id, secret);
  }

  /** "Stop sharing": revokes the secret (the server drops its copy) and goes back to a local-only document. */
  async function stop(): Promise<void> {
    const doc = store.getState().doc;
    if (!doc) return;
    const rec = await readShare(doc.id);
    if (!rec) return;
    // A collaborator whose link no longer opens the document (its owner stopped sharing or replaced the link)
    // has nothing to revoke: stopping keeps the document here as an ordinary one.
    if (rec.ownerKey || !cutOffFrom(store.getState().collab, doc.id)) {
      await post(`/api/share/${encodeURIComponent(doc.id)}/revoke`, rec.ownerKey ? { ownerKey: rec.ownerKey } : { secret: rec.secret }).catch((e: Error) => {
        // Already revoked elsewhere: this browser stops sharing all the same.
        if (!/not shared|not_shared|invalid/i.test(e.message)) throw e;
      });
    }
    const session = current;
    if (session) {
      // The local snapshots take the shared text as it is now, so the document reopens with every edit.
      for (const id of doc.sectionIds) {
        const frag = session.ydoc.getXmlFragment(id);
        if (frag.length) await deps.saveContent(id, rt().yXmlFragmentToProsemirrorJSON(frag) as RichDoc);
      }
      await deps.flushSaves();
    }
    await (await database()).kv.delete(shareKey(doc.id));
    const clear = session?.clearLocal();
    detach();
    await clear;
  }

  /** Opens a share link: connects, and once synced creates (or updates) the document in this browser. */
  async function openLink(docId: string, secret: string): Promise<boolean> {
    const s = store.getState();
    const refuse = (message: string) => { s.notify(message, { tone: 'error' }); return false; };
    if (!DOCUMENT_ID_PATTERN.test(docId) || !SHARE_SECRET_PATTERN.test(secret)) return refuse('This share link is not valid: it is incomplete or mistyped.');
    const known = await readShare(docId);
    if (known?.secret === secret && await (await database()).documents.get(docId)) { await deps.openDocument(docId); return true; }
    // The owner opening their own read-only link: this browser keeps the document as its owner.
    if (known?.readSecret === secret && await (await database()).documents.get(docId)) {
      await deps.openDocument(docId);
      s.notify('That is the read-only link of a document you share: it opens here as yours.');
      return true;
    }
    const rec: ShareRecord = { secret, store: `longhand-y-${docId}-${Date.now()}` };
    const session = await newSession(docId, rec);
    // Until the server answers there is nothing to show; say what is happening (offline, this waits for the network).
    const opening = s.notify('Opening the shared document…');
    const synced = await session.firstSync;
    s.dismiss(opening);
    if (!synced) {
      const why = session.sync();
      session.destroy();
      await session.clearLocal().catch(() => {});
      return refuse(why.kind === 'refused' ? why.message : 'The shared document could not be reached.');
    }
    if (session.readOnly()) rec.readOnly = true;
    // This browser's copy under the earlier secret may hold edits the server lacks (see takeEarlierCopy).
    // Not into a read-only session: the server would refuse it, and it would sit unsent in the reader's copy.
    const earlier = known && known.store !== rec.store && !rec.readOnly
      ? await rt().takeEarlierCopy(session, known.store).catch(() => null) : null;
    const snap = readOutline(session.outline);
    const ids = sectionIdsOf(snap);
    if (!ids.length) { session.destroy(); return refuse('The shared document is empty: its owner has not finished sharing it.'); }
    const now = Date.now();
    const db = await database();
    const row = await db.documents.get(docId);
    // A document this browser holds as its own (it stopped sharing it, or was cut off and kept it) is about to show
    // the shared text instead: what only it holds is kept first, as a document of its own.
    if (row && !row.deletedAt && !known) {
      const mine = await localCopyMissing(row, session).catch(() => null);
      if (mine) await keepEarlierCopy(mine, 'Your copy of this document', 'the shared document');
    }
    if (!row || row.deletedAt) {
      const doc: DocumentMeta = {
        id: docId, title: '', brief: '', targetWords: 0, checklist: [], createdAt: now, updatedAt: now, wordCount: 0,
        ...snap.doc, sectionIds: ids,
      };
      const sections = ids.map((id) => ({ ...blank(docId, id), ...snap.sections[id] }));
      await db.transaction('rw', db.documents, db.sections, db.contents, async () => {
        await db.sections.bulkPut(sections);
        await db.contents.bulkPut(ids.map((id) => ({ id, docId, doc: rt().yXmlFragmentToProsemirrorJSON(session.ydoc.getXmlFragment(id)) as RichDoc, updatedAt: now })));
        await db.documents.put(doc);
      });
    }
    // The earlier copy is held (as in use) from before the record stops naming it until it is retired: a sweep in
    // another tab meanwhile must not take it for an orphan, and keep or delete it a second time.
    const retiring = known && known.store !== rec.store && earlier ? { store: known.store, earlier, release: await rt().holdCopy(known.store) } : null;
    // A new secret for a document this browser had starts a new Y state (its old one belongs to the old share).
    await (await database()).kv.put({ key: shareKey(docId), value: rec });
    pending = { session, rec };
    if (retiring) void retireEarlierCopy(session, retiring.store, retiring.earlier).finally(retiring.release);
    await deps.refreshLibrary();
    if (store.getState().doc?.id === docId) { detach(); pending = null; await adopt(session, rec); }
    else await deps.openDocument(docId);
    return true;
  }

  /**
   * The copy under the earlier secret is no longer anyone's (the share record names the new one): keeps what only
   * it holds as a document of its own, then deletes it once this browser's new copy holds the merge. Left in
   * place if either step fails, so a later version can still find it.
   */
  async function retireEarlierCopy(session: CollabSession, earlierStore: string, earlier: EarlierCopy): Promise<void> {
    try {
      if (earlier.missing) await keepEarlierCopy(earlier.missing, 'Your copy from the earlier link', 'the shared document');
      if (earlier.merged) await session.whenSavedLocally();
      await rt().deleteLocalCopy(earlierStore);
    } catch (e) {
      console.warn(`Longhand: the copy of ${session.docId} under its earlier link stays in this browser: ${(e as Error).message}`);
    }
  }

  /**
   * Keeps a copy holding text `lacking` (the document it is compared with) does not have, as a document of its own,
   * and says so. The one way every path keeps a copy: a link opened over a local document, the retirement of the
   * copy under an earlier link, the sweep of orphaned copies.
   */
  async function keepEarlierCopy(copy: NonNullable<EarlierCopy['missing']>, whose: string, lacking: string): Promise<void> {
    const title = `${copy.title || 'Untitled document'} (your earlier copy)`;
    await deps.keepCopy(title, copy.sections); // it refreshes the library
    store.getState().notify(`${whose} had text that is not in ${lacking}. It is kept in your library as “${title}”.`);
  }

  /** The local document `row` as a copy to keep, if it holds text the shared document (`session`) lacks. */
  async function localCopyMissing(row: DocumentMeta, session: CollabSession): Promise<EarlierCopy['missing']> {
    const db = await database();
    const metas = await db.sections.bulkGet(row.sectionIds);
    const mine = await Promise.all(row.sectionIds.map(async (id, i) => ({ id, title: metas[i]?.title ?? '', doc: await localText(id) })));
    if (!sectionsWithMissingText(mine, rt().sharedTexts(session)).length) return null;
    return { title: row.title, sections: mine.map(({ title, doc }) => ({ title, doc })) };
  }

  /** A section's shared text (for services that read unmounted sections), or null when not shared. */
  function readSection(sectionId: string): RichDoc | null {
    const c = store.getState().collab;
    if (!current || !c?.ready || c.session !== current) return null;
    const frag = current.ydoc.getXmlFragment(sectionId);
    return frag.length ? rt().yXmlFragmentToProsemirrorJSON(frag) as RichDoc : null;
  }

  /** Writes a section's text into the shared document (a stream into an unmounted section); false if not shared. */
  function writeSection(sectionId: string, doc: RichDoc): boolean {
    const c = store.getState().collab;
    if (!current || !c?.ready || c.session !== current || !store.getState().sections[sectionId]) return false;
    const session = current;
    session.ydoc.transact(() => rt().prosemirrorJSONToYXmlFragment(deps.schema(), doc, session.ydoc.getXmlFragment(sectionId)));
    return true;
  }

  /**
   * Before this browser starts Write all or Plan outline in a shared document: makes sure no collaborator's job
   * runs or starts at the same moment (see jobs.ts, "Starting a job"). Resolves 'go' (the claim stays published
   * until the job itself is, which the caller starts at once), 'busy' (a claim of this browser is under way:
   * do nothing), or the refusal to show the writer; the claim is then withdrawn and nothing was written.
   * A document that is not shared always goes.
   */
  async function claimJob(kind: JobKind, sections: string[]): Promise<'go' | 'busy' | { refused: string }> {
    const c = store.getState().collab;
    if (!current || !c || c.session !== current) return 'go';
    const session = current;
    const sync = session.sync();
    // Refused for good (sharing stopped, over the size limit): no collaborator can receive this browser's text
    // through this share any more, so there is no one to collide with: the job runs here, as in a local document.
    if (sync.kind === 'refused') return 'go';
    if (claiming) return 'busy';
    const name = kind === 'plan' ? 'Plan outline' : 'Write all';
    // Offline (or still connecting) this browser cannot know whether a collaborator is writing the same sections,
    // and Yjs would later merge both texts into each section, not pick one: the duplicate this check exists to
    // prevent. The model is reached through the same server anyway, so waiting for the connection costs nothing.
    const offline = { refused: `${name} needs the connection to the shared document, to make sure no one else writes it at the same time. Try again once it shows Synced.` };
    if (sync.kind !== 'synced' && sync.kind !== 'syncing') return offline;
    const claim: JobLock = { kind, sections };
    claiming = true;
    let outcome: Awaited<ReturnType<CollabSession['claimJob']>>;
    try { outcome = await session.claimJob(claim, { kind, by: user().name }); } finally { claiming = false; }
    if (!outcome) { withdrawClaim(); return offline; }
    // Another browser holds the start lease: it is starting (or just started) its job, and this one never published.
    if ('held' in outcome) return { refused: claimRefusal(kind, { ...outcome.held, sections: [] }) };
    const holder = decideClaim(session.provider.awareness?.clientID ?? -1, outcome.states);
    if (holder) { withdrawClaim(); return { refused: claimRefusal(kind, holder) }; }
    // The claim holds. `publishedJob` still names what was published before it, so the store subscription
    // replaces the claim with the job itself as soon as the caller starts it.
    return 'go';
  }

  /** Puts back the `job` field the claim replaced: after a refusal, or when the caller of a claim that held
   * finds nothing left to do. */
  function withdrawClaim(): void {
    if (!current) return;
    current.provider.setAwarenessField('job', JSON.parse(publishedJob));
    current.releaseStart();
  }

  /** The share's read-only link, for the dialog: only the browser that shared the document (or made its last
   *  new link) holds it. */
  async function links(docId: string): Promise<{ readLink: string | null }> {
    const rec = await readShare(docId);
    return { readLink: rec?.readSecret ? shareLink(docId, rec.readSecret) : null };
  }

  return { start, share, newLink, stop, mayManage, links, openLink, setName, user, readSection, writeSection, claimJob, withdrawClaim, isShared: async (docId: string) => !!await readShare(docId) };
}

function blank(docId: string, id: string): SectionMeta {
  return {
    id, docId, title: '', brief: '', targetWords: 0, status: 'empty', wordCount: 0, summary: '',
    checklist: [], streaming: null, interrupted: false, updatedAt: Date.now(),
  };
}

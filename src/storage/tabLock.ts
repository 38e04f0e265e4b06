// One tab edits a document at a time, and a hand-over never loses a word.
//
// The tab that edits a document holds a Web Lock named after it. A tab that opens the same document asks for
// the lock; if another tab holds it, the new tab says so on a BroadcastChannel and waits. The holder then
// stops input at once (synchronously, before any await, so no keystroke lands after it decided to let go),
// writes everything it still owes to storage, and only then releases the lock. The new tab is granted the
// lock after that write, reads storage, and only then becomes editable. The latest claim wins because the
// writer's latest action is the one they mean.
//
// The lock is released by the browser when a tab closes or crashes, so a dead holder never blocks anyone. A
// holder answers a claim at once ("leaving") and then takes as long as its write takes: a loaded machine makes
// that slow, and the claimant must not read early. Only a holder that does not answer at all (a frozen tab) is
// overtaken, after `stealAfterMs`; it finds out when its lock is stolen and goes read-only too.
//
// Web Locks exist only in secure contexts (https, localhost). Served over plain http on a network address,
// the claimant instead waits for the holder's "released" message, for at most `fallbackWaitMs`.

type Msg = { type: 'claim' | 'leaving' | 'released'; docId: string; tabId: string };

export interface TabLock {
  /** Resolves once this tab holds the document's lock: any previous holder has written what it owed. Null when
   *  a later acquire or a release superseded this one before it was granted. `early`: the lock taken for this
   *  document before the app loaded (holdEarly), taken over when it is still held. */
  acquire(docId: string, early?: EarlyLock | null): Promise<{ waited: boolean; stolen: boolean } | null>;
  /** Lets go of the held document (opening another document, deleting it). */
  release(): void;
  holds(docId: string): boolean;
  close(): void;
}

export interface TabLockOptions {
  /** Called when another tab takes the document: stop input synchronously, then write what is owed. */
  onLost: (docId: string) => Promise<void> | void;
  channelName?: string;
  stealAfterMs?: number;
  fallbackWaitMs?: number;
  locks?: LockManager | null;
}

const lockName = (docId: string) => `longhand-doc:${docId}`;
const CHANNEL = 'longhand-tabs';

/** A document's lock taken before the app's TabLock exists (storage/earlyOpen.ts), for it to take over. */
export interface EarlyLock {
  /** The lock's release, now the caller's, with `onStolen` called if another tab steals it later; null when the
   *  lock was let go meanwhile (another tab claimed it: reads made under it may be stale). */
  adopt(onStolen: () => void): (() => void) | null;
  /** Whether adopt handed it over (reads made under it are as good as reads made after acquiring it). */
  adopted(): boolean;
  /** Lets go of a lock nobody adopted. */
  drop(): void;
}

/**
 * The lock for `docId` if no tab holds it, taken while the page is still loading, so the document can be read
 * under it before the app's code has arrived. Until adopted it owes nothing (nothing was typed here yet), so a
 * claim from another tab is answered by letting go at once. Null without Web Locks or when another tab holds it.
 */
export function holdEarly(docId: string, opts: { locks?: LockManager | null; channelName?: string } = {}): Promise<EarlyLock | null> {
  const locks = opts.locks !== undefined ? opts.locks : (typeof navigator !== 'undefined' && navigator.locks) || null;
  if (!locks) return Promise.resolve(null);
  return new Promise((resolve) => {
    let state: 'held' | 'adopted' | 'gone' = 'held';
    let release: (() => void) | null = null;
    let stolen: (() => void) | null = null;
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(opts.channelName ?? CHANNEL);
    const drop = () => {
      if (state !== 'held') return;
      state = 'gone';
      channel?.close();
      release?.();
    };
    if (channel) channel.onmessage = (ev: MessageEvent<Msg>) => { if (ev.data?.type === 'claim' && ev.data.docId === docId) drop(); };
    const early: EarlyLock = {
      adopt(onStolen) {
        if (state !== 'held' || !release) return null;
        state = 'adopted';
        channel?.close();
        stolen = onStolen;
        return release;
      },
      adopted: () => state === 'adopted',
      drop,
    };
    locks.request(lockName(docId), { mode: 'exclusive', ifAvailable: true }, (lock) => {
      if (!lock || state !== 'held') { drop(); resolve(null); return undefined; }
      return new Promise<void>((r) => { release = r; resolve(early); });
    }).catch(() => {
      // Stolen (a frozen-looking tab is overtaken): before adoption the early reads are simply not used.
      if (state === 'adopted') stolen?.();
      else { drop(); resolve(null); }
    });
  });
}

export function createTabLock({ onLost, channelName = CHANNEL, stealAfterMs = 5_000, fallbackWaitMs = 500, locks }: TabLockOptions): TabLock {
  const tabId = Math.random().toString(36).slice(2);
  const lockManager = locks !== undefined ? locks : (typeof navigator !== 'undefined' && navigator.locks) || null;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  let held: { docId: string; release: () => void } | null = null;
  // Acquisitions are numbered so a slow acquisition for a document the writer already left does not win.
  let generation = 0;

  // While letting go the tab still counts as the holder: what the editor reads in as it stops (a keystroke
  // still in the DOM) must be written before the other tab reads, not dropped as if already handed over.
  let leaving: string | null = null;
  const letGo = async (docId: string) => {
    const h = held;
    if (!h || h.docId !== docId || leaving === docId) return;
    leaving = docId;
    channel?.postMessage({ type: 'leaving', docId, tabId } satisfies Msg);
    try { await onLost(docId); } finally {
      leaving = null;
      if (held === h) held = null;
      h.release();
      channel?.postMessage({ type: 'released', docId, tabId } satisfies Msg);
    }
  };
  const released = new Set<(docId: string) => void>();
  const answered = new Set<(docId: string) => void>();

  if (channel) {
    channel.onmessage = (ev: MessageEvent<Msg>) => {
      const m = ev.data;
      if (!m || m.tabId === tabId) return;
      if (m.type === 'released') released.forEach((fn) => fn(m.docId));
      else if (m.type === 'leaving') answered.forEach((fn) => fn(m.docId));
      else if (m.type === 'claim' && m.docId === held?.docId) void letGo(m.docId);
    };
  }

  /** Without Web Locks: announce the claim and give a holder, if any, a moment to write and answer. */
  function claimWithoutLocks(docId: string): Promise<void> {
    return new Promise((done) => {
      let timer = setTimeout(() => finish(), fallbackWaitMs);
      const finish = () => { clearTimeout(timer); released.delete(onReleased); answered.delete(onAnswer); done(); };
      const onReleased = (id: string) => { if (id === docId) finish(); };
      // A holder that answered is writing: give it as long as a write can reasonably take.
      const onAnswer = (id: string) => { if (id === docId) { clearTimeout(timer); timer = setTimeout(finish, 60_000); } };
      released.add(onReleased);
      answered.add(onAnswer);
      channel?.postMessage({ type: 'claim', docId, tabId } satisfies Msg);
    });
  }

  /** Holds the lock until `release` is called; resolves when granted. */
  function hold(docId: string, opts: LockOptions): Promise<(() => void) | null> {
    if (!lockManager) return claimWithoutLocks(docId).then(() => () => {});
    return new Promise((granted, failed) => {
      lockManager.request(lockName(docId), opts, (lock) => {
        if (!lock) { granted(null); return undefined; }
        return new Promise<void>((release) => granted(release));
      }).catch((e: unknown) => {
        // A stolen lock rejects the holder's request: this tab lost the document without being asked.
        if (e instanceof DOMException && e.name === 'AbortError' && held?.docId === docId) void letGo(docId);
        else failed(e);
      });
    });
  }

  return {
    async acquire(docId, early) {
      const mine = ++generation;
      if (held?.docId === docId) return { waited: false, stolen: false };
      if (held) { const h = held; held = null; h.release(); }
      // Taken over synchronously: from here on this TabLock answers claims for it.
      const adopted = early?.adopt(() => { if (held?.docId === docId) void letGo(docId); });
      if (adopted) { held = { docId, release: adopted }; return { waited: false, stolen: false }; }
      let waited = false;
      let stolen = false;
      let release = await hold(docId, { mode: 'exclusive', ifAvailable: true });
      if (!release) {
        waited = true;
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), stealAfterMs);
        // The holder answered: it is alive and writing, so wait for its release however long the write takes.
        const onAnswer = (id: string) => { if (id === docId) clearTimeout(timer); };
        answered.add(onAnswer);
        channel?.postMessage({ type: 'claim', docId, tabId } satisfies Msg);
        try {
          release = await hold(docId, { mode: 'exclusive', signal: timeout.signal });
        } catch (e) {
          if (!(e instanceof DOMException && e.name === 'AbortError')) throw e;
          stolen = true;
          release = await hold(docId, { mode: 'exclusive', steal: true });
        } finally { clearTimeout(timer); answered.delete(onAnswer); }
      }
      const r = release ?? (() => {});
      if (mine !== generation) { r(); return null; }
      held = { docId, release: r };
      return { waited, stolen };
    },
    release() {
      generation++;
      const h = held;
      held = null;
      h?.release();
    },
    holds: (docId) => held?.docId === docId,
    close() { this.release(); channel?.close(); },
  };
}

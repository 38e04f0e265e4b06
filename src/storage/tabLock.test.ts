import { describe, expect, it } from 'vitest';
import { createTabLock, holdEarly } from './tabLock';

// Node has BroadcastChannel but no Web Locks: a minimal exclusive LockManager with the options the tab lock
// uses (ifAvailable, signal, steal). The e2e tests run the same code against Chromium's real one.
function fakeLocks(): LockManager {
  const holders = new Map<string, { release: () => void; reject: (e: unknown) => void }>();
  const queues = new Map<string, Array<() => void>>();
  const grant = (name: string, cb: LockGrantedCallback<unknown>, resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
    let release!: () => void;
    const done = new Promise<void>((r) => { release = r; });
    holders.set(name, { release, reject });
    Promise.resolve(cb({ name, mode: 'exclusive' } as Lock)).then(resolve, reject).finally(() => release());
    void done.then(() => {
      if (holders.get(name)?.release !== release) return;
      holders.delete(name);
      queues.get(name)?.shift()?.();
    });
  };
  return {
    request(name: string, opts: LockOptions | LockGrantedCallback<unknown>, maybeCb?: LockGrantedCallback<unknown>) {
      const o = (typeof opts === 'function' ? {} : opts) as LockOptions;
      const cb = (typeof opts === 'function' ? opts : maybeCb)!;
      return new Promise<any>((resolve, reject) => {
        if (o.steal) {
          const old = holders.get(name);
          holders.delete(name);
          old?.reject(new DOMException('stolen', 'AbortError'));
          old?.release();
          grant(name, cb, resolve, reject);
        } else if (!holders.has(name)) grant(name, cb, resolve, reject);
        else if (o.ifAvailable) Promise.resolve(cb(null)).then(resolve, reject);
        else {
          const q = queues.get(name) ?? [];
          const entry = () => grant(name, cb, resolve, reject);
          q.push(entry);
          queues.set(name, q);
          o.signal?.addEventListener('abort', () => {
            const i = q.indexOf(entry);
            if (i >= 0) { q.splice(i, 1); reject(new DOMException('aborted', 'AbortError')); }
          });
        }
      });
    },
    query: async () => ({ held: [], pending: [] }),
  } as LockManager;
}

describe('tab lock', () => {
  it('a claimant is granted the document only after the holder stopped input and wrote what it owed', async () => {
    const locks = fakeLocks();
    const channelName = `test-${Math.random()}`;
    const events: string[] = [];
    let finishWrite!: () => void;
    const a = createTabLock({
      locks, channelName,
      onLost: (id) => {
        events.push(`a stops input on ${id}`);
        return new Promise<void>((r) => { finishWrite = () => { events.push('a wrote'); r(); }; });
      },
    });
    const b = createTabLock({ locks, channelName, onLost: () => { events.push('b lost'); } });
    expect(await a.acquire('doc1')).toEqual({ waited: false, stolen: false });
    const granted = b.acquire('doc1').then((r) => { events.push('b granted'); return r; });
    await expect.poll(() => events).toEqual(['a stops input on doc1']);
    expect(b.holds('doc1')).toBe(false);
    finishWrite();
    expect(await granted).toEqual({ waited: true, stolen: false });
    expect(events).toEqual(['a stops input on doc1', 'a wrote', 'b granted']);
    expect(a.holds('doc1')).toBe(false);
    expect(b.holds('doc1')).toBe(true);
    // Another document is independent.
    expect(await a.acquire('doc2')).toEqual({ waited: false, stolen: false });
    expect(events).not.toContain('b lost');
    a.close(); b.close();
  });

  it('a holder that never answers is overtaken, and finds out that it lost the document', async () => {
    const locks = fakeLocks();
    const lost: string[] = [];
    // A frozen tab: it holds the lock but hears nothing on the channel.
    const a = createTabLock({ locks, channelName: `frozen-${Math.random()}`, onLost: (id) => { lost.push(id); } });
    const b = createTabLock({ locks, channelName: `other-${Math.random()}`, onLost: () => {}, stealAfterMs: 20 });
    await a.acquire('doc1');
    expect(await b.acquire('doc1')).toEqual({ waited: true, stolen: true });
    await expect.poll(() => lost).toEqual(['doc1']);
    expect(a.holds('doc1')).toBe(false);
    a.close(); b.close();
  });

  it('an acquire superseded by another document resolves to null and holds nothing', async () => {
    const locks = fakeLocks();
    const channelName = `sup-${Math.random()}`;
    let write!: () => void;
    const a = createTabLock({ locks, channelName, onLost: () => new Promise<void>((r) => { write = r; }) });
    const b = createTabLock({ locks, channelName, onLost: () => {} });
    await a.acquire('doc1');
    const first = b.acquire('doc1');
    await expect.poll(() => typeof write).toBe('function');
    const second = b.acquire('doc2');
    write();
    expect(await first).toBeNull();
    expect(await second).toEqual({ waited: false, stolen: false });
    expect(b.holds('doc2')).toBe(true);
    a.close(); b.close();
  });

  it('without Web Locks (plain http on a network address) the holder still writes before the claimant reads', async () => {
    const channelName = `nolocks-${Math.random()}`;
    const events: string[] = [];
    const a = createTabLock({ locks: null, channelName, onLost: async () => { events.push('a stops'); await new Promise((r) => setTimeout(r, 20)); events.push('a wrote'); } });
    const b = createTabLock({ locks: null, channelName, onLost: () => {}, fallbackWaitMs: 5_000 });
    await a.acquire('doc1');
    await b.acquire('doc1');
    events.push('b granted');
    expect(events).toEqual(['a stops', 'a wrote', 'b granted']);
    a.close(); b.close();
  });

  it('a holder that answers is never overtaken, however long its write takes', async () => {
    const locks = fakeLocks();
    const channelName = `slow-${Math.random()}`;
    let write!: () => void;
    const a = createTabLock({ locks, channelName, onLost: () => new Promise<void>((r) => { write = r; }) });
    const b = createTabLock({ locks, channelName, onLost: () => {}, stealAfterMs: 30 });
    await a.acquire('doc1');
    let granted = false;
    const got = b.acquire('doc1').then((r) => { granted = true; return r; });
    await expect.poll(() => typeof write).toBe('function');
    // Far longer than stealAfterMs: the answer means "writing", so B keeps waiting.
    await new Promise((r) => setTimeout(r, 200));
    expect(granted).toBe(false);
    write();
    expect(await got).toEqual({ waited: true, stolen: false });
    a.close(); b.close();
  });

  it('a lock taken before the app loaded is taken over, and answers the next claim like any other', async () => {
    const locks = fakeLocks();
    const channelName = `early-${Math.random()}`;
    const lost: string[] = [];
    const early = await holdEarly('doc1', { locks, channelName });
    expect(early).not.toBeNull();
    const a = createTabLock({ locks, channelName, onLost: (id) => { lost.push(id); } });
    expect(await a.acquire('doc1', early)).toEqual({ waited: false, stolen: false });
    expect(early!.adopted()).toBe(true);
    expect(a.holds('doc1')).toBe(true);
    const b = createTabLock({ locks, channelName, onLost: () => {} });
    expect(await b.acquire('doc1')).toEqual({ waited: true, stolen: false });
    expect(lost).toEqual(['doc1']);
    expect(a.holds('doc1')).toBe(false);
    a.close(); b.close();
  });

  it('an early lock claimed before it was taken over lets go at once, and is not taken over (its reads may be stale)', async () => {
    const locks = fakeLocks();
    const channelName = `early-claim-${Math.random()}`;
    const early = await holdEarly('doc1', { locks, channelName });
    const b = createTabLock({ locks, channelName, onLost: () => {} });
    expect(await b.acquire('doc1')).toEqual({ waited: true, stolen: false });
    const a = createTabLock({ locks, channelName, onLost: () => {} });
    const granted = a.acquire('doc1', early);
    expect(await granted).toEqual({ waited: true, stolen: false });
    expect(early!.adopted()).toBe(false);
    a.close(); b.close();
  });

  it('no early lock while another tab holds the document', async () => {
    const locks = fakeLocks();
    const channelName = `early-held-${Math.random()}`;
    const b = createTabLock({ locks, channelName, onLost: () => {} });
    await b.acquire('doc1');
    expect(await holdEarly('doc1', { locks, channelName })).toBeNull();
    b.close();
  });
});

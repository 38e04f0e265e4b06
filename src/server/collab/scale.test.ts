// Scale-out: two instances with REDIS_URL + DATABASE_URL serve one document. A client on each sees the other's
// edits; one instance SIGKILLed mid-typing and restarted loses nothing acknowledged; compaction by either
// instance keeps every edit exactly once; "Stop sharing" on one instance closes the other's connections.
import { afterAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../shared/collab';
import {
  docId, releaseStartLease, revoke, share, takeStartLease, textOf, type, until, untilAsync, type Client,
} from './testing/client';
import * as Y from 'yjs';
import { countRows, storeUnrelayedUpdate } from './testing/services';
import { scaleOut } from './testing/scaleOut';
import type { Child } from './testing/spawn';

const { prefix, start, open, cleanup } = scaleOut('scale');
/** The two instances left running by the first test (the second test reuses them). */
let running: [Child, Child] | undefined;

afterAll(cleanup);

const occurrences = (text: string, token: string) => text.split(`>${token}<`).length - 1;

describe('two instances with Redis and PostgreSQL', () => {
  it('clients on different instances edit one document; a SIGKILLed instance restarted loses nothing', async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const id = docId('scale');
    const { json } = await share(one.url, id);
    const a = open(one.url, id, json.secret);
    const b = open(two.url, id, json.secret);
    await until(() => a.isSynced() && b.isSynced(), 'both synced');

    type(a, 's', 'from-one');
    type(b, 's', 'from-two');
    await until(() => textOf(a.doc, 's').includes('>from-two<') && textOf(b.doc, 's').includes('>from-one<'),
      'each sees the other across instances', 5_000);

    // Both type; instance one is killed once each has 60 acknowledged, while they go on typing.
    let typing = true;
    let aAlive = true;
    let i = 0;
    const inFlight = (c: Client) => c.sent.length - c.acked.length;
    const loop = (async () => {
      while (typing) {
        if (aAlive) type(a, 's', `a-${i}`);
        type(b, 's', `b-${i}`);
        i++;
        await new Promise((ok) => setImmediate(ok));
        await until(() => !typing || ((!aAlive || inFlight(a) < 8) && inFlight(b) < 8), 'window', 30_000);
      }
    })();
    await until(() => a.acked.length >= 60 && b.acked.length >= 60, '60 acknowledged each', 30_000);
    await one.kill('SIGKILL');
    aAlive = false;
    const ackedA = [...a.acked];
    // b keeps typing on instance two for a while after the kill.
    await until(() => b.acked.length >= ackedA.length + 30, 'b goes on after the kill', 30_000);
    typing = false;
    await loop;
    await until(() => b.isSynced(), 'b fully acknowledged');
    const ackedB = [...b.acked];
    a.destroy();

    // a's last acknowledged edits are in PostgreSQL but may never have reached instance two: instance one can die
    // after storing and acknowledging an update and before relaying it through Redis. With a gone and instance
    // one not yet back, the only way for them to reach instance two's clients is its own compaction taking in
    // what the database holds (b's typing scheduled one).
    const early = open(two.url, id, json.secret);
    await until(() => early.isSynced() && ackedA.every((t) => textOf(early.doc, 's').includes(`>${t}<`)),
      'instance two serves every edit a had acknowledged', 30_000);

    const again = await start();
    const onRestarted = open(again.url, id, json.secret);
    const onTwo = open(two.url, id, json.secret);
    await until(() => onRestarted.isSynced() && onTwo.isSynced(), 'fresh clients synced on both');
    for (const c of [onRestarted, onTwo]) {
      const text = textOf(c.doc, 's');
      expect(ackedA.filter((t) => !text.includes(`>${t}<`)), 'a\'s acknowledged edits').toEqual([]);
      expect(ackedB.filter((t) => !text.includes(`>${t}<`)), 'b\'s acknowledged edits').toEqual([]);
    }

    // Compaction (debounced store on instance two) folds every increment into one state; still everything,
    // exactly once.
    await until(() => textOf(onRestarted.doc, 's') === textOf(b.doc, 's'), 'all instances agree');
    await untilAsync(async () => await countRows(prefix, 'doc_updates', id) === 0 && await countRows(prefix, 'doc_state', id) === 1,
      'increments compacted into the state', 30_000);
    const late = open(again.url, id, json.secret);
    await until(() => late.isSynced(), 'a late client synced');
    const final = textOf(late.doc, 's');
    for (const t of [...ackedA, ...ackedB, 'from-one', 'from-two']) expect(occurrences(final, t), t).toBe(1);
    running = [again, two];
  }, 120_000);

  it('an acknowledged update stored by an instance that died before relaying it reaches the other instance\'s clients', async () => {
    const [one, two] = running ?? await Promise.all([start(), start()]);
    const id = docId('heal');
    const { json } = await share(one.url, id);
    const b = open(two.url, id, json.secret);
    type(b, 's', 'first');
    await until(() => b.isSynced() && b.acked.includes('first'), 'b acknowledged');
    // The orphan: an edit from a client whose instance stored it and died before publishing it to Redis.
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(b.doc));
    const before = Y.encodeStateVector(ghost);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('orphan')]);
    ghost.getXmlFragment('s').insert(0, [p]);
    await storeUnrelayedUpdate(prefix, id, Y.encodeStateAsUpdate(ghost, before));
    // b's next edit schedules instance two's compaction, which must take the orphan in and send it on.
    type(b, 's', 'second');
    await until(() => textOf(b.doc, 's').includes('>orphan<'), 'the orphan reaches the client on instance two', 30_000);
    const late = open(two.url, id, json.secret);
    await until(() => late.isSynced() && textOf(late.doc, 's').includes('>orphan<'), 'and a client that comes later');
  }, 60_000);

  it('Write all pressed on two instances at the same moment: the start lease grants exactly one, and the other names it', async () => {
    const [one, two] = running ?? await Promise.all([start(), start()]);
    for (let round = 0; round < 10; round++) {
      const id = docId('lease');
      const { json } = await share(one.url, id);
      const a = open(one.url, id, json.secret);
      const b = open(two.url, id, json.secret);
      await until(() => a.isSynced() && b.isSynced(), 'both synced');
      const [ra, rb] = await Promise.all([takeStartLease(a, 'Ann'), takeStartLease(b, 'Ben')]);
      expect([ra.granted, rb.granted].filter(Boolean), `round ${round}`).toHaveLength(1);
      const loser = ra.granted ? rb : ra;
      expect(loser.holder?.by).toBe(ra.granted ? 'Ann' : 'Ben');
      // Released by its holder (the job ended): the other may start at once, without waiting for it to expire.
      // The release and the next take travel through different instances, so the take is asked until granted;
      // a lease that was not released would hold for START_LEASE_MS (15 s), far beyond these round trips.
      releaseStartLease(ra.granted ? a : b);
      let again = await takeStartLease(ra.granted ? b : a, 'again');
      for (let i = 0; !again.granted && i < 50; i++) again = await takeStartLease(ra.granted ? b : a, 'again');
      expect(again.granted, `round ${round}, after release`).toBe(true);
      a.destroy();
      b.destroy();
    }
  }, 60_000);

  it('Stop sharing on one instance closes the connections on the other, and a new share starts empty there', async () => {
    const [one, two] = running ?? await Promise.all([start(), start()]);
    const id = docId('revoke-scale');
    const { json } = await share(one.url, id);
    const a = open(one.url, id, json.secret);
    const b = open(two.url, id, json.secret);
    type(a, 's', 'old words');
    await until(() => textOf(b.doc, 's').includes('old words') && b.isSynced(), 'b has the old words');

    expect((await revoke(one.url, id, { ownerKey: json.ownerKey })).status).toBe(200);
    await until(() => b.closes.some((c) => c.code === COLLAB_CLOSE.shareRevoked.code), 'b closed by the other instance', 5_000);
    a.destroy();
    b.destroy();

    const fresh = await share(one.url, id);
    const c = open(two.url, id, fresh.json.secret);
    const d = open(one.url, id, fresh.json.secret);
    type(d, 's', 'new words');
    await until(() => c.isSynced() && textOf(c.doc, 's').includes('new words'), 'the new share syncs across instances');
    expect(textOf(c.doc, 's')).not.toContain('old words');
    expect(textOf(d.doc, 's')).not.toContain('old words');
  }, 60_000);
});

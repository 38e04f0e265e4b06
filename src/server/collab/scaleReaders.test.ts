// Read-only links scaled out: two instances with REDIS_URL + DATABASE_URL, a writer on one and readers on the
// other. The reader follows the writer through Redis; a reader's update is neither applied anywhere nor stored
// (PostgreSQL read directly, and instances restarted from it); a reader's forged claim to be writing is closed
// with 4405 on its instance and never reaches the writer on the other, while the writer's own claims, which the
// reader's provider echoes back, leave the reader connected.
import { afterAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../shared/collab';
import { docId, share, textOf, type, until, untilAsync, type Client } from './testing/client';
import { scaleOut, storedText } from './testing/scaleOut';

const { prefix, start, open, cleanup } = scaleOut('screaders');
afterAll(cleanup);

const namesSeenBy = (c: Client) => [...c.provider.awareness!.getStates().values()]
  .map((s) => (s.user as { name?: string } | undefined)?.name);

describe('read-only links on two instances with Redis and PostgreSQL', () => {
  it('a reader on the other instance follows the writer; its update is neither applied there nor stored, also after both restart', async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const id = docId('screader');
    const { json } = await share(one.url, id);
    const writer = open(one.url, id, json.secret);
    type(writer, 's', 'owner text');
    await until(() => writer.isSynced(), 'writer synced');

    const reader = open(two.url, id, json.readSecret);
    await until(() => reader.scope === 'readonly' && reader.provider.isSynced && textOf(reader.doc, 's').includes('>owner text<'),
      'the reader on instance two received the document');
    type(writer, 's', 'owner again');
    await until(() => textOf(reader.doc, 's').includes('>owner again<'), 'the reader follows the writer across instances');

    // The reader edits: instance two answers (the edit stays unacknowledged) and neither applies nor stores it.
    const before = reader.received.length;
    type(reader, 's', 'reader scribble');
    await until(() => reader.received.length > before, 'instance two answered the reader\'s update');
    expect(reader.provider.unsyncedChanges).toBe(1);
    // Had instance two applied it, it would have published it to Redis before anything sent after it from
    // instance two: a writer's edit there, once it reaches the writer on instance one, has overtaken nothing.
    const barrier = open(two.url, id, json.secret);
    await until(() => barrier.isSynced() && textOf(barrier.doc, 's').includes('>owner again<'), 'a writer on instance two synced');
    expect(textOf(barrier.doc, 's')).not.toContain('reader scribble');
    type(barrier, 's', 'after the scribble');
    await until(() => textOf(writer.doc, 's').includes('>after the scribble<'), 'the writer on instance one has the later edit');
    expect(textOf(writer.doc, 's')).not.toContain('reader scribble');
    // Every update a server acknowledges (or even answers) is appended before it is handled: PostgreSQL has the
    // barrier's edit and not the reader's.
    await untilAsync(async () => (await storedText(prefix, id, 's'))?.includes('>after the scribble<') ?? false, 'the later edit is stored');
    expect(await storedText(prefix, id, 's')).not.toContain('reader scribble');

    // Both instances restart from PostgreSQL: the document is served without the reader's edit.
    for (const c of [writer, reader, barrier]) c.destroy();
    await Promise.all([one.kill('SIGTERM'), two.kill('SIGTERM')]);
    const [three, four] = await Promise.all([start(), start()]);
    const fresh = open(three.url, id, json.secret);
    const freshReader = open(four.url, id, json.readSecret);
    await until(() => fresh.isSynced() && textOf(fresh.doc, 's').includes('>after the scribble<'), 'a restarted instance serves the document');
    await until(() => textOf(freshReader.doc, 's').includes('>after the scribble<'), 'a reader on the other restarted instance too');
    for (const c of [fresh, freshReader]) {
      expect(textOf(c.doc, 's')).toContain('>owner text<');
      expect(textOf(c.doc, 's')).not.toContain('reader scribble');
    }
    await Promise.all([three.kill('SIGTERM'), four.kill('SIGTERM')]);
  }, 90_000);

  it('a reader claiming to be writing is closed with 4405 on its instance, and the claim never reaches the writer on the other', async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const id = docId('scclaim');
    const { json } = await share(one.url, id);
    const writer = open(one.url, id, json.secret);
    type(writer, 's', 'owner text');
    await until(() => writer.isSynced(), 'writer synced');
    // Every awareness state the writer ever holds is looked at, not just the last: the claim's removal when the
    // forger goes would otherwise hide that it had arrived.
    const claimsSeen: unknown[] = [];
    writer.provider.awareness!.on('change', () => {
      for (const st of writer.provider.awareness!.getStates().values()) {
        if ((Array.isArray(st.generating) && st.generating.length > 0) || (st.job ?? null) !== null) claimsSeen.push(st);
      }
    });

    // An honest reader on instance two besides the forger (Hocuspocus's Redis extension relays awareness only for a
    // document with connections on the instance).
    const reader = open(two.url, id, json.readSecret);
    await until(() => textOf(reader.doc, 's').includes('>owner text<'), 'a reader synced');
    const forger = open(two.url, id, json.readSecret);
    await until(() => forger.scope === 'readonly' && textOf(forger.doc, 's').includes('>owner text<'), 'forger received the document');
    // A reader's presence does cross instances.
    forger.provider.setAwarenessField('user', { name: 'Forger' });
    await until(() => namesSeenBy(writer).includes('Forger'), 'the forger\'s presence reached the writer on instance one');

    forger.provider.setAwarenessField('generating', ['s']);
    await until(() => forger.closes.some((c) => c.code === COLLAB_CLOSE.readOnlyClaim.code), 'forger closed with 4405');
    expect(forger.closes.find((c) => c.code === COLLAB_CLOSE.readOnlyClaim.code)?.reason).toBe(COLLAB_CLOSE.readOnlyClaim.reason);
    forger.destroy();
    // A later awareness change from instance two travels the same Redis channel after the claim would have.
    reader.provider.setAwarenessField('user', { name: 'Later reader' });
    await until(() => namesSeenBy(writer).includes('Later reader'), 'the other reader\'s later presence reached the writer');
    expect(claimsSeen).toEqual([]);
    // The writer's own claims do reach the reader on instance two, whose provider echoes them back there: that
    // echo is not the reader's claim, and the reader stays connected.
    writer.provider.setAwarenessField('generating', ['s']);
    writer.provider.setAwarenessField('job', { kind: 'write-all', sections: ['s'] });
    await until(() => [...reader.provider.awareness!.getStates().values()].some((st) => Array.isArray(st.generating) && st.generating.length > 0 && st.job),
      'the reader on instance two sees the writer\'s claims');
    // The honest reader is still connected and following.
    type(writer, 's', 'still here');
    await until(() => textOf(reader.doc, 's').includes('>still here<'), 'the reader follows on');
    expect(reader.closes).toEqual([]);
  }, 60_000);
});

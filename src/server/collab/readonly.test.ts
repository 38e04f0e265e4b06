// Read-only links, through the real server on SQLite and PostgreSQL: the read secret opens the document to read and
// follow; a reader's changes are neither applied, relayed nor stored (also not after a restart on the same
// storage); rotation and revocation close readers too; a share made before read-only links gets its read secret
// at its first rotation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../shared/collab';
import { startServer, type Started } from '../main';
import { hashSecret, newGeneration, newSecret } from './secrets';
import { openPostgresStore } from './storage/postgres';
import { openSqliteStore } from './storage/sqlite';
import type { CollabStore } from './storage/types';
import { connect, docId, revoke, share, takeStartLease, textOf, type, until, type Client } from './testing/client';
import { PG_URL, dropTables, uniquePrefix } from './testing/services';

interface Backend {
  env: Record<string, string>;
  /** A second handle on the same storage, as a test writes rows the server did not. */
  store(): Promise<CollabStore>;
  cleanup(): Promise<void>;
}

const backends: [string, () => Backend][] = [
  ['SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhand-readonly-'));
    return {
      env: { LONGHAND_DATA_DIR: dir },
      store: async () => openSqliteStore(dir, 'longhand_'),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }],
  ['PostgreSQL', () => {
    const prefix = uniquePrefix('readonly');
    return {
      env: { DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix },
      store: () => openPostgresStore(PG_URL, prefix, 5000),
      cleanup: () => dropTables(prefix),
    };
  }],
];

describe.each(backends)('read-only links (%s)', (_name, make) => {
  let backend: Backend;
  let server: Started;
  const clients: Client[] = [];
  const open = (...a: Parameters<typeof connect>) => {
    const c = connect(...a);
    clients.push(c);
    return c;
  };
  /** A new share: its writer has typed `text` and is synced; its reader holds that text. */
  const sharedWithReader = async (name: string, text: string) => {
    const id = docId(name);
    const { json } = await share(server.url, id);
    const writer = open(server.url, id, json.secret);
    type(writer, 's', text);
    await until(() => writer.isSynced(), 'writer synced');
    const reader = open(server.url, id, json.readSecret);
    await until(() => reader.provider.isSynced && textOf(reader.doc, 's').includes(text), 'reader synced');
    return { id, json, writer, reader };
  };
  const start = () => startServer({
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', ...backend.env }, serveClient: false, logSink: () => {},
  });

  beforeAll(async () => {
    backend = make();
    server = await start();
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.close();
    await backend?.cleanup();
  });

  it('create returns a read secret besides the secret; a reader receives the document with scope readonly', async () => {
    const id = docId('ro-read');
    const { status, json } = await share(server.url, id);
    expect(status).toBe(201);
    expect(json.readSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([json.secret, json.readSecret, json.ownerKey]).size).toBe(3);
    const writer = open(server.url, id, json.secret);
    type(writer, 's', 'the first chapter');
    await until(() => writer.isSynced(), 'writer synced');
    expect(writer.scope).toBe('read-write');

    const reader = open(server.url, id, json.readSecret);
    await until(() => textOf(reader.doc, 's').includes('the first chapter'), 'reader received the document');
    expect(reader.scope).toBe('readonly');

    // A writer's later updates reach the reader.
    type(writer, 's', 'a second paragraph');
    await until(() => textOf(reader.doc, 's').includes('a second paragraph'), 'reader follows the writer');
  });

  it('a reader\'s update is neither applied, relayed nor stored, also after a restart; a reader gets no start lease', async () => {
    const { id, json, writer, reader } = await sharedWithReader('ro-write', 'owner text');

    // The reader edits: the server answers (SyncStatus false, so the edit stays unacknowledged) and applies nothing.
    const before = reader.received.length;
    type(reader, 's', 'reader scribble');
    await until(() => reader.received.length > before, 'the server answered the reader\'s update');
    expect(reader.provider.unsyncedChanges).toBe(1);
    expect(reader.isSynced()).toBe(false);

    // A writer's edit sent afterwards reaches the reader; the reader's never reached the writer.
    type(writer, 's', 'owner again');
    await until(() => writer.isSynced() && textOf(reader.doc, 's').includes('owner again'), 'writer edit relayed to the reader');
    expect(textOf(writer.doc, 's')).not.toContain('reader scribble');
    const fresh = open(server.url, id, json.secret);
    await until(() => fresh.isSynced() && textOf(fresh.doc, 's').includes('owner again'), 'a newcomer synced');
    expect(textOf(fresh.doc, 's')).not.toContain('reader scribble');

    // Presence from a reader still reaches the others.
    reader.provider.setAwarenessField('user', { name: 'Beta reader' });
    await until(() => [...writer.provider.awareness!.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Beta reader'), 'reader presence seen');

    // The start lease is refused to a reader, without a holder; a writer still gets it.
    expect(await takeStartLease(reader, 'Beta reader')).toMatchObject({ granted: false });
    expect((await takeStartLease(reader, 'Beta reader')).holder).toBeUndefined();
    expect((await takeStartLease(writer, 'Owner')).granted).toBe(true);

    // A reader claiming to be writing (what only a tampered client sends) is cut off, and no one sees the claim.
    const forger = open(server.url, id, json.readSecret);
    await until(() => forger.isSynced() || textOf(forger.doc, 's').includes('owner again'), 'forger received the document');
    forger.provider.setAwarenessField('generating', ['s']);
    await until(() => forger.closes.some((c) => c.code === COLLAB_CLOSE.readOnlyClaim.code), 'forger closed with 4405');
    type(writer, 's', ' and on');
    await until(() => writer.isSynced(), 'writer synced after the forged claim');
    expect([...writer.provider.awareness!.getStates().values()].some((st) => Array.isArray(st.generating) && st.generating.length > 0)).toBe(false);

    // Nothing of the reader's was stored: a restart on the same storage replays only what writers sent.
    for (const c of [writer, reader, fresh, forger]) c.destroy();
    await server.close();
    server = await start();
    const after = open(server.url, id, json.secret);
    await until(() => after.isSynced() && textOf(after.doc, 's').includes('owner again'), 'restarted server serves the document');
    expect(textOf(after.doc, 's')).toContain('owner text');
    expect(textOf(after.doc, 's')).not.toContain('reader scribble');
    // The reader's own copy, reconnecting with its edit still pending, does not get it in either.
    const back = open(server.url, id, json.readSecret, { doc: reader.doc });
    await until(() => back.provider.isSynced, 'reader reconnected');
    type(after, 's', 'after restart');
    await until(() => textOf(back.doc, 's').includes('after restart'), 'reader follows after the restart');
    expect(textOf(after.doc, 's')).not.toContain('reader scribble');
  });

  it('a reader following a writer who generates or runs Write all stays connected: its provider echoes their claims back, which are not its own', async () => {
    const { writer, reader } = await sharedWithReader('ro-echo', 'owner text');
    const claimOf = (c: Client) => [...c.provider.awareness!.getStates().values()].find((st) => Array.isArray(st.generating) && st.generating.length > 0 && st.job);

    writer.provider.setAwarenessField('generating', ['s']);
    writer.provider.setAwarenessField('job', { kind: 'write-all', sections: ['s'] });
    await until(() => !!claimOf(reader), 'the reader sees the writer\'s claims');
    type(writer, 's', 'streamed');
    writer.provider.setAwarenessField('generating', []);
    writer.provider.setAwarenessField('job', null);
    await until(() => !claimOf(reader) && textOf(reader.doc, 's').includes('streamed'), 'the reader follows the run to its end');
    // The reader's own presence after all that still arrives: it was never cut off.
    reader.provider.setAwarenessField('user', { name: 'Still reading' });
    await until(() => [...writer.provider.awareness!.getStates().values()].some((st) => (st.user as { name?: string } | undefined)?.name === 'Still reading'), 'reader presence seen');
    expect(reader.closes).toEqual([]);
  });

  it('New link closes readers (4411) and replaces the read secret; Stop sharing closes them (4410)', async () => {
    const { id, json, writer, reader } = await sharedWithReader('ro-rotate', 'kept');

    const rotated = await share(server.url, id, { ownerKey: json.ownerKey });
    expect([rotated.status, rotated.json.rotated]).toEqual([200, true]);
    expect(rotated.json.readSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([json.secret, json.readSecret, rotated.json.secret, rotated.json.readSecret]).size).toBe(4);
    await until(() => reader.closes.some((c) => c.code === COLLAB_CLOSE.shareRotated.code), 'reader closed with 4411');
    reader.destroy();
    writer.destroy();

    const stale = open(server.url, id, json.readSecret);
    await until(() => stale.closes.length > 0, 'old read secret refused');
    expect(stale.closes[0].code).toBe(COLLAB_CLOSE.shareInvalid.code);
    expect(textOf(stale.doc, 's')).toBe('');

    const reader2 = open(server.url, id, rotated.json.readSecret);
    await until(() => textOf(reader2.doc, 's').includes('kept') && reader2.scope === 'readonly', 'new read secret reads');
    expect((await revoke(server.url, id, { ownerKey: json.ownerKey })).status).toBe(200);
    await until(() => reader2.closes.some((c) => c.code === COLLAB_CLOSE.shareRevoked.code), 'reader closed with 4410');
    const gone = open(server.url, id, rotated.json.readSecret);
    await until(() => gone.closes.length > 0, 'revoked read secret refused');
    expect(gone.closes[0].code).toBe(COLLAB_CLOSE.shareInvalid.code);
  });

  it('a share made before read-only links has no read secret until its first rotation', async () => {
    const id = docId('ro-legacy');
    const secret = newSecret();
    const key = newSecret();
    const store = await backend.store();
    try {
      await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret(secret), ownerHash: hashSecret(key), readHash: null, createdAt: Date.now() });
    } finally {
      await store.close();
    }
    const writer = open(server.url, id, secret);
    type(writer, 's', 'legacy text');
    await until(() => writer.isSynced() && writer.scope === 'read-write', 'legacy share opens read-write');

    const rotated = await share(server.url, id, { ownerKey: key });
    expect(rotated.status).toBe(200);
    expect(rotated.json.readSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.json.ownerKey).toBeUndefined();
    const reader = open(server.url, id, rotated.json.readSecret);
    await until(() => textOf(reader.doc, 's').includes('legacy text') && reader.scope === 'readonly', 'first read secret reads');
  });
});

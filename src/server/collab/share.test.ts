// Sharing: secrets created, rotated and revoked over /api/share; a wrong, unknown or revoked secret gets nothing
// of the document; "Stop sharing" deletes the server copy, so the next share of the id starts empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../shared/collab';
import { startServer, type Started } from '../main';
import { hashSecret, newGeneration, newSecret, secretMatches } from './secrets';
import { connect, docId, revoke, share, textOf, type, until, type Client } from './testing/client';

let server: Started;
let dir: string;
const clients: Client[] = [];
const open = (...a: Parameters<typeof connect>) => {
  const c = connect(...a);
  clients.push(c);
  return c;
};
const SYNC = 0;

function rows(documentId: string) {
  const db = new Database(join(dir, 'longhand.sqlite'), { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM longhand_${t} WHERE doc_id = ?`).get(documentId) as { n: number }).n;
    return { shares: n('shares'), state: n('doc_state'), updates: n('doc_updates') };
  } finally {
    db.close();
  }
}

/** A client that is refused: told why, then closed with the code, and never sent a sync message. */
async function expectRefused(c: Client, close: { code: number; reason: string }) {
  await until(() => c.closes.length > 0, `closed with ${close.reason}`);
  expect(c.authFailures).toContain(close.reason);
  expect(c.closes[0]).toEqual({ code: close.code, reason: close.reason });
  expect(c.received).not.toContain(SYNC);
  expect(c.doc.share.size).toBe(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'longhand-share-'));
  server = await startServer({
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', LONGHAND_DATA_DIR: dir }, serveClient: false, logSink: () => {},
  });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('share secrets', () => {
  it('creates a 256-bit base64url secret once and stores only its hash', async () => {
    const id = docId('create');
    const first = await share(server.url, id);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ documentId: id, rotated: false });
    expect(first.json.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The owner key: as strong as the secret, another value, also shown only here and kept only as a hash.
    expect(first.json.ownerKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.json.ownerKey).not.toBe(first.json.secret);
    const db = new Database(join(dir, 'longhand.sqlite'), { readonly: true });
    const row = db.prepare('SELECT * FROM longhand_shares WHERE doc_id = ?').get(id) as { secret_hash: Buffer; owner_hash: Buffer };
    db.close();
    expect(row.secret_hash).toHaveLength(32);
    expect(row.owner_hash).toHaveLength(32);
    expect(secretMatches(first.json.ownerKey!, row.owner_hash)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(first.json.secret);
    expect(JSON.stringify(row)).not.toContain(first.json.ownerKey);

    // Already shared: a new link needs the owner key.
    expect((await share(server.url, id)).json.error?.code).toBe('share_exists');
    expect((await share(server.url, id)).status).toBe(409);
    const wrong = await share(server.url, id, { currentSecret: 'A'.repeat(43) });
    expect([wrong.status, wrong.json.error?.code]).toEqual([403, 'owner_key_required']);
  });

  it('a wrong secret, or a document that is not shared, gets nothing: no sync step, closed with a reason', async () => {
    const id = docId('wrong');
    const { json } = await share(server.url, id);
    const owner = open(server.url, id, json.secret);
    type(owner, 's', 'private words');
    await until(() => owner.isSynced(), 'owner synced');

    await expectRefused(open(server.url, id, 'B'.repeat(43)), COLLAB_CLOSE.shareInvalid);
    await expectRefused(open(server.url, id, 'not even a secret'), COLLAB_CLOSE.shareInvalid);
    await expectRefused(open(server.url, docId('never-shared'), json.secret), COLLAB_CLOSE.shareInvalid);
    await expectRefused(open(server.url, 'bad name!', json.secret), COLLAB_CLOSE.badDocumentName);
  });

  it('rotating keeps the content, and only the new secret gets back in', async () => {
    const id = docId('rotate');
    const { json: first } = await share(server.url, id);
    const a = open(server.url, id, first.secret);
    type(a, 's', 'kept across rotation');
    await until(() => a.isSynced(), 'a synced');

    const rotated = await share(server.url, id, { ownerKey: first.ownerKey });
    expect([rotated.status, rotated.json.rotated]).toEqual([200, true]);
    expect(rotated.json.secret).not.toBe(first.secret);
    // The owner key stays the same, so it is not sent again.
    expect(rotated.json.ownerKey).toBeUndefined();
    await until(() => a.closes.some((c) => c.code === COLLAB_CLOSE.shareRotated.code), 'old connection closed');
    a.destroy();

    await expectRefused(open(server.url, id, first.secret), COLLAB_CLOSE.shareInvalid);
    const b = open(server.url, id, rotated.json.secret);
    await until(() => b.isSynced() && textOf(b.doc, 's').includes('kept across rotation'), 'new secret gets the content');
  });

  it('Stop sharing: connections closed, server copy deleted, the revoked secret refused, a new share starts empty', async () => {
    const id = docId('revoke');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    const b = open(server.url, id, json.secret);
    for (let i = 0; i < 5; i++) type(a, 's', `secret text ${i}`);
    await until(() => a.isSynced() && textOf(b.doc, 's').includes('secret text 4'), 'shared and synced');
    expect(rows(id).shares).toBe(1);
    expect(rows(id).updates + rows(id).state).toBeGreaterThan(0);

    expect((await revoke(server.url, id, { ownerKey: 'C'.repeat(43) })).status).toBe(403);
    const res = await revoke(server.url, id, { ownerKey: json.ownerKey });
    expect([res.status, res.json.revoked]).toEqual([200, true]);
    await until(() => a.closes.length > 0 && b.closes.length > 0, 'both closed');
    expect(a.closes[0]).toMatchObject({ code: COLLAB_CLOSE.shareRevoked.code, reason: COLLAB_CLOSE.shareRevoked.reason });
    a.destroy();
    b.destroy();
    expect(rows(id)).toEqual({ shares: 0, state: 0, updates: 0 });

    await expectRefused(open(server.url, id, json.secret), COLLAB_CLOSE.shareInvalid);
    expect((await revoke(server.url, id, { ownerKey: json.ownerKey })).status).toBe(404);

    // Shared again: a new secret, and the server copy starts empty (the old text is not resurrected).
    const again = await share(server.url, id);
    expect(again.status).toBe(201);
    const c = open(server.url, id, again.json.secret);
    await until(() => c.isSynced(), 'newcomer synced');
    expect(textOf(c.doc, 's')).toBe('');
    await expectRefused(open(server.url, id, json.secret), COLLAB_CLOSE.shareInvalid);
  });
});

const owner = async (documentId: string, secret: string) => {
  const res = await fetch(`${server.url}/api/share/${documentId}/owner`, {
    method: 'POST', body: JSON.stringify({ secret }), headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, json: await res.json() as { owned?: boolean; error?: { code: string } } };
};

/** A share row as the server wrote it before owner keys: no owner hash. */
function legacyShare(documentId: string): string {
  const secret = newSecret();
  const db = new Database(join(dir, 'longhand.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('INSERT INTO longhand_shares (doc_id, generation, secret_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(documentId, newGeneration(), hashSecret(secret), Date.now());
  } finally {
    db.close();
  }
  return secret;
}

describe('only the owner key makes a new link or stops sharing', () => {
  it('a collaborator holding the link is refused with the reason; nothing changes and no one is cut off', async () => {
    const id = docId('guest');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    type(a, 's', 'before');
    await until(() => a.isSynced(), 'a synced');
    expect(await owner(id, json.secret)).toEqual({ status: 200, json: { documentId: id, owned: true } });

    const refusals = [
      await share(server.url, id, { currentSecret: json.secret }),
      await share(server.url, id, { currentSecret: json.secret, ownerKey: 'D'.repeat(43) }),
      await share(server.url, id, { ownerKey: json.secret }),
      await revoke(server.url, id, { secret: json.secret }),
      await revoke(server.url, id, { secret: json.secret, ownerKey: 'D'.repeat(43) }),
      await revoke(server.url, id, { ownerKey: json.secret }),
    ];
    expect(refusals.map((r) => [r.status, r.json.error?.code])).toEqual([
      [403, 'owner_key_required'], [403, 'owner_key_mismatch'], [403, 'owner_key_mismatch'],
      [403, 'owner_key_required'], [403, 'owner_key_mismatch'], [403, 'owner_key_mismatch'],
    ]);
    expect(refusals.map((r) => (r.json.error as { message?: string } | undefined)?.message ?? '').every((m) => m.includes('Only the person who shared this document'))).toBe(true);

    // Nothing changed: the share, its copy and its secret are there, and the connection was never closed.
    expect(rows(id).shares).toBe(1);
    expect(rows(id).updates + rows(id).state).toBeGreaterThan(0);
    type(a, 's', 'after');
    await until(() => a.isSynced(), 'a still synced');
    expect(a.closes).toEqual([]);
    const b = open(server.url, id, json.secret);
    await until(() => b.isSynced() && textOf(b.doc, 's').includes('after'), 'the secret still opens the document');

    // The owner key works.
    const res = await revoke(server.url, id, { ownerKey: json.ownerKey });
    expect([res.status, res.json.revoked]).toEqual([200, true]);
    await until(() => a.closes.length > 0 && b.closes.length > 0, 'both closed');
    expect(rows(id)).toEqual({ shares: 0, state: 0, updates: 0 });
  });

  it('the owner key rotates, again and again: it stays the same and is not sent back', async () => {
    const id = docId('owner-rotate');
    const { json } = await share(server.url, id);
    const one = await share(server.url, id, { ownerKey: json.ownerKey });
    // The old secret alongside the owner key is accepted (the key is what authorizes).
    const two = await share(server.url, id, { ownerKey: json.ownerKey, currentSecret: json.secret });
    expect([one.status, two.status]).toEqual([200, 200]);
    expect([one.json.ownerKey, two.json.ownerKey]).toEqual([undefined, undefined]);
    expect(new Set([json.secret, one.json.secret, two.json.secret]).size).toBe(3);
    expect((await owner(id, one.json.secret)).status).toBe(403);
    expect((await owner(id, two.json.secret)).json.owned).toBe(true);
    expect((await revoke(server.url, id, { ownerKey: json.ownerKey })).status).toBe(200);
  });

  it('a share made before owner keys: its secret stops sharing, or makes a new link that gives it an owner key', async () => {
    const revoked = docId('legacy-revoke');
    const oldSecret = legacyShare(revoked);
    expect(await owner(revoked, oldSecret)).toEqual({ status: 200, json: { documentId: revoked, owned: false } });
    expect((await revoke(server.url, revoked, { secret: 'E'.repeat(43) })).json.error?.code).toBe('share_secret_mismatch');
    expect((await revoke(server.url, revoked, { ownerKey: 'E'.repeat(43) })).json.error?.code).toBe('share_secret_mismatch');
    expect(rows(revoked).shares).toBe(1);
    expect((await revoke(server.url, revoked, { secret: oldSecret })).status).toBe(200);
    expect(rows(revoked).shares).toBe(0);

    const id = docId('legacy-rotate');
    const secret = legacyShare(id);
    const a = open(server.url, id, secret);
    type(a, 's', 'legacy words');
    await until(() => a.isSynced(), 'legacy share synced');
    expect((await share(server.url, id, { currentSecret: 'E'.repeat(43) })).json.error?.code).toBe('share_secret_mismatch');
    expect(a.closes).toEqual([]);
    const first = await share(server.url, id, { currentSecret: secret });
    expect([first.status, first.json.rotated]).toEqual([200, true]);
    expect(first.json.ownerKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await until(() => a.closes.some((c) => c.code === COLLAB_CLOSE.shareRotated.code), 'old connection closed');
    a.destroy();
    // From now on it is an owned share: the secret no longer authorizes, the new owner key does.
    expect((await owner(id, first.json.secret)).json.owned).toBe(true);
    expect((await share(server.url, id, { currentSecret: first.json.secret })).json.error?.code).toBe('owner_key_required');
    expect((await revoke(server.url, id, { secret: first.json.secret })).json.error?.code).toBe('owner_key_required');
    const second = await share(server.url, id, { ownerKey: first.json.ownerKey });
    expect([second.status, second.json.ownerKey]).toEqual([200, undefined]);
    const b = open(server.url, id, second.json.secret);
    await until(() => b.isSynced() && textOf(b.doc, 's').includes('legacy words'), 'content kept');
    expect((await revoke(server.url, id, { ownerKey: first.json.ownerKey })).status).toBe(200);
  });

  it('asking whether a share has an owner needs its secret', async () => {
    const id = docId('owner-ask');
    const { json } = await share(server.url, id);
    expect((await owner(id, 'F'.repeat(43))).json.error?.code).toBe('share_secret_mismatch');
    expect((await owner(docId('never'), json.secret)).json.error?.code).toBe('not_shared');
    const get = await fetch(`${server.url}/api/share/${id}/owner`);
    expect(get.status).toBe(405);
  });
});

describe('/api/share guards', () => {
  const post = (path: string, init: { body?: string; headers?: Record<string, string> } = {}) => fetch(`${server.url}${path}`, {
    method: 'POST', body: init.body ?? '{}', headers: { 'content-type': 'application/json', ...init.headers },
  });

  it('refuses other origins, foreign hosts, non-JSON bodies, bad ids and wrong methods', async () => {
    const id = docId('guards');
    expect((await post(`/api/share/${id}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await post(`/api/share/${id}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await post(`/api/share/${id}`, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post(`/api/share/${id}`, { body: '{"currentSecret": 5}' })).status).toBe(400);
    expect((await post(`/api/share/${id}`, { body: '{"extra": true}' })).status).toBe(400);
    expect((await post('/api/share/bad%20id')).status).toBe(400);
    expect((await post(`/api/share/${id}/revoke`, { body: '{}' })).status).toBe(400);
    const get = await fetch(`${server.url}/api/share/${id}`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const res = await post(`/api/share/${id}`);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers to our host names only', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok, fail) => {
      const req = request(`${server.url}/api/share/${docId('host')}`, {
        method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' },
      }, (res) => { res.resume(); ok(res.statusCode ?? 0); });
      req.on('error', fail);
      req.end('{}');
    });
    expect(status).toBe(403);
  });
});

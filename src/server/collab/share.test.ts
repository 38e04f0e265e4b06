// Sharing: secrets created, rotated and revoked over /api/share; a wrong, unknown or revoked secret gets nothing
// of the document; "Stop sharing" deletes the server copy, so the next share of the id starts empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../shared/collab';
import { startServer, type Started } from '../main';
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
    const db = new Database(join(dir, 'longhand.sqlite'), { readonly: true });
    const row = db.prepare('SELECT * FROM longhand_shares WHERE doc_id = ?').get(id) as { secret_hash: Buffer };
    db.close();
    expect(row.secret_hash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(first.json.secret);

    // Already shared: a new link needs the current secret.
    expect((await share(server.url, id)).json.error?.code).toBe('share_exists');
    expect((await share(server.url, id)).status).toBe(409);
    const wrong = await share(server.url, id, { currentSecret: 'A'.repeat(43) });
    expect([wrong.status, wrong.json.error?.code]).toEqual([403, 'share_secret_mismatch']);
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

    const rotated = await share(server.url, id, { currentSecret: first.secret });
    expect([rotated.status, rotated.json.rotated]).toEqual([200, true]);
    expect(rotated.json.secret).not.toBe(first.secret);
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

    expect((await revoke(server.url, id, 'C'.repeat(43))).status).toBe(403);
    const res = await revoke(server.url, id, json.secret);
    expect([res.status, res.json.revoked]).toEqual([200, true]);
    await until(() => a.closes.length > 0 && b.closes.length > 0, 'both closed');
    expect(a.closes[0]).toMatchObject({ code: COLLAB_CLOSE.shareRevoked.code, reason: COLLAB_CLOSE.shareRevoked.reason });
    a.destroy();
    b.destroy();
    expect(rows(id)).toEqual({ shares: 0, state: 0, updates: 0 });

    await expectRefused(open(server.url, id, json.secret), COLLAB_CLOSE.shareInvalid);
    expect((await revoke(server.url, id, json.secret)).status).toBe(404);

    // Shared again: a new secret, and the server copy starts empty (the old text is not resurrected).
    const again = await share(server.url, id);
    expect(again.status).toBe(201);
    const c = open(server.url, id, again.json.secret);
    await until(() => c.isSynced(), 'newcomer synced');
    expect(textOf(c.doc, 's')).toBe('');
    await expectRefused(open(server.url, id, json.secret), COLLAB_CLOSE.shareInvalid);
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

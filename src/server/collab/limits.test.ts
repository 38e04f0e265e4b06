// Limits from the README's contract, each enforced with a clear close code/reason and without losing what was
// already acknowledged: document size, connections per document, messages per second, message size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COLLAB_CLOSE } from '../../shared/collab';
import { startServer, type Started } from '../main';
import { collabUrl, connect, docId, share, textOf, type, until, type Client } from './testing/client';

let server: Started;
let dir: string;
const clients: Client[] = [];
const open = (...a: Parameters<typeof connect>) => {
  const c = connect(...a);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'longhand-limits-'));
  server = await startServer({
    env: {
      HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', LONGHAND_DATA_DIR: dir,
      COLLAB_MAX_DOCUMENT_BYTES: '20000', COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: '2',
      COLLAB_MAX_MESSAGES_PER_SECOND: '30', COLLAB_MAX_MESSAGE_BYTES: '15000',
    },
    serveClient: false, logSink: () => {},
  });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const paragraph = (c: Client, section: string, text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  const f = c.doc.getXmlFragment(section);
  f.insert(f.length, [p]);
};

describe('collaboration limits', () => {
  it('an update that would grow the document past its maximum is refused (4413), the rest stays', async () => {
    const id = docId('size');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    for (let i = 0; i < 6; i++) paragraph(a, 's', `${i}:${'x'.repeat(2000)}`); // ~12 KB in 2 KB steps
    await until(() => a.isSynced(), 'the first 12 KB synced');
    paragraph(a, 's', `too much ${'y'.repeat(9000)}`); // would pass 20 KB
    await until(() => a.closes.length > 0, 'closed');
    expect(a.closes[0]).toEqual({ code: COLLAB_CLOSE.documentTooLarge.code, reason: COLLAB_CLOSE.documentTooLarge.reason });
    a.destroy();

    const b = open(server.url, id, json.secret);
    await until(() => b.isSynced(), 'a reader synced');
    expect(textOf(b.doc, 's')).toContain(`5:${'x'.repeat(2000)}`);
    expect(textOf(b.doc, 's')).not.toContain('too much');
  });

  it('a third connection to a document is refused (4503) while two are open; another document is not affected', async () => {
    const id = docId('full');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    const b = open(server.url, id, json.secret);
    await until(() => a.isSynced() && b.isSynced(), 'two in');
    const c = open(server.url, id, json.secret);
    await until(() => c.closes.length > 0, 'third closed');
    expect(c.authFailures).toContain(COLLAB_CLOSE.documentFull.reason);
    expect(c.closes[0].code).toBe(COLLAB_CLOSE.documentFull.code);
    c.destroy();

    const other = docId('other');
    const { json: j2 } = await share(server.url, other);
    const d = open(server.url, other, j2.secret);
    await until(() => d.isSynced(), 'another document opens');

    // When one leaves, there is room again.
    b.destroy();
    const e = open(server.url, id, json.secret);
    await until(() => e.isSynced(), 'room again after one left');
  });

  it('a burst over the message rate closes the socket (4429); after reconnecting every edit arrives', async () => {
    const id = docId('rate');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    const b = open(server.url, id, json.secret);
    await until(() => a.isSynced() && b.isSynced(), 'both in');
    for (let i = 0; i < 100; i++) type(a, 's', `burst-${i}`);
    await until(() => a.closes.some((c) => c.code === COLLAB_CLOSE.rateLimited.code), 'closed for its rate');
    expect(a.closes.find((c) => c.code === COLLAB_CLOSE.rateLimited.code)?.reason).toBe(COLLAB_CLOSE.rateLimited.reason);
    // The provider reconnects by itself; its unacknowledged edits go in the sync step.
    await until(() => a.isSynced() && textOf(b.doc, 's').includes('burst-99'), 'every edit arrived after the reconnect');
    for (let i = 0; i < 100; i++) expect(textOf(b.doc, 's')).toContain(`burst-${i}<`);
  });

  it('messages for documents a socket never authenticated are bounded (4429), not queued without end', async () => {
    const ws = new WebSocket(collabUrl(server.url));
    await new Promise((ok) => ws.once('open', ok));
    const closed = new Promise<[number, string]>((ok) => ws.once('close', (code, reason) => ok([code, reason.toString()])));
    // varString(name) varUint(0 = sync) varUint(0 = step 1) varUint8Array(empty state vector)
    const frame = (name: string) => Buffer.concat([Buffer.from([name.length]), Buffer.from(name), Buffer.from([0, 0, 1, 0])]);
    for (let i = 0; i < 12; i++) ws.send(frame(`d_unauth_${i}`));
    expect(await closed).toEqual([COLLAB_CLOSE.rateLimited.code, COLLAB_CLOSE.rateLimited.reason]);
  });

  it('a message over the maximum size closes the socket (1009)', async () => {
    const id = docId('big');
    const { json } = await share(server.url, id);
    const a = open(server.url, id, json.secret);
    await until(() => a.isSynced(), 'in');
    paragraph(a, 's', 'z'.repeat(16_000));
    await until(() => a.closes.length > 0, 'closed');
    expect(a.closes[0].code).toBe(1009);
  });
});

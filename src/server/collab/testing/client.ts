// Test and bench clients: the real @hocuspocus/provider in Node (ws as the WebSocket), one socket per document as
// the browser will do it, with what a test needs to wait on: synced, acknowledged updates, refusals, closes.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  COLLAB_PATH, START_LEASE_TYPE, readStartLeaseAnswer, type ShareCreateResponse, type StartLeaseAnswer,
} from '../../../shared/collab';

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Message types (Hocuspocus MessageType numbers) received for the document, in order. */
  received: number[];
  closes: { code: number; reason: string }[];
  authFailures: string[];
  /** What the server granted, from the provider's onAuthenticated: 'read-write' or 'readonly'. */
  scope?: string;
  /** Tokens this client inserted, and those the server acknowledged (in send order: acks come in order). */
  sent: string[];
  acked: string[];
  /** Called with each token as it is acknowledged (the bench times it). */
  onAck?: (token: string) => void;
  /** True once connected and every local change so far is acknowledged. */
  isSynced(): boolean;
  destroy(): void;
}

/** ws emits 'error' when a socket still connecting is closed (the provider's destroy does that); a browser's
 *  WebSocket does not throw there, so neither does this one. */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

export function collabUrl(base: string, token?: string): string {
  const u = new URL(COLLAB_PATH, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) u.searchParams.set('token', token);
  return u.toString();
}

export function connect(base: string, documentId: string, secret: string, opts: { token?: string; doc?: Y.Doc; connect?: boolean } = {}): Client {
  const doc = opts.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(base, opts.token), WebSocketPolyfill: NodeWebSocket, autoConnect: opts.connect ?? true,
    // Reconnect quickly in tests (a restarted server is back within seconds).
    delay: 100, minDelay: 100, maxDelay: 500, factor: 1.5,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: doc, token: secret });
  const c: Client = {
    doc, provider, socket, received: [], closes: [], authFailures: [], sent: [], acked: [],
    isSynced: () => provider.isSynced && provider.unsyncedChanges === 0,
    destroy: () => { provider.destroy(); socket.destroy(); },
  };
  socket.on('message', (event: { data: ArrayBuffer }) => {
    const bytes = new Uint8Array(event.data);
    let pos = 0;
    const varUint = () => {
      let n = 0;
      let m = 1;
      for (;;) {
        const b = bytes[pos++];
        n += (b & 0x7f) * m;
        if (b < 0x80) return n;
        m *= 128;
      }
    };
    // The document name (length, then bytes), then the message type. `pos += varUint()` would read `pos` before
    // the call moved it past the length, landing inside the name.
    const nameLength = varUint();
    pos += nameLength;
    c.received.push(varUint());
  });
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    c.closes.push({ code: event.code, reason: String(event.reason) });
  });
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => c.authFailures.push(reason));
  provider.on('authenticated', ({ scope }: { scope: string }) => { c.scope = scope; });
  // Every local update the provider sends is one "unsynced change"; the server's SyncStatus acks count them
  // down in order. Tokens typed after the handshake map one to one onto those updates.
  let last = 0;
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number < last && provider.isSynced) {
      for (let i = 0; i < last - number; i++) {
        const t = c.sent[c.acked.length];
        if (t !== undefined) {
          c.acked.push(t);
          c.onAck?.(t);
        }
      }
    }
    last = number;
  });
  provider.attach();
  return c;
}

/** Appends a paragraph holding `token` to a section's fragment, as one transaction (one update). */
export function type(c: Client, section: string, token: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(token)]);
  const f = c.doc.getXmlFragment(section);
  f.insert(f.length, [p]);
  c.sent.push(token);
}

/** Asks the server for the start lease the way the browser does (a stateless message) and returns its answer. */
export function takeStartLease(c: Client, by: string): Promise<StartLeaseAnswer> {
  const clientId = c.provider.awareness!.clientID;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start lease answer for ${by}`)), 10_000);
    const on = ({ payload }: { payload: string }) => {
      const a = readStartLeaseAnswer(payload, clientId);
      if (!a) return;
      clearTimeout(timer);
      c.provider.off('stateless', on);
      resolve(a);
    };
    c.provider.on('stateless', on);
    c.provider.sendStateless(JSON.stringify({ type: START_LEASE_TYPE, op: 'take', clientId, kind: 'write-all', by }));
  });
}

export function releaseStartLease(c: Client): void {
  const clientId = c.provider.awareness!.clientID;
  c.provider.sendStateless(JSON.stringify({ type: START_LEASE_TYPE, op: 'release', clientId }));
}

export const textOf = (doc: Y.Doc, section: string) => doc.getXmlFragment(section).toString();

/** Waits for a condition the way a user would: re-checked as things happen, failing with a description. */
export async function until(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

/** `until` for a condition that has to ask something (a database): asked again after each answer. */
export async function untilAsync(cond: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

export async function share(base: string, documentId: string, body: Record<string, unknown> = {}, token?: string): Promise<{ status: number; json: ShareCreateResponse & { error?: { code: string } } }> {
  const res = await fetch(`${base}/api/share/${documentId}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, json: await res.json() as ShareCreateResponse & { error?: { code: string } } };
}

/** "Stop sharing": `body` is `{ ownerKey }` (or, for a share made before owner keys, `{ secret }`). */
export async function revoke(base: string, documentId: string, body: { secret?: string; ownerKey?: string }): Promise<{ status: number; json: { error?: { code: string }; revoked?: boolean } }> {
  const res = await fetch(`${base}/api/share/${documentId}/revoke`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, json: await res.json() as { error?: { code: string }; revoked?: boolean } };
}

let n = 0;
export const docId = (name = 'doc') => `d_${name}_${process.pid}_${Date.now().toString(36)}_${++n}`;

// The providers' fetch: upstream connections are kept alive and reused, a request that lands on a kept-alive
// socket the server has just dropped is sent again on a fresh one, and a failure on a fresh socket is not retried.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamFetch } from './upstreamFetch';

let server: Server;
let base: string;
let connections = 0;
const perSocket = new WeakMap<Socket, number>();
/** What the server does with the n-th request on a socket: answer, or drop the socket without a byte. */
let dropOnRequest: (nthOnSocket: number, path: string) => boolean = () => false;
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push(`${req.url} ${body}`);
      if (dropOnRequest(n, req.url ?? '')) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`ok ${req.url} ${body}`);
    });
  });
  server.on('connection', () => { connections++; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((r) => server.close(r)); });

const post = (path: string, body: string) =>
  upstreamFetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });

describe('upstreamFetch', () => {
  it('keeps the upstream connection alive: sequential requests share one socket', async () => {
    connections = 0;
    dropOnRequest = () => false;
    for (let i = 0; i < 5; i++) {
      const res = await post('/a', `n${i}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(`ok /a n${i}`);
    }
    expect(connections).toBe(1);
  });

  it('a kept-alive socket dropped before any response byte: the request is sent again on a fresh socket', async () => {
    // Warm a socket, then make the server drop the next request that arrives on it, as a server that closed an
    // idle connection at the moment we reused it would.
    await (await post('/warm', 'w')).text();
    connections = 0;
    requests = [];
    dropOnRequest = (n, path) => path === '/stale' && n > 1;
    const res = await post('/stale', 'payload');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok /stale payload');
    expect(requests).toEqual(['/stale payload', '/stale payload']);
    expect(connections).toBe(1); // the retry's fresh socket
  });

  it('a fresh socket that fails is not retried: the error reaches the caller', async () => {
    // Every /dead request is dropped: a pooled socket's failure is resent once on a fresh socket, whose failure
    // then reaches the caller (the generation's own retry rule decides what happens next).
    requests = [];
    dropOnRequest = (_n, path) => path === '/dead';
    await expect(post('/dead', 'x')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  it('an abort before the answer rejects with the abort reason', async () => {
    const ac = new AbortController();
    const reason = new Error('stop');
    ac.abort(reason);
    await expect(upstreamFetch(`${base}/x`, { method: 'POST', body: 'b', signal: ac.signal })).rejects.toBe(reason);
  });
});

// The `fetch` every provider package is given: Node's own http/https client on keep-alive agents, answered as a
// web Response whose body is a single ReadableStream over the socket's chunks. Why not the global fetch: undici's
// fetch layers its own streams and header objects on every request (a large share of the proxy's CPU per
// request), and an explicit agent lets us keep warm upstream connections and retry the one failure keep-alive
// introduces. The provider packages still read and parse the response; nothing here looks at the wire format.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

const AGENT_OPTIONS = {
  keepAlive: true,
  keepAliveMsecs: 15_000,
  maxSockets: Infinity,
  maxFreeSockets: 256,
  // Reuse the most recently used socket: the one least likely to have been closed by the server while idle.
  scheduling: 'lifo',
} as const;

const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

const NULL_BODY = new Set([101, 204, 205, 304]);

/** A socket reused from the pool that turns out to be closed: the server dropped it while it sat idle, so the
 *  request never reached it (no response byte arrived) and sending it again on a fresh socket is safe. */
const STALE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

type Body = string | Uint8Array | undefined;

function headerRecord(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) h.forEach((v, k) => { out[k] = v; });
  else if (Array.isArray(h)) for (const [k, v] of h) out[k.toLowerCase()] = v;
  else for (const k of Object.keys(h)) { const v = (h as Record<string, string | undefined>)[k]; if (v !== undefined) out[k.toLowerCase()] = v; }
  return out;
}

function decoded(res: IncomingMessage): Readable {
  // We ask for identity; a server that compresses anyway is still understood.
  const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (enc === 'deflate') return res.pipe(zlib.createInflate());
  if (enc === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

// Node's own Response, taken before @hono/node-server's serve() replaces the global with its lightweight
// wrapper. That wrapper pays off for responses Hono writes itself; here the provider reads the headers and the
// body at once, which makes the wrapper build the real Response anyway, copying the headers a second time.
const NativeResponse = globalThis.Response;

function toResponse(res: IncomingMessage, signal: AbortSignal | null | undefined): Response {
  // Header pairs, so the Response builds its Headers once (repeated names stay repeated).
  const headers: [string, string][] = [];
  const raw = res.rawHeaders;
  const compressed = /^(x-gzip|gzip|deflate|br)$/i.test(String(res.headers['content-encoding'] ?? ''));
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    if (compressed && (k === 'content-encoding' || k === 'content-length')) continue;
    headers.push([k, raw[i + 1]]);
  }
  const status = res.statusCode ?? 502;
  const init = { status: status >= 200 && status <= 599 ? status : 502, statusText: res.statusMessage ?? '', headers };
  if (NULL_BODY.has(init.status)) {
    res.resume();
    return new NativeResponse(null, init);
  }
  const src = decoded(res);
  let settled = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cleanup = () => {
    settled = true;
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (e: unknown) => {
    if (settled) return;
    cleanup();
    held = [];
    controller.error(e);
    res.destroy();
  };
  function onAbort() { fail(signal!.reason); }
  // One socket read often holds many HTTP chunks (a provider writes each SSE event as its own chunk, and they
  // pile up while we are busy); the parser hands them over one 'data' event each. They are passed on as one
  // buffer per read: every chunk costs a trip through each web stream of the provider's parsing chain (body,
  // decoder, event-source parser), while the parser splits events wherever the bytes break anyway. The join
  // runs as a microtask, i.e. right after the read's events, so nothing waits.
  let held: Buffer[] = [];
  let flushQueued = false;
  const flush = () => {
    flushQueued = false;
    if (settled || held.length === 0) return;
    const bytes = held.length === 1 ? held[0] : Buffer.concat(held);
    held = [];
    controller.enqueue(bytes);
    // Backpressure: stop reading the socket while the provider's parser has a queue.
    if ((controller.desiredSize ?? 1) <= 0) src.pause();
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      src.on('data', (chunk: Buffer) => {
        if (settled) return;
        held.push(chunk);
        if (!flushQueued) {
          flushQueued = true;
          queueMicrotask(flush);
        }
      });
      src.once('end', () => { if (!settled) { flush(); cleanup(); c.close(); } });
      src.once('error', (e) => fail(signal?.aborted ? signal.reason : e));
      // The socket closed before the body was complete (a cut connection): an error, never a silent end.
      res.once('close', () => {
        if (!res.complete) fail(signal?.aborted ? signal.reason : Object.assign(new Error('upstream closed the connection'), { code: 'ECONNRESET' }));
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    },
    pull() { src.resume(); },
    cancel() { cleanup(); res.destroy(); },
  });
  return new NativeResponse(body, init);
}

function send(url: URL, method: string, headers: Record<string, string>, body: Body,
  signal: AbortSignal | null | undefined, mayRetry: boolean): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(url, { method, headers, agent: secure ? agents.https : agents.http });
    let done = false;
    const onAbort = () => req.destroy(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (err: NodeJS.ErrnoException) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(signal.reason);
      if (mayRetry && req.reusedSocket && STALE.has(err.code ?? '')) {
        return void send(url, method, headers, body, signal, false).then(resolve, reject);
      }
      reject(err);
    });
    req.once('response', (res) => {
      if (done) return res.destroy();
      done = true;
      // From here the body stream owns the abort.
      signal?.removeEventListener('abort', onAbort);
      resolve(toResponse(res, signal));
    });
    req.end(body);
  });
}

/** A fetch for the provider packages (their `fetch` option). Anything other than a plain string or byte body
 *  (never sent by the providers we use) goes to the global fetch. */
export const upstreamFetch: typeof fetch = (input, init = {}) => {
  const body = init.body;
  if (input instanceof Request || (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))) {
    return globalThis.fetch(input, init);
  }
  const url = input instanceof URL ? input : new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return globalThis.fetch(input, init);
  const headers = headerRecord(init.headers);
  const bytes = typeof body === 'string' ? Buffer.from(body) : body ?? undefined;
  if (bytes) headers['content-length'] = String(bytes.byteLength);
  headers['accept-encoding'] ??= 'identity';
  return send(url, (init.method ?? 'GET').toUpperCase(), headers, bytes, init.signal, true);
};

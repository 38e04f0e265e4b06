// The WebSocket door at /collab on the app's own HTTP server: the same Host, Origin and token rules as the HTTP
// API, checked before the handshake (a refused upgrade gets a plain HTTP error and never reaches Hocuspocus), and a
// per-address budget of connection attempts.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { COLLAB_PATH } from '../../shared/collab';
import type { Config } from '../config';
import { RateLimiter } from '../http/limits';
import { allowedHostnames, isAllowedHost, isSameOrigin, tokenMatches } from '../http/security';
import type { Logger } from '../log';
import type { CollabSync } from './sync';

function refuse(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { code, message } });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`);
}

export function attachUpgrade(server: Server, cfg: Config, sync: CollabSync, log: Logger): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: cfg.COLLAB_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const allowed = allowedHostnames(cfg.HOST, cfg.ALLOWED_HOSTS);
  const attempts = new RateLimiter(cfg.COLLAB_MAX_CONNECTS_PER_MINUTE);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(socket, 400, 'bad_request', 'Unreadable request target.');
    }
    if (url.pathname !== COLLAB_PATH) return refuse(socket, 404, 'not_found', 'No WebSocket here.');
    if (!isAllowedHost(allowed, req.headers.host)) {
      return refuse(socket, 403, 'forbidden_host', 'This server does not answer to that host name.');
    }
    const site = req.headers['sec-fetch-site'];
    if (!isSameOrigin(req.headers.origin, req.headers.host, Array.isArray(site) ? site[0] : site)) {
      log.info('collab upgrade refused', { why: 'origin' });
      return refuse(socket, 403, 'forbidden_origin', 'Connections from other sites are not accepted.');
    }
    // Browsers cannot set headers on a WebSocket, so the token travels as ?token= (never logged).
    if (!tokenMatches(cfg.LONGHAND_TOKEN, url.searchParams.get('token') ?? undefined)) {
      return refuse(socket, 401, 'unauthorized', 'A valid access token is required (?token=).');
    }
    if (sync.stopping) return refuse(socket, 503, 'stopping', 'The server is stopping.');
    const ip = req.socket.remoteAddress ?? 'unknown';
    const wait = attempts.take(ip);
    if (wait > 0) {
      log.info('collab connects rate limited', { ip });
      return refuse(socket, 429, 'rate_limited', 'Too many connection attempts.', { 'Retry-After': String(wait) });
    }
    wss.handleUpgrade(req, socket, head, (ws) => sync.accept(ws, req, ip));
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    wss.close();
  };
}

// Guards in front of every route: Host (DNS rebinding), Origin (other sites spending the writer's keys through
// localhost) and the optional bearer token for non-loopback deployments.
import { createHash, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors';
import { header } from './node';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Host names this server answers to: loopback names, the configured HOST, ALLOWED_HOSTS, and for a wildcard
 *  bind the machine's own addresses. */
export function allowedHostnames(host: string, extra: readonly string[] = []): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  const h = host.toLowerCase();
  if (h === '0.0.0.0' || h === '::' || h === '[::]') {
    for (const addrs of Object.values(networkInterfaces())) {
      for (const a of addrs ?? []) names.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
    }
  } else {
    names.add(h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  }
  return names;
}

/** The hostname part of a Host header value ("example.com:8787" → "example.com", "[::1]:80" → "[::1]"). */
export function hostnameOf(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  return m?.[1].toLowerCase();
}

/** The Host rule (DNS rebinding), shared by the HTTP guard and the WebSocket upgrade. */
export function isAllowedHost(allowed: Set<string>, hostHeader: string | undefined): boolean {
  const name = hostnameOf(hostHeader ?? '');
  return !!name && (allowed.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith('.localhost'));
}

export function hostGuard(allowed: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    if (!isAllowedHost(allowed, header(c, 'host'))) {
      throw new HttpError(403, 'forbidden_host', 'This server does not answer to that host name.');
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The Origin rule, shared by the HTTP guard and the WebSocket upgrade: no Origin (not a browser) or the app's
 *  own origin, and not marked cross-site by the browser. */
export function isSameOrigin(origin: string | undefined, host: string | undefined, site: string | undefined): boolean {
  let sameOrigin = true;
  if (origin !== undefined) {
    try {
      sameOrigin = origin !== 'null' && new URL(origin).host.toLowerCase() === (host ?? '').toLowerCase();
    } catch {
      sameOrigin = false;
    }
  }
  return sameOrigin && site !== 'cross-site' && site !== 'same-site';
}

export function originGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)
      && !isSameOrigin(header(c, 'origin'), header(c, 'host'), header(c, 'sec-fetch-site'))) {
      throw new HttpError(403, 'forbidden_origin', 'Requests from other sites are not accepted.');
    }
    await next();
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when no token is configured or `given` is it (compared in constant time). */
export function tokenMatches(token: string | undefined, given: string | undefined): boolean {
  return !token || (given !== undefined && timingSafeEqual(digest(given), digest(token)));
}

export function tokenGuard(token: string | undefined, open: (path: string) => boolean): MiddlewareHandler {
  const want = token ? digest(token) : undefined;
  return async (c, next) => {
    if (want && !open(c.req.path)) {
      const m = /^Bearer\s+(.+)$/i.exec(header(c, 'authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1].trim()), want)) {
        throw new HttpError(401, 'unauthorized', 'A valid access token is required (open the app with the #token= link).', {
          'WWW-Authenticate': 'Bearer',
        });
      }
    }
    await next();
  };
}

// Guards in front of every route: Host (DNS rebinding), Origin (other sites spending the writer's keys through
// localhost) and the optional bearer token for non-loopback deployments.
import { createHash, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors';

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

export function hostGuard(allowed: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    const name = hostnameOf(host);
    if (!name || !(allowed.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith('.localhost'))) {
      throw new HttpError(403, 'forbidden_host', 'This server does not answer to that host name.');
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      let sameOrigin = true;
      if (origin !== undefined) {
        try {
          sameOrigin = origin !== 'null' && new URL(origin).host.toLowerCase() === (c.req.header('host') ?? '').toLowerCase();
        } catch {
          sameOrigin = false;
        }
      }
      if (!sameOrigin || site === 'cross-site' || site === 'same-site') {
        throw new HttpError(403, 'forbidden_origin', 'Requests from other sites are not accepted.');
      }
    }
    await next();
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function tokenGuard(token: string | undefined, open: (path: string) => boolean): MiddlewareHandler {
  const want = token ? digest(token) : undefined;
  return async (c, next) => {
    if (want && !open(c.req.path)) {
      const m = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1].trim()), want)) {
        throw new HttpError(401, 'unauthorized', 'A valid access token is required (open the app with the #token= link).', {
          'WWW-Authenticate': 'Bearer',
        });
      }
    }
    await next();
  };
}

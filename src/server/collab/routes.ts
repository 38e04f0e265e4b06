// /api/share: create, rotate and revoke a document's share secret. Mounted inside the app, so the app's Host,
// Origin and token guards and its error handler apply; JSON bodies only; its own per-address rate limit.
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  DOCUMENT_ID_PATTERN, SHARE_SECRET_PATTERN,
  type ShareCreateResponse, type ShareRevokeResponse,
} from '../../shared/collab';
import { HttpError, errorJson } from '../http/errors';
import { readJson } from '../http/body';
import { RateLimiter } from '../http/limits';
import type { Logger } from '../log';
import { hashSecret, newGeneration, newSecret, secretMatches } from './secrets';
import type { CollabStore } from './storage';

const MAX_BODY = 4096;
const secret = z.string().regex(SHARE_SECRET_PATTERN, 'not a share secret');
const createBody = z.object({ currentSecret: secret.optional() }).strict();
const revokeBody = z.object({ secret }).strict();

export interface ShareEvents {
  rotated(documentId: string): Promise<void>;
  revoked(documentId: string, generation: string): Promise<void>;
}

export function shareRoutes(store: CollabStore, events: ShareEvents, log: Logger, perMinute: number): Hono {
  const app = new Hono();
  const limiter = new RateLimiter(perMinute);

  app.use('*', async (c, next) => {
    let ip = 'unknown';
    try {
      ip = getConnInfo(c).remote.address ?? 'unknown';
    } catch { /* not behind @hono/node-server (tests calling app.fetch) */ }
    const wait = limiter.take(ip);
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'Too many share requests; try again shortly.', { 'Retry-After': String(wait) });
    c.header('Cache-Control', 'no-store');
    await next();
  });

  const documentId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!DOCUMENT_ID_PATTERN.test(id)) throw new HttpError(400, 'invalid_document_id', 'Document ids are 1–128 letters, digits, _ or -.');
    return id;
  };

  app.post('/:id', async (c) => {
    const id = documentId(c);
    const body = await readJson(c, createBody, MAX_BODY);
    const fresh = newSecret();
    const hash = hashSecret(fresh);
    if (await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hash, createdAt: Date.now() })) {
      log.info('share created', { documentId: id });
      return c.json<ShareCreateResponse>({ documentId: id, secret: fresh, rotated: false }, 201);
    }
    if (!body.currentSecret) {
      throw new HttpError(409, 'share_exists', 'This document is already shared: send its current secret to make a new link.');
    }
    const current = body.currentSecret;
    const result = await store.rotateShare(id, (row) => secretMatches(current, row.secretHash), hash);
    if (result === 'denied') throw new HttpError(403, 'share_secret_mismatch', 'That is not the current secret of this document.');
    if (result === 'missing') {
      // Revoked between the two statements: the caller may simply try again.
      throw new HttpError(409, 'share_changed', 'The share changed meanwhile; try again.');
    }
    await events.rotated(id);
    log.info('share rotated', { documentId: id });
    return c.json<ShareCreateResponse>({ documentId: id, secret: fresh, rotated: true }, 200);
  });

  app.post('/:id/revoke', async (c) => {
    const id = documentId(c);
    const { secret: given } = await readJson(c, revokeBody, MAX_BODY);
    const { result, generation } = await store.revokeShare(id, (row) => secretMatches(given, row.secretHash));
    if (result === 'missing') throw new HttpError(404, 'not_shared', 'This document is not shared.');
    if (result === 'denied') throw new HttpError(403, 'share_secret_mismatch', 'That is not the current secret of this document.');
    await events.revoked(id, generation!);
    log.info('share revoked', { documentId: id });
    return c.json<ShareRevokeResponse>({ documentId: id, revoked: true });
  });

  app.all('/:id', (c) => errorJson(c, 405, 'method_not_allowed', `Use POST for ${c.req.path}.`, { Allow: 'POST' }));
  app.all('/:id/revoke', (c) => errorJson(c, 405, 'method_not_allowed', `Use POST for ${c.req.path}.`, { Allow: 'POST' }));
  return app;
}

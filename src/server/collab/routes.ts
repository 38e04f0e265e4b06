// /api/share: create, rotate and revoke a document's share secret. Mounted inside the app, so the app's Host,
// Origin and token guards and its error handler apply; JSON bodies only; its own per-address rate limit.
//
// Who may do what: the secret (in the link) lets anyone edit; the owner key, given only to the browser that
// created the share, is what rotates ("New link") and revokes ("Stop sharing"). A share created before owner keys
// has none: its current secret authorizes, as before, and its first rotation gives it one (returned to that caller).
// Each share also has a read-only secret (`readSecret`): its link opens the document to read and follow, not to
// change (sync.ts). A rotation replaces both secrets; a share made before read-only links gets its first one there.
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  DOCUMENT_ID_PATTERN, OWNER_KEY_MISMATCH, OWNER_KEY_PATTERN, OWNER_KEY_REQUIRED, SHARE_SECRET_PATTERN,
  type ShareCreateResponse, type ShareOwnerResponse, type ShareRevokeResponse,
} from '../../shared/collab';
import { HttpError, errorJson } from '../http/errors';
import { readJson } from '../http/body';
import { RateLimiter } from '../http/limits';
import type { Logger } from '../log';
import { hashSecret, newGeneration, newSecret, secretMatches } from './secrets';
import type { CollabStore, ShareRow } from './storage';

const MAX_BODY = 4096;
const secret = z.string().regex(SHARE_SECRET_PATTERN, 'not a share secret');
const ownerKey = z.string().regex(OWNER_KEY_PATTERN, 'not an owner key');
const createBody = z.object({ currentSecret: secret.optional(), ownerKey: ownerKey.optional() }).strict();
const revokeBody = z.object({ secret: secret.optional(), ownerKey: ownerKey.optional() }).strict()
  .refine((b) => b.secret !== undefined || b.ownerKey !== undefined, 'send the ownerKey');
const ownerBody = z.object({ secret }).strict();

const ONLY_OWNER = 'Only the person who shared this document can replace its link or stop sharing.';

/** Why `row` may not be rotated or revoked with these credentials, or null when it may. Every comparison is of
 *  SHA-256 digests in constant time (secretMatches). */
function refusal(row: ShareRow, given: { ownerKey?: string; secret?: string }): HttpError | null {
  if (row.ownerHash) {
    if (given.ownerKey === undefined) return new HttpError(403, OWNER_KEY_REQUIRED, ONLY_OWNER);
    return secretMatches(given.ownerKey, row.ownerHash) ? null
      : new HttpError(403, OWNER_KEY_MISMATCH, `That is not this document's owner key. ${ONLY_OWNER}`);
  }
  // Shared before owner keys: the current secret authorizes.
  if (given.secret !== undefined && secretMatches(given.secret, row.secretHash)) return null;
  return new HttpError(403, 'share_secret_mismatch', given.secret === undefined
    ? 'This document was shared before owner keys: send its current secret.'
    : 'That is not the current secret of this document.');
}

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
    const readSecret = newSecret();
    const readHash = hashSecret(readSecret);
    // A new share's owner key; on a rotation, the one a share made before owner keys gets (others keep theirs).
    const key = newSecret();
    const keyHash = hashSecret(key);
    if (await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hash, ownerHash: keyHash, readHash, createdAt: Date.now() })) {
      log.info('share created', { documentId: id });
      return c.json<ShareCreateResponse>({ documentId: id, secret: fresh, readSecret, rotated: false, ownerKey: key }, 201);
    }
    if (body.currentSecret === undefined && body.ownerKey === undefined) {
      throw new HttpError(409, 'share_exists', 'This document is already shared: send its owner key to make a new link.');
    }
    // Decided on the row as locked for the rotation, so `legacy` is exactly whether this rotation set the key.
    const seen: { refused?: HttpError | null; legacy?: boolean } = {};
    const result = await store.rotateShare(id, (row) => {
      seen.legacy = !row.ownerHash;
      seen.refused = refusal(row, { ownerKey: body.ownerKey, secret: body.currentSecret });
      return !seen.refused;
    }, hash, keyHash, readHash);
    if (result === 'denied') throw seen.refused!;
    if (result === 'missing') {
      // Revoked between the two statements: the caller may simply try again.
      throw new HttpError(409, 'share_changed', 'The share changed meanwhile; try again.');
    }
    await events.rotated(id);
    log.info('share rotated', { documentId: id, ...(seen.legacy ? { ownerKeySet: true } : {}) });
    return c.json<ShareCreateResponse>({
      documentId: id, secret: fresh, readSecret, rotated: true, ...(seen.legacy ? { ownerKey: key } : {}),
    }, 200);
  });

  app.post('/:id/revoke', async (c) => {
    const id = documentId(c);
    const given = await readJson(c, revokeBody, MAX_BODY);
    const seen: { refused?: HttpError | null } = {};
    const { result, generation } = await store.revokeShare(id, (row) => {
      seen.refused = refusal(row, given);
      return !seen.refused;
    });
    if (result === 'missing') throw new HttpError(404, 'not_shared', 'This document is not shared.');
    if (result === 'denied') throw seen.refused!;
    await events.revoked(id, generation!);
    log.info('share revoked', { documentId: id });
    return c.json<ShareRevokeResponse>({ documentId: id, revoked: true });
  });

  // Whether the share has an owner key, for a browser that holds only the secret: with one, its dialog offers
  // no New link / Stop sharing; without (shared before owner keys), the secret still authorizes both.
  app.post('/:id/owner', async (c) => {
    const id = documentId(c);
    const { secret: given } = await readJson(c, ownerBody, MAX_BODY);
    const row = await store.getShare(id);
    if (!row) throw new HttpError(404, 'not_shared', 'This document is not shared.');
    if (!secretMatches(given, row.secretHash)) throw new HttpError(403, 'share_secret_mismatch', 'That is not the current secret of this document.');
    return c.json<ShareOwnerResponse>({ documentId: id, owned: !!row.ownerHash });
  });

  app.all('/:id', (c) => errorJson(c, 405, 'method_not_allowed', `Use POST for ${c.req.path}.`, { Allow: 'POST' }));
  app.all('/:id/revoke', (c) => errorJson(c, 405, 'method_not_allowed', `Use POST for ${c.req.path}.`, { Allow: 'POST' }));
  app.all('/:id/owner', (c) => errorJson(c, 405, 'method_not_allowed', `Use POST for ${c.req.path}.`, { Allow: 'POST' }));
  return app;
}

// The sync server's wire contract, shared by the server (enforced) and the browser (connects and explains).
// One Y.Doc per document, named by the document id; one Y.XmlFragment per section (field = section id) and one
// Y.Map (COLLAB_OUTLINE_MAP) for the outline and the document's settings.

/** WebSocket path on the app's own origin. With LONGHAND_TOKEN set, append `?token=<LONGHAND_TOKEN>`. */
export const COLLAB_PATH = '/collab';
/** The Y.Map holding the outline and document settings; sections live in Y.XmlFragments named by section id. */
export const COLLAB_OUTLINE_MAP = 'outline';

/** Document ids the server accepts as Hocuspocus document names (the app's ids are `d_<uuid>`). */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** A share secret: 32 random bytes, base64url (43 characters). */
export const SHARE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Why the server closed a collaboration WebSocket. The same string is the close reason and, for refusals at
 * authentication, the `reason` of the provider's `authenticationFailed` event. Permanent ones (the link is no
 * good, the document is over its size limit) should stop the provider; the others are worth a reconnect.
 */
export const COLLAB_CLOSE = {
  badDocumentName: { code: 4400, reason: 'bad-document-name', permanent: true },
  shareInvalid: { code: 4403, reason: 'share-invalid', permanent: true },
  authTimeout: { code: 4408, reason: 'auth-timeout', permanent: false },
  shareRevoked: { code: 4410, reason: 'share-revoked', permanent: true },
  shareRotated: { code: 4411, reason: 'share-rotated', permanent: false },
  documentTooLarge: { code: 4413, reason: 'document-too-large', permanent: true },
  /** A read-only connection claimed to be writing (awareness `generating` or `job`): only a tampered client does. */
  readOnlyClaim: { code: 4405, reason: 'read-only', permanent: true },
  rateLimited: { code: 4429, reason: 'rate-limited', permanent: false },
  storageFailed: { code: 4500, reason: 'storage-unavailable', permanent: false },
  documentFull: { code: 4503, reason: 'too-many-connections', permanent: false },
  serverStopping: { code: 1001, reason: 'server-stopping', permanent: false },
} as const;
export type CollabCloseName = keyof typeof COLLAB_CLOSE;

/** An owner key: 32 random bytes, base64url (43 characters), like a secret. */
export const OWNER_KEY_PATTERN = SHARE_SECRET_PATTERN;

/**
 * POST /api/share/:documentId — body. `{}` creates a share. On a shared document it makes a new link: the owner
 * key authorizes (a share made before owner keys, which has none, takes `currentSecret` instead).
 */
export interface ShareCreateRequest { currentSecret?: string; ownerKey?: string }
/**
 * 201 (new share) or 200 (rotated: the old secrets stop working, the server copy is kept). `readSecret` (same form
 * as the secret) opens the document read-only; it comes with every new share and every rotation, which replaces
 * it along with the secret. `ownerKey` comes with a new share, and with the rotation that gives a share made
 * before owner keys its first one; a rotation of a share that has one keeps it and does not send it again. Only
 * hashes are kept on the server.
 */
export interface ShareCreateResponse { documentId: string; secret: string; readSecret: string; rotated: boolean; ownerKey?: string }

/** The provider's `onAuthenticated({ scope })`: what the server granted this link. */
export type ShareScope = 'read-write' | 'readonly';
export const READ_ONLY_SCOPE: ShareScope = 'readonly';
/** POST /api/share/:documentId/revoke — body: the owner key (a share made before owner keys: its `secret`). */
export interface ShareRevokeRequest { secret?: string; ownerKey?: string }
/** 200: the secret is void, its connections are closed (4410) and the server copy is deleted. */
export interface ShareRevokeResponse { documentId: string; revoked: true }
/** POST /api/share/:documentId/owner — body: the share's current secret. */
export interface ShareOwnerRequest { secret: string }
/** 200: whether the share has an owner key. Without one (shared before owner keys), whoever holds the secret may
 * make a new link or stop sharing; with one, only the holder of the owner key may. */
export interface ShareOwnerResponse { documentId: string; owned: boolean }

/** Error codes of a refused New link or Stop sharing on a share that has an owner key. */
export const OWNER_KEY_REQUIRED = 'owner_key_required';
export const OWNER_KEY_MISMATCH = 'owner_key_mismatch';

/**
 * The start lease, asked for over the document's socket as a Hocuspocus stateless message before a browser
 * starts Write all or Plan outline (see src/features/collab/jobs.ts, "Starting a job"). The server grants one
 * claim per document at a time, in one place for every instance (Redis with REDIS_URL, else the process), and
 * answers only the asking connection. A lease lasts until its holder releases it or START_LEASE_MS passes:
 * long enough for the holder's job to reach every instance through awareness, which covers it from then on.
 */
export const START_LEASE_TYPE = 'longhand.start';
export const START_LEASE_MS = 15_000;
export type StartJobKind = 'write-all' | 'plan';
/** A take names the job and who starts it (shown to a browser refused); a release needs only the holder's id. */
export type StartLeaseRequest =
  | { type: typeof START_LEASE_TYPE; op: 'take'; clientId: number; kind: StartJobKind; by: string }
  | { type: typeof START_LEASE_TYPE; op: 'release'; clientId: number };
export interface StartLeaseHolder { clientId: number; kind: StartJobKind; by: string }
export interface StartLeaseAnswer { type: typeof START_LEASE_TYPE; clientId: number; granted: boolean; holder?: StartLeaseHolder }

const isKind = (k: unknown): k is StartJobKind => k === 'write-all' || k === 'plan';
const parse = (text: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v as Record<string, unknown> : null;
  } catch {
    return null;
  }
};

/** A stateless payload that is a valid lease request, or null (another kind of message, or malformed). */
export function readStartLeaseRequest(text: string): StartLeaseRequest | null {
  const v = parse(text);
  if (!v || v.type !== START_LEASE_TYPE || !Number.isSafeInteger(v.clientId) || (v.clientId as number) < 0) return null;
  const clientId = v.clientId as number;
  if (v.op === 'release') return { type: START_LEASE_TYPE, op: 'release', clientId };
  if (v.op !== 'take' || !isKind(v.kind) || typeof v.by !== 'string') return null;
  return { type: START_LEASE_TYPE, op: 'take', clientId, kind: v.kind, by: v.by.slice(0, 100) };
}

/** A stateless payload that is the server's answer to `clientId`'s lease request, or null. */
export function readStartLeaseAnswer(text: string, clientId: number): StartLeaseAnswer | null {
  const v = parse(text);
  if (!v || v.type !== START_LEASE_TYPE || v.clientId !== clientId || typeof v.granted !== 'boolean') return null;
  const h = v.holder as Partial<StartLeaseHolder> | undefined;
  const holder = h && typeof h === 'object' && Number.isSafeInteger(h.clientId) && isKind(h.kind) && typeof h.by === 'string'
    ? { clientId: h.clientId as number, kind: h.kind, by: h.by } : undefined;
  return holder ? { type: START_LEASE_TYPE, clientId, granted: v.granted, holder } : { type: START_LEASE_TYPE, clientId, granted: v.granted };
}

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
  rateLimited: { code: 4429, reason: 'rate-limited', permanent: false },
  storageFailed: { code: 4500, reason: 'storage-unavailable', permanent: false },
  documentFull: { code: 4503, reason: 'too-many-connections', permanent: false },
  serverStopping: { code: 1001, reason: 'server-stopping', permanent: false },
} as const;
export type CollabCloseName = keyof typeof COLLAB_CLOSE;

/** POST /api/share/:documentId — body. `currentSecret` is required when the document is already shared. */
export interface ShareCreateRequest { currentSecret?: string }
/** 201 (new share) or 200 (rotated: the old secret stops working, the server copy is kept). */
export interface ShareCreateResponse { documentId: string; secret: string; rotated: boolean }
/** POST /api/share/:documentId/revoke — body. */
export interface ShareRevokeRequest { secret: string }
/** 200: the secret is void, its connections are closed (4410) and the server copy is deleted. */
export interface ShareRevokeResponse { documentId: string; revoked: true }

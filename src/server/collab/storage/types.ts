// One small storage interface behind SQLite (default) and PostgreSQL (DATABASE_URL): shares and document state.
//
// Document state is a compacted Yjs state plus the increments appended since. An increment is written before
// the server acknowledges the update to the client (so an acknowledged edit survives SIGKILL); compaction folds
// the increments into the state later, under a lock on the share row, deleting exactly the increments it read.
// Every row carries the share's generation: a revoked share's late writes can never reach a later share.

export interface ShareRow {
  documentId: string;
  generation: string;
  secretHash: Buffer;
  /** SHA-256 of the owner key, which alone may rotate or revoke; null for a share created before owner keys
   *  existed (its current secret authorizes until a rotation gives it an owner key). */
  ownerHash: Buffer | null;
  /** SHA-256 of the read-only secret, whose connections may read and follow the document but not change it; null
   *  for a share created before read-only links (its first rotation gives it one). */
  readHash: Buffer | null;
  createdAt: number;
}

export interface StoredDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
}

export type CompactResult = 'stored' | 'gone';

export interface CollabStore {
  readonly kind: 'sqlite' | 'postgres';
  getShare(documentId: string): Promise<ShareRow | undefined>;
  /** Inserts a share; false when the document already has one. */
  createShare(row: ShareRow): Promise<boolean>;
  /** Replaces the secret hash when `check` accepts the current row (compare-and-set under a row lock). With
   *  `ownerHash`, a row that has no owner hash yet gets that one; a row that has one keeps it. With `readHash`,
   *  the read-only secret's hash is replaced too (set, for a row that had none). */
  rotateShare(documentId: string, check: (row: ShareRow) => boolean, newHash: Buffer, ownerHash?: Buffer, readHash?: Buffer): Promise<'rotated' | 'missing' | 'denied'>;
  /** Deletes the share and everything stored for the document when `check` accepts the current row. */
  revokeShare(documentId: string, check: (row: ShareRow) => boolean): Promise<{ result: 'revoked' | 'missing' | 'denied'; generation?: string }>;
  /** State and increments of the current generation; undefined when the share is gone or of another generation. */
  load(documentId: string, generation: string): Promise<StoredDocument | undefined>;
  /** Appends one increment durably; false when the share is gone (nothing written). */
  append(documentId: string, generation: string, update: Uint8Array): Promise<boolean>;
  /** Folds the increments into the state: `merge(state, increments)` returns the new state. */
  compact(documentId: string, generation: string, merge: (doc: StoredDocument) => Uint8Array): Promise<CompactResult>;
  close(): Promise<void>;
}

/** Table names for one prefix (validated in config: [a-z][a-z0-9_]*). */
export function tables(prefix: string) {
  return { shares: `${prefix}shares`, state: `${prefix}doc_state`, updates: `${prefix}doc_updates` };
}

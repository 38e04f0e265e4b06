// SQLite store (default, no setup): one file under LONGHAND_DATA_DIR. An append resolves once its transaction
// (a group of appends, see batch.ts) has been written to the database file (WAL) — before the server acknowledges.
// WAL with synchronous=NORMAL survives a killed process; only an OS crash or power cut can lose the last commits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { batchedAppend, type AppendItem } from './batch';
import { tables, type CollabStore, type ShareRow, type StoredDocument } from './types';

interface ShareRecord { doc_id: string; generation: string; secret_hash: Buffer; owner_hash: Buffer | null; read_hash: Buffer | null; created_at: number }
const toRow = (r: ShareRecord): ShareRow => ({
  documentId: r.doc_id, generation: r.generation, secretHash: r.secret_hash, ownerHash: r.owner_hash ?? null, readHash: r.read_hash ?? null,
  createdAt: Number(r.created_at),
});

export function openSqliteStore(dataDir: string, prefix: string): CollabStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'longhand.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const t = tables(prefix);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t.shares} (
      doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, secret_hash BLOB NOT NULL, created_at INTEGER NOT NULL,
      owner_hash BLOB, read_hash BLOB);
    CREATE TABLE IF NOT EXISTS ${t.state} (
      doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.updates} (
      id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, generation TEXT NOT NULL, data BLOB NOT NULL,
      created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS ${t.updates}_doc ON ${t.updates} (doc_id, id);`);
  // A database made before owner keys has no owner_hash column, one made before read-only links no read_hash:
  // add them in place (its shares keep NULL, the legacy rules). IMMEDIATE, so two processes starting on one file
  // do not both add one.
  db.transaction(() => {
    const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t.shares}')`).all();
    if (!columns.some((c) => c.name === 'owner_hash')) db.exec(`ALTER TABLE ${t.shares} ADD COLUMN owner_hash BLOB`);
    if (!columns.some((c) => c.name === 'read_hash')) db.exec(`ALTER TABLE ${t.shares} ADD COLUMN read_hash BLOB`);
  }).immediate();

  const q = {
    share: db.prepare<[string], ShareRecord>(
      `SELECT doc_id, generation, secret_hash, owner_hash, read_hash, created_at FROM ${t.shares} WHERE doc_id = ?`),
    insertShare: db.prepare(`INSERT INTO ${t.shares} (doc_id, generation, secret_hash, owner_hash, read_hash, created_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO NOTHING`),
    setHash: db.prepare(`UPDATE ${t.shares} SET secret_hash = ?, owner_hash = COALESCE(owner_hash, ?),
      read_hash = COALESCE(?, read_hash) WHERE doc_id = ?`),
    deleteShare: db.prepare(`DELETE FROM ${t.shares} WHERE doc_id = ?`),
    deleteState: db.prepare(`DELETE FROM ${t.state} WHERE doc_id = ?`),
    deleteUpdates: db.prepare(`DELETE FROM ${t.updates} WHERE doc_id = ?`),
    state: db.prepare<[string, string], { state: Buffer }>(`SELECT state FROM ${t.state} WHERE doc_id = ? AND generation = ?`),
    updates: db.prepare<[string, string], { id: number; data: Buffer }>(
      `SELECT id, data FROM ${t.updates} WHERE doc_id = ? AND generation = ? ORDER BY id`),
    append: db.prepare(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at)
      SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ${t.shares} WHERE doc_id = ? AND generation = ?)`),
    putState: db.prepare(`INSERT INTO ${t.state} (doc_id, generation, state, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (doc_id) DO UPDATE SET generation = excluded.generation, state = excluded.state, updated_at = excluded.updated_at`),
    deleteUpTo: db.prepare(`DELETE FROM ${t.updates} WHERE doc_id = ? AND (id <= ? OR generation <> ?)`),
  };

  // IMMEDIATE: take the write lock up front, so a second process on the same file waits instead of failing.
  const rotate = db.transaction((id: string, check: (r: ShareRow) => boolean, hash: Buffer, owner: Buffer | null, read: Buffer | null) => {
    const r = q.share.get(id);
    if (!r) return 'missing' as const;
    if (!check(toRow(r))) return 'denied' as const;
    q.setHash.run(hash, owner, read, id);
    return 'rotated' as const;
  });
  const revoke = db.transaction((id: string, check: (r: ShareRow) => boolean) => {
    const r = q.share.get(id);
    if (!r) return { result: 'missing' as const };
    if (!check(toRow(r))) return { result: 'denied' as const };
    q.deleteShare.run(id);
    q.deleteState.run(id);
    q.deleteUpdates.run(id);
    return { result: 'revoked' as const, generation: r.generation };
  });
  const create = db.transaction((row: ShareRow) => {
    const inserted = q.insertShare.run(row.documentId, row.generation, row.secretHash, row.ownerHash, row.readHash, row.createdAt).changes === 1;
    // Leftovers of an earlier generation (a late write after a revoke) are never read, but need not stay.
    if (inserted) {
      q.deleteState.run(row.documentId);
      q.deleteUpdates.run(row.documentId);
    }
    return inserted;
  });
  const appendMany = db.transaction((items: AppendItem[]) => items.map((it) => q.append.run(it.documentId, it.generation,
    Buffer.from(it.update.buffer, it.update.byteOffset, it.update.byteLength), Date.now(), it.documentId, it.generation).changes === 1));
  const append = batchedAppend((items) => appendMany.immediate(items));
  const read = (id: string, gen: string) => {
    const state = q.state.get(id, gen)?.state ?? null;
    const rows = q.updates.all(id, gen);
    return { state, rows };
  };
  const compact = db.transaction((id: string, gen: string, merge: (d: StoredDocument) => Uint8Array) => {
    const share = q.share.get(id);
    if (!share || share.generation !== gen) return 'gone' as const;
    const { state, rows } = read(id, gen);
    const merged = merge({ state, updates: rows.map((r) => r.data) });
    q.putState.run(id, gen, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), Date.now());
    // Within this transaction nothing else writes (SQLite has one writer), so "up to the last id read" is exact.
    q.deleteUpTo.run(id, rows.length ? rows[rows.length - 1].id : 0, gen);
    return 'stored' as const;
  });

  return {
    kind: 'sqlite',
    getShare: async (id) => {
      const r = q.share.get(id);
      return r ? toRow(r) : undefined;
    },
    createShare: async (row) => create.immediate(row),
    rotateShare: async (id, check, hash, owner, read) => rotate.immediate(id, check, hash, owner ?? null, read ?? null),
    revokeShare: async (id, check) => revoke.immediate(id, check),
    load: async (id, gen) => {
      const share = q.share.get(id);
      if (!share || share.generation !== gen) return undefined;
      const { state, rows } = read(id, gen);
      return { state, updates: rows.map((r) => r.data) };
    },
    append: (documentId, generation, update) => append({ documentId, generation, update }),
    compact: async (id, gen, merge) => compact.immediate(id, gen, merge),
    close: async () => { db.close(); },
  };
}

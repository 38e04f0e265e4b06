// PostgreSQL store (DATABASE_URL): the same tables, shared by every instance. An append is one INSERT that
// commits (synchronous_commit as configured, on by default) before the server acknowledges the update.
import pg from 'pg';
import { batchedAppend } from './batch';
import { tables, type CollabStore, type ShareRow, type StoredDocument } from './types';

interface ShareRecord { doc_id: string; generation: string; secret_hash: Buffer; owner_hash: Buffer | null; read_hash: Buffer | null; created_at: string }
const toRow = (r: ShareRecord): ShareRow => ({
  documentId: r.doc_id, generation: r.generation, secretHash: r.secret_hash, ownerHash: r.owner_hash ?? null, readHash: r.read_hash ?? null,
  createdAt: Number(r.created_at),
});
const SHARE_COLUMNS = 'doc_id, generation, secret_hash, owner_hash, read_hash, created_at';

export async function openPostgresStore(url: string, prefix: string, connectTimeoutMs: number): Promise<CollabStore> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 10 });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => {});
  const t = tables(prefix);
  try {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      // Several instances may start at once: one creates the tables, the others wait for it.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${prefix}schema`]);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.shares} (
          doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, secret_hash BYTEA NOT NULL, created_at BIGINT NOT NULL,
          owner_hash BYTEA, read_hash BYTEA);
        CREATE TABLE IF NOT EXISTS ${t.state} (
          doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS ${t.updates} (
          id BIGSERIAL PRIMARY KEY, doc_id TEXT NOT NULL, generation TEXT NOT NULL, data BYTEA NOT NULL,
          created_at BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS ${t.updates}_doc ON ${t.updates} (doc_id, id);`);
      // A database made before owner keys has no owner_hash column, one made before read-only links no
      // read_hash: add them in place (its shares keep NULL, the legacy rules). Asked first, so a start on an
      // up-to-date schema takes no table lock.
      const has = await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND column_name IN ('owner_hash', 'read_hash')`, [t.shares]);
      const present = new Set(has.rows.map((r) => r.column_name));
      for (const column of ['owner_hash', 'read_hash']) {
        if (!present.has(column)) await c.query(`ALTER TABLE ${t.shares} ADD COLUMN IF NOT EXISTS ${column} BYTEA`);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }

  /** Runs fn in a transaction holding the share row's lock (FOR UPDATE), so compactions, rotations and
   *  revocations of one document never interleave, across instances too. */
  async function withShareLock<T>(id: string, fn: (c: pg.PoolClient, row: ShareRow | undefined) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const r = await c.query<ShareRecord>(
        `SELECT ${SHARE_COLUMNS} FROM ${t.shares} WHERE doc_id = $1 FOR UPDATE`, [id]);
      const out = await fn(c, r.rows[0] ? toRow(r.rows[0]) : undefined);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  const read = async (c: pg.PoolClient | pg.Pool, id: string, gen: string) => {
    const s = await c.query<{ state: Buffer }>(`SELECT state FROM ${t.state} WHERE doc_id = $1 AND generation = $2`, [id, gen]);
    const u = await c.query<{ id: string; data: Buffer }>(
      `SELECT id, data FROM ${t.updates} WHERE doc_id = $1 AND generation = $2 ORDER BY id`, [id, gen]);
    return { state: s.rows[0]?.state ?? null, rows: u.rows };
  };

  // One INSERT per batch, each row conditioned on its share. A revoke that commits while this runs can leave a
  // row of the old generation behind; no later share reads it (generation differs) and the next share deletes it.
  const append = batchedAppend(async (items) => {
    const r = await pool.query(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at)
      SELECT v.doc_id, v.generation, v.data, $4::bigint
      FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS v(doc_id, generation, data, n)
      WHERE EXISTS (SELECT 1 FROM ${t.shares} s WHERE s.doc_id = v.doc_id AND s.generation = v.generation)
      ORDER BY v.n`, [
      items.map((i) => i.documentId), items.map((i) => i.generation),
      items.map((i) => Buffer.from(i.update.buffer, i.update.byteOffset, i.update.byteLength)), Date.now(),
    ]);
    if (r.rowCount === items.length) return items.map(() => true);
    // Some share is gone: ask which (rare: only around a revocation).
    const live = await pool.query<{ doc_id: string; generation: string }>(
      `SELECT doc_id, generation FROM ${t.shares} WHERE doc_id = ANY($1::text[])`, [items.map((i) => i.documentId)]);
    const ok = new Set(live.rows.map((x) => `${x.doc_id}\n${x.generation}`));
    return items.map((i) => ok.has(`${i.documentId}\n${i.generation}`));
  });

  return {
    kind: 'postgres',
    getShare: async (id) => {
      const r = await pool.query<ShareRecord>(`SELECT ${SHARE_COLUMNS} FROM ${t.shares} WHERE doc_id = $1`, [id]);
      return r.rows[0] ? toRow(r.rows[0]) : undefined;
    },
    createShare: async (row) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const r = await c.query(`INSERT INTO ${t.shares} (doc_id, generation, secret_hash, owner_hash, read_hash, created_at)
          VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (doc_id) DO NOTHING`,
        [row.documentId, row.generation, row.secretHash, row.ownerHash, row.readHash, row.createdAt]);
        const inserted = r.rowCount === 1;
        if (inserted) {
          await c.query(`DELETE FROM ${t.state} WHERE doc_id = $1`, [row.documentId]);
          await c.query(`DELETE FROM ${t.updates} WHERE doc_id = $1`, [row.documentId]);
        }
        await c.query('COMMIT');
        return inserted;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    rotateShare: (id, check, hash, owner, read) => withShareLock(id, async (c, row) => {
      if (!row) return 'missing' as const;
      if (!check(row)) return 'denied' as const;
      await c.query(`UPDATE ${t.shares} SET secret_hash = $1, owner_hash = COALESCE(owner_hash, $2),
        read_hash = COALESCE($3, read_hash) WHERE doc_id = $4`, [hash, owner ?? null, read ?? null, id]);
      return 'rotated' as const;
    }),
    revokeShare: (id, check) => withShareLock(id, async (c, row) => {
      if (!row) return { result: 'missing' as const };
      if (!check(row)) return { result: 'denied' as const };
      await c.query(`DELETE FROM ${t.shares} WHERE doc_id = $1`, [id]);
      await c.query(`DELETE FROM ${t.state} WHERE doc_id = $1`, [id]);
      await c.query(`DELETE FROM ${t.updates} WHERE doc_id = $1`, [id]);
      return { result: 'revoked' as const, generation: row.generation };
    }),
    load: async (id, gen) => {
      const share = await pool.query<{ generation: string }>(`SELECT generation FROM ${t.shares} WHERE doc_id = $1`, [id]);
      if (share.rows[0]?.generation !== gen) return undefined;
      const { state, rows } = await read(pool, id, gen);
      return { state, updates: rows.map((r) => r.data) };
    },
    append: (documentId, generation, update) => append({ documentId, generation, update }),
    compact: (id, gen, merge) => withShareLock(id, async (c, row) => {
      if (!row || row.generation !== gen) return 'gone' as const;
      const { state, rows } = await read(c, id, gen);
      const merged: Uint8Array = merge({ state, updates: rows.map((r) => r.data) } satisfies StoredDocument);
      await c.query(`INSERT INTO ${t.state} (doc_id, generation, state, updated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (doc_id) DO UPDATE SET generation = EXCLUDED.generation, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [id, gen, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), Date.now()]);
      // Appends keep committing during a compaction (they do not take the row lock) and ids commit out of
      // order, so delete exactly the increments that were read and merged — never a range.
      await c.query(`DELETE FROM ${t.updates} WHERE id = ANY($1::bigint[]) OR (doc_id = $2 AND generation <> $3)`,
        [rows.map((r) => r.id), id, gen]);
      return 'stored' as const;
    }),
    close: () => pool.end(),
  };
}

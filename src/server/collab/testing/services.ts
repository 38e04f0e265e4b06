// The shared PostgreSQL and Redis of the machine (CI starts them): unique names per test run, cleaned up after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A table / Redis prefix no other run uses. */
export const uniquePrefix = (what = 't') => `${what}${process.pid}_${randomBytes(4).toString('hex')}_`;

export async function dropTables(prefix: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    for (const t of ['shares', 'doc_state', 'doc_updates']) await c.query(`DROP TABLE IF EXISTS ${prefix}${t}`);
  } finally {
    await c.end();
  }
}

export async function countRows(prefix: string, table: 'shares' | 'doc_state' | 'doc_updates', documentId: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${prefix}${table} WHERE doc_id = $1`, [documentId]);
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/** Stores an increment the way an instance's append does, without any instance applying or relaying it: what an
 *  instance killed between its append (acknowledged) and its Redis publish leaves behind. */
export async function storeUnrelayedUpdate(prefix: string, documentId: string, update: Uint8Array): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`INSERT INTO ${prefix}doc_updates (doc_id, generation, data, created_at)
      SELECT doc_id, generation, $2, $3 FROM ${prefix}shares WHERE doc_id = $1`,
    [documentId, Buffer.from(update.buffer, update.byteOffset, update.byteLength), Date.now()]);
  } finally {
    await c.end();
  }
}

// The storage contract on both backends: appends racing compactions lose nothing and keep nothing twice; a
// revoked share's rows are gone and its late writes refused; a new share of the id starts empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashSecret, newGeneration, secretMatches } from './secrets';
import { mergeStored } from './sync';
import { PG_URL, dropTables, uniquePrefix } from './testing/services';
import { openPostgresStore } from './storage/postgres';
import { openSqliteStore } from './storage/sqlite';
import type { CollabStore } from './storage/types';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

const backends: [string, () => Promise<CollabStore>][] = [
  ['SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhand-store-'));
    const s = openSqliteStore(dir, 'longhand_');
    cleanups.push(async () => { await s.close(); rmSync(dir, { recursive: true, force: true }); });
    return s;
  }],
  ['PostgreSQL', async () => {
    const prefix = uniquePrefix('store');
    const s = await openPostgresStore(PG_URL, prefix, 5000);
    cleanups.push(async () => { await s.close(); await dropTables(prefix); });
    return s;
  }],
];

/** One client's edit: a paragraph with `token`, encoded as the update a provider would send. */
function edit(doc: Y.Doc, token: string): Uint8Array {
  let update: Uint8Array | undefined;
  const grab = (u: Uint8Array) => { update = u; };
  doc.on('update', grab);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(token)]);
  doc.getXmlFragment('s').insert(doc.getXmlFragment('s').length, [p]);
  doc.off('update', grab);
  return update!;
}

const textOf = (update: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d.getXmlFragment('s').toString();
};

describe.each(backends)('%s store', (_name, open) => {
  it('appends racing compactions: every edit survives, exactly once', async () => {
    const store = await open();
    const id = `d_race_${Date.now()}`;
    const gen = newGeneration();
    expect(await store.createShare({ documentId: id, generation: gen, secretHash: hashSecret('s'), ownerHash: null, readHash: null, createdAt: Date.now() })).toBe(true);
    // Two "instances" (two client docs) writing concurrently, compactions interleaved.
    const a = new Y.Doc();
    const b = new Y.Doc();
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 150; i++) {
      jobs.push(store.append(id, gen, edit(a, `a-${i}`)));
      jobs.push(store.append(id, gen, edit(b, `b-${i}`)));
      if (i % 15 === 0) jobs.push(store.compact(id, gen, (d) => mergeStored(d)));
    }
    const results = await Promise.all(jobs);
    expect(results.filter((r) => r === false)).toEqual([]);
    expect(await store.compact(id, gen, (d) => mergeStored(d))).toBe('stored');
    const loaded = await store.load(id, gen);
    expect(loaded?.updates).toEqual([]);
    const text = textOf(mergeStored(loaded!));
    for (let i = 0; i < 150; i++) {
      expect(text.split(`>a-${i}<`).length - 1, `a-${i}`).toBe(1);
      expect(text.split(`>b-${i}<`).length - 1, `b-${i}`).toBe(1);
    }
  });

  it('revoke: rows gone, late appends refused; a new share of the id starts empty', async () => {
    const store = await open();
    const id = `d_revoke_${Date.now()}`;
    const gen = newGeneration();
    await store.createShare({ documentId: id, generation: gen, secretHash: hashSecret('one'), ownerHash: null, readHash: null, createdAt: Date.now() });
    const doc = new Y.Doc();
    expect(await store.append(id, gen, edit(doc, 'old'))).toBe(true);
    expect(await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('x'), ownerHash: null, readHash: null, createdAt: 0 })).toBe(false);

    expect((await store.revokeShare(id, (r) => secretMatches('wrong', r.secretHash))).result).toBe('denied');
    expect(await store.revokeShare(id, (r) => secretMatches('one', r.secretHash))).toEqual({ result: 'revoked', generation: gen });
    expect(await store.load(id, gen)).toBeUndefined();
    expect(await store.append(id, gen, edit(doc, 'late'))).toBe(false);
    expect(await store.compact(id, gen, (d) => mergeStored(d))).toBe('gone');
    expect((await store.revokeShare(id, () => true)).result).toBe('missing');

    const gen2 = newGeneration();
    await store.createShare({ documentId: id, generation: gen2, secretHash: hashSecret('two'), ownerHash: null, readHash: null, createdAt: Date.now() });
    expect(await store.load(id, gen2)).toEqual({ state: null, updates: [] });
    expect(await store.append(id, gen, edit(doc, 'stale generation'))).toBe(false);
  });

  it('rotate is a compare-and-set on the current secret', async () => {
    const store = await open();
    const id = `d_rotate_${Date.now()}`;
    await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('one'), ownerHash: null, readHash: null, createdAt: Date.now() });
    expect(await store.rotateShare(id, (r) => secretMatches('nope', r.secretHash), hashSecret('two'))).toBe('denied');
    expect(await store.rotateShare(id, (r) => secretMatches('one', r.secretHash), hashSecret('two'))).toBe('rotated');
    expect(secretMatches('two', (await store.getShare(id))!.secretHash)).toBe(true);
    expect(await store.rotateShare('d_none', () => true, hashSecret('x'))).toBe('missing');
  });
});

describe.each(backends)('%s store: owner keys', (_name, open) => {
  it('a new share keeps its owner hash; a rotation never replaces it', async () => {
    const store = await open();
    const id = `d_owner_${Date.now()}`;
    await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('one'), ownerHash: hashSecret('key'), readHash: null, createdAt: Date.now() });
    expect(secretMatches('key', (await store.getShare(id))!.ownerHash!)).toBe(true);
    expect(await store.rotateShare(id, () => true, hashSecret('two'), hashSecret('other key'))).toBe('rotated');
    const row = (await store.getShare(id))!;
    expect(secretMatches('two', row.secretHash)).toBe(true);
    expect(secretMatches('key', row.ownerHash!)).toBe(true);
  });

  it('a share without an owner hash gets the one its first rotation brings; a denied rotation sets nothing', async () => {
    const store = await open();
    const id = `d_legacy_${Date.now()}`;
    await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('one'), ownerHash: null, readHash: null, createdAt: Date.now() });
    expect((await store.getShare(id))!.ownerHash).toBeNull();
    expect(await store.rotateShare(id, () => false, hashSecret('x'), hashSecret('key'))).toBe('denied');
    expect((await store.getShare(id))!.ownerHash).toBeNull();
    expect(await store.rotateShare(id, () => true, hashSecret('two'))).toBe('rotated');
    expect((await store.getShare(id))!.ownerHash).toBeNull();
    expect(await store.rotateShare(id, () => true, hashSecret('three'), hashSecret('key'))).toBe('rotated');
    expect(secretMatches('key', (await store.getShare(id))!.ownerHash!)).toBe(true);
  });
});

describe.each(backends)('%s store: read-only secrets', (_name, open) => {
  it('a new share keeps its read hash; a rotation replaces it, and gives one to a share that had none', async () => {
    const store = await open();
    const id = `d_read_${Date.now()}`;
    await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('one'), ownerHash: hashSecret('key'), readHash: hashSecret('read one'), createdAt: Date.now() });
    expect(secretMatches('read one', (await store.getShare(id))!.readHash!)).toBe(true);
    expect(await store.rotateShare(id, () => false, hashSecret('x'), undefined, hashSecret('read x'))).toBe('denied');
    expect(secretMatches('read one', (await store.getShare(id))!.readHash!)).toBe(true);
    expect(await store.rotateShare(id, () => true, hashSecret('two'), undefined, hashSecret('read two'))).toBe('rotated');
    const row = (await store.getShare(id))!;
    expect(secretMatches('two', row.secretHash)).toBe(true);
    expect(secretMatches('read two', row.readHash!)).toBe(true);
    expect(secretMatches('key', row.ownerHash!)).toBe(true);

    const legacy = `d_read_legacy_${Date.now()}`;
    await store.createShare({ documentId: legacy, generation: newGeneration(), secretHash: hashSecret('one'), ownerHash: null, readHash: null, createdAt: Date.now() });
    expect((await store.getShare(legacy))!.readHash).toBeNull();
    expect(await store.rotateShare(legacy, () => true, hashSecret('two'), hashSecret('key'), hashSecret('read'))).toBe('rotated');
    expect(secretMatches('read', (await store.getShare(legacy))!.readHash!)).toBe(true);
  });
});

// The tables exactly as the server created them before owner keys (no owner_hash column).
const OLD_SCHEMA = (t: { shares: string; state: string; updates: string }, blob: string, bigint: string, serial: string) => `
  CREATE TABLE ${t.shares} (
    doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, secret_hash ${blob} NOT NULL, created_at ${bigint} NOT NULL);
  CREATE TABLE ${t.state} (
    doc_id TEXT PRIMARY KEY, generation TEXT NOT NULL, state ${blob} NOT NULL, updated_at ${bigint} NOT NULL);
  CREATE TABLE ${t.updates} (
    id ${serial}, doc_id TEXT NOT NULL, generation TEXT NOT NULL, data ${blob} NOT NULL, created_at ${bigint} NOT NULL);
  CREATE INDEX ${t.updates}_doc ON ${t.updates} (doc_id, id);`;

/** What a store opened on an old database must show: the old share as it was (no owner hash), its document, and
 *  a working new share with an owner hash; opened twice, since every start runs the migration. */
async function checkMigrated(openStore: () => Promise<CollabStore>, id: string, gen: string) {
  for (let i = 0; i < 2; i++) {
    const store = await openStore();
    try {
      const row = (await store.getShare(id))!;
      expect(row.generation).toBe(gen);
      expect(secretMatches('old secret', row.secretHash)).toBe(true);
      expect(row.ownerHash).toBeNull();
      expect(row.readHash).toBeNull();
      expect(textOf(mergeStored((await store.load(id, gen))!))).toContain('written before the upgrade');
      if (i === 0) {
        const fresh = `${id}_new`;
        await store.createShare({ documentId: fresh, generation: newGeneration(), secretHash: hashSecret('s'), ownerHash: hashSecret('k'), readHash: hashSecret('r'), createdAt: Date.now() });
        expect(secretMatches('k', (await store.getShare(fresh))!.ownerHash!)).toBe(true);
        expect(secretMatches('r', (await store.getShare(fresh))!.readHash!)).toBe(true);
      }
    } finally {
      await store.close();
    }
  }
}

// The schema of the owner-key release, before read-only links: owner_hash, no read_hash.
const OWNER_SCHEMA = (t: { shares: string; state: string; updates: string }, blob: string, bigint: string, serial: string) =>
  OLD_SCHEMA(t, blob, bigint, serial) + `\n  ALTER TABLE ${t.shares} ADD COLUMN owner_hash ${blob};`;

/** A store opened on a database of the owner-key release: the old share keeps its owner hash and has no read
 *  hash; its first rotation gives it one; a new share keeps its read hash. Opened twice (every start migrates). */
async function checkReadMigrated(openStore: () => Promise<CollabStore>, id: string, gen: string) {
  for (let i = 0; i < 2; i++) {
    const store = await openStore();
    try {
      const row = (await store.getShare(id))!;
      expect(row.generation).toBe(gen);
      expect(secretMatches('old key', row.ownerHash!)).toBe(true);
      expect(textOf(mergeStored((await store.load(id, gen))!))).toContain('written before the upgrade');
      if (i === 0) {
        expect(row.readHash).toBeNull();
        expect(await store.rotateShare(id, () => true, hashSecret('new secret'), undefined, hashSecret('read'))).toBe('rotated');
        const fresh = `${id}_new`;
        await store.createShare({ documentId: fresh, generation: newGeneration(), secretHash: hashSecret('s'), ownerHash: hashSecret('k'), readHash: hashSecret('r'), createdAt: Date.now() });
        expect(secretMatches('r', (await store.getShare(fresh))!.readHash!)).toBe(true);
      } else {
        expect(secretMatches('read', row.readHash!)).toBe(true);
        expect(secretMatches('new secret', row.secretHash)).toBe(true);
      }
    } finally {
      await store.close();
    }
  }
}

describe('migration of a database created before read-only links', () => {
  const gen = 'g_owner';
  const update = edit(new Y.Doc(), 'written before the upgrade');

  it('SQLite: the read_hash column is added in place, the old share keeps working and gets one on rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhand-migrate-read-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const t = { shares: 'longhand_shares', state: 'longhand_doc_state', updates: 'longhand_doc_updates' };
    const db = new Database(join(dir, 'longhand.sqlite'));
    db.exec(OWNER_SCHEMA(t, 'BLOB', 'INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'));
    db.prepare(`INSERT INTO ${t.shares} VALUES (?, ?, ?, ?, ?)`).run('d_owned', gen, hashSecret('old secret'), 1, hashSecret('old key'));
    db.prepare(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at) VALUES (?, ?, ?, ?)`).run('d_owned', gen, Buffer.from(update), 1);
    db.close();

    await checkReadMigrated(async () => openSqliteStore(dir, 'longhand_'), 'd_owned', gen);
    const after = new Database(join(dir, 'longhand.sqlite'), { readonly: true });
    const columns = after.prepare(`SELECT name FROM pragma_table_info('${t.shares}')`).all() as { name: string }[];
    after.close();
    expect(columns.map((c) => c.name)).toEqual(['doc_id', 'generation', 'secret_hash', 'created_at', 'owner_hash', 'read_hash']);
  });

  it('PostgreSQL: the read_hash column is added in place, the old share keeps working and gets one on rotation', async () => {
    const prefix = uniquePrefix('migrate_read');
    cleanups.push(() => dropTables(prefix));
    const t = { shares: `${prefix}shares`, state: `${prefix}doc_state`, updates: `${prefix}doc_updates` };
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(OWNER_SCHEMA(t, 'BYTEA', 'BIGINT', 'BIGSERIAL PRIMARY KEY'));
      await c.query(`INSERT INTO ${t.shares} VALUES ($1, $2, $3, $4, $5)`, ['d_owned', gen, hashSecret('old secret'), 1, hashSecret('old key')]);
      await c.query(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at) VALUES ($1, $2, $3, $4)`, ['d_owned', gen, Buffer.from(update), 1]);

      // Two instances starting at once: both open, the column is added once.
      const [s1, s2] = await Promise.all([openPostgresStore(PG_URL, prefix, 5000), openPostgresStore(PG_URL, prefix, 5000)]);
      await s1.close();
      await s2.close();
      await checkReadMigrated(() => openPostgresStore(PG_URL, prefix, 5000), 'd_owned', gen);
      const cols = await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [t.shares]);
      expect(cols.rows.map((r) => r.column_name)).toEqual(['doc_id', 'generation', 'secret_hash', 'created_at', 'owner_hash', 'read_hash']);
    } finally {
      await c.end();
    }
  });
});

describe('migration of a database created before owner keys', () => {
  const gen = 'g_old';
  const doc = new Y.Doc();
  const update = edit(doc, 'written before the upgrade');

  it('SQLite: the owner_hash column is added in place, the old share keeps working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhand-migrate-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const t = { shares: 'longhand_shares', state: 'longhand_doc_state', updates: 'longhand_doc_updates' };
    const db = new Database(join(dir, 'longhand.sqlite'));
    db.exec(OLD_SCHEMA(t, 'BLOB', 'INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'));
    db.prepare(`INSERT INTO ${t.shares} VALUES (?, ?, ?, ?)`).run('d_old', gen, hashSecret('old secret'), 1);
    db.prepare(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at) VALUES (?, ?, ?, ?)`).run('d_old', gen, Buffer.from(update), 1);
    db.close();

    await checkMigrated(async () => openSqliteStore(dir, 'longhand_'), 'd_old', gen);
    const after = new Database(join(dir, 'longhand.sqlite'), { readonly: true });
    const columns = after.prepare(`SELECT name FROM pragma_table_info('${t.shares}')`).all() as { name: string }[];
    after.close();
    expect(columns.map((c) => c.name)).toEqual(['doc_id', 'generation', 'secret_hash', 'created_at', 'owner_hash', 'read_hash']);
  });

  it('PostgreSQL: the owner_hash column is added in place, the old share keeps working', async () => {
    const prefix = uniquePrefix('migrate');
    cleanups.push(() => dropTables(prefix));
    const t = { shares: `${prefix}shares`, state: `${prefix}doc_state`, updates: `${prefix}doc_updates` };
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(OLD_SCHEMA(t, 'BYTEA', 'BIGINT', 'BIGSERIAL PRIMARY KEY'));
      await c.query(`INSERT INTO ${t.shares} VALUES ($1, $2, $3, $4)`, ['d_old', gen, hashSecret('old secret'), 1]);
      await c.query(`INSERT INTO ${t.updates} (doc_id, generation, data, created_at) VALUES ($1, $2, $3, $4)`, ['d_old', gen, Buffer.from(update), 1]);

      // Two instances starting at once on the old schema: both open, the column is added once.
      const [s1, s2] = await Promise.all([openPostgresStore(PG_URL, prefix, 5000), openPostgresStore(PG_URL, prefix, 5000)]);
      await s1.close();
      await s2.close();
      await checkMigrated(() => openPostgresStore(PG_URL, prefix, 5000), 'd_old', gen);
      const cols = await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [t.shares]);
      expect(cols.rows.map((r) => r.column_name)).toEqual(['doc_id', 'generation', 'secret_hash', 'created_at', 'owner_hash', 'read_hash']);
    } finally {
      await c.end();
    }
  });
});

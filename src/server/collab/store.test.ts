// The storage contract on both backends: appends racing compactions lose nothing and keep nothing twice; a
// revoked share's rows are gone and its late writes refused; a new share of the id starts empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(await store.createShare({ documentId: id, generation: gen, secretHash: hashSecret('s'), createdAt: Date.now() })).toBe(true);
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
    await store.createShare({ documentId: id, generation: gen, secretHash: hashSecret('one'), createdAt: Date.now() });
    const doc = new Y.Doc();
    expect(await store.append(id, gen, edit(doc, 'old'))).toBe(true);
    expect(await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('x'), createdAt: 0 })).toBe(false);

    expect((await store.revokeShare(id, (r) => secretMatches('wrong', r.secretHash))).result).toBe('denied');
    expect(await store.revokeShare(id, (r) => secretMatches('one', r.secretHash))).toEqual({ result: 'revoked', generation: gen });
    expect(await store.load(id, gen)).toBeUndefined();
    expect(await store.append(id, gen, edit(doc, 'late'))).toBe(false);
    expect(await store.compact(id, gen, (d) => mergeStored(d))).toBe('gone');
    expect((await store.revokeShare(id, () => true)).result).toBe('missing');

    const gen2 = newGeneration();
    await store.createShare({ documentId: id, generation: gen2, secretHash: hashSecret('two'), createdAt: Date.now() });
    expect(await store.load(id, gen2)).toEqual({ state: null, updates: [] });
    expect(await store.append(id, gen, edit(doc, 'stale generation'))).toBe(false);
  });

  it('rotate is a compare-and-set on the current secret', async () => {
    const store = await open();
    const id = `d_rotate_${Date.now()}`;
    await store.createShare({ documentId: id, generation: newGeneration(), secretHash: hashSecret('one'), createdAt: Date.now() });
    expect(await store.rotateShare(id, (r) => secretMatches('nope', r.secretHash), hashSecret('two'))).toBe('denied');
    expect(await store.rotateShare(id, (r) => secretMatches('one', r.secretHash), hashSecret('two'))).toBe('rotated');
    expect(secretMatches('two', (await store.getShare(id))!.secretHash)).toBe(true);
    expect(await store.rotateShare('d_none', () => true, hashSecret('x'))).toBe('missing');
  });
});

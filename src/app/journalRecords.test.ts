// The storage side of journal hygiene (src/storage/journalRecords.ts), with the editor's real replay: this lives
// in src/app because only the composition root may join storage and editor.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getSchema, type JSONContent } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { Node as PMNode } from '@tiptap/pm/model';
import { LonghandDB } from '../storage/db';
import { journalKey, retireJournal, type Replay } from '../storage/journalRecords';
import { baseExtensions } from '../editor/extensions';
import { replaySteps } from '../editor/journal';
import type { RichDoc } from '../core/model';

const schema = getSchema(baseExtensions());
const para = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } as RichDoc);
const replay: Replay = (snapshot, steps) => {
  const r = replaySteps(schema, (snapshot ?? { type: 'doc', content: [{ type: 'paragraph' }] }) as JSONContent, steps);
  return r.applied ? (r.doc as RichDoc) : null;
};
/** The steps of typing `text` at the end of the first paragraph of `doc`. */
function typed(doc: RichDoc, text: string): unknown[] {
  const state = EditorState.create({ doc: PMNode.fromJSON(schema, doc) });
  const end = state.doc.firstChild!.nodeSize - 1;
  return state.tr.insertText(text, end).steps.map((s) => s.toJSON());
}

const dbs: LonghandDB[] = [];
afterEach(async () => { for (const d of dbs.splice(0)) { d.close(); await d.delete(); } });
function freshDb() {
  const d = new LonghandDB(`journal-records-${Math.random().toString(36).slice(2)}`);
  dbs.push(d);
  return d;
}

describe('retireJournal (a deleted section or document)', () => {
  it('folds steps not yet in the snapshot into it and removes the record', async () => {
    const db = freshDb();
    await db.contents.put({ id: 's1', docId: 'd1', doc: para('Shown'), updatedAt: 1, journalBase: 'b1' });
    await db.kv.put({ key: journalKey('s1'), value: { base: 'b1', steps: typed(para('Shown'), ' and typed') } });
    await retireJournal(db, 's1', 'd1', replay);
    expect(await db.kv.get(journalKey('s1'))).toBeUndefined();
    const rec = await db.contents.get('s1');
    expect(rec!.doc).toEqual(para('Shown and typed'));
    expect(rec!.docId).toBe('d1');
  });
  it('a section never snapshotted: its journal (base "") becomes its content', async () => {
    const db = freshDb();
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] } as RichDoc;
    await db.kv.put({ key: journalKey('s2'), value: { base: '', steps: typed(empty, 'Only in the journal') } });
    await retireJournal(db, 's2', 'd2', replay);
    expect(await db.kv.get(journalKey('s2'))).toBeUndefined();
    expect((await db.contents.get('s2'))!.doc).toEqual(para('Only in the journal'));
  });
  it('a stale journal (made on another snapshot) is removed without touching the snapshot', async () => {
    const db = freshDb();
    await db.contents.put({ id: 's3', docId: 'd1', doc: para('Current'), updatedAt: 1, journalBase: 'b2' });
    await db.kv.put({ key: journalKey('s3'), value: { base: 'b1', steps: typed(para('Current'), ' stale') } });
    await db.kv.put({ key: journalKey('other'), value: { base: 'x', steps: [] } });
    await retireJournal(db, 's3', 'd1', replay);
    expect(await db.kv.get(journalKey('s3'))).toBeUndefined();
    expect((await db.contents.get('s3'))!.doc).toEqual(para('Current'));
    // Only that section's record.
    expect(await db.kv.get(journalKey('other'))).toBeDefined();
  });
});

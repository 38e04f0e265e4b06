// The sweep reads a copy of a shared document (a y-indexeddb database) without writing to it, and deletes it only
// once it is read: real y-indexeddb over fake-indexeddb writes the copies here.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { deleteLocalCopy, readLocalCopy } from './session';

let n = 0;
const paragraph = (text: string) => { const p = new Y.XmlElement('paragraph'); p.insert(0, [new Y.XmlText(text)]); return p; };

/** A copy as a session leaves it: written through y-indexeddb, then closed. */
async function writeCopy(fill: (ydoc: Y.Doc) => void): Promise<string> {
  const name = `longhand-y-d_test${++n}-1000`;
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, ydoc);
  await persistence.whenSynced;
  fill(ydoc);
  // Its writes are transactions on the open connection: closing it lets them complete first.
  await persistence.destroy();
  ydoc.destroy();
  return name;
}

const updateCount = (name: string) => new Promise<number>((resolve, reject) => {
  const req = indexedDB.open(name);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const db = req.result;
    const c = db.transaction('updates', 'readonly').objectStore('updates').count();
    c.onsuccess = () => { db.close(); resolve(c.result); };
  };
});
interface Node { text?: string; content?: Node[] }
/** Each block's first text of a section. */
const texts = (doc: unknown) => ((doc as Node).content ?? []).map((p) => p.content?.[0]?.text);
const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('readLocalCopy', () => {
  it('gives the title and the sections in the outline\'s order, with their titles and text, and writes nothing', async () => {
    const name = await writeCopy((ydoc) => ydoc.transact(() => {
      const outline = ydoc.getMap('outline');
      outline.set('doc/title', 'Moby');
      outline.set('doc/sectionIds', ['s2', 's1']);
      outline.set('sec/s1/title', 'One');
      outline.set('sec/s2/title', 'Two');
      ydoc.getXmlFragment('s1').insert(0, [paragraph('First.')]);
      ydoc.getXmlFragment('s2').insert(0, [paragraph('Second.'), paragraph('Again.')]);
    }));
    const before = await updateCount(name);
    const copy = await readLocalCopy(name);
    expect(copy?.title).toBe('Moby');
    expect(copy?.sections.map((s) => [s.id, s.title, texts(s.doc)])).toEqual([
      ['s2', 'Two', ['Second.', 'Again.']], ['s1', 'One', ['First.']],
    ]);
    expect(await updateCount(name)).toBe(before);
  });

  it('gives every text fragment of a copy with no outline, so none goes unseen', async () => {
    const name = await writeCopy((ydoc) => ydoc.getXmlFragment('s9').insert(0, [paragraph('Orphan text.')]));
    const copy = await readLocalCopy(name);
    expect(copy?.sections.map((s) => [s.id, texts(s.doc)])).toEqual([['s9', ['Orphan text.']]]);
  });

  it('is empty for an empty copy, and null for a database that does not exist, which it does not create', async () => {
    const empty = await writeCopy(() => {});
    expect(await readLocalCopy(empty)).toEqual({ title: '', sections: [] });
    expect(await readLocalCopy('longhand-y-d_none-1')).toBeNull();
    expect(await names()).not.toContain('longhand-y-d_none-1');
  });

  it('reads nothing once the copy is deleted', async () => {
    const name = await writeCopy((ydoc) => ydoc.getXmlFragment('s1').insert(0, [paragraph('Gone.')]));
    await deleteLocalCopy(name);
    expect(await names()).not.toContain(name);
    expect(await readLocalCopy(name)).toBeNull();
  });
});

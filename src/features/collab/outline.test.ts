import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { mergeOutline, readOutline, writeOutline } from './outline';

const section = (id: string, init: Partial<SectionMeta> = {}): SectionMeta => ({
  id, docId: 'd_1', title: id, brief: '', targetWords: 0, status: 'empty', wordCount: 0, summary: '', checklist: [],
  streaming: null, interrupted: false, updatedAt: 1, ...init,
});
const doc = (sectionIds: string[], init: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id: 'd_1', title: 'Book', brief: '', targetWords: 0, sectionIds, checklist: [], createdAt: 1, updatedAt: 1, wordCount: 0, ...init,
});
const byId = (...s: SectionMeta[]) => Object.fromEntries(s.map((x) => [x.id, x]));

/** Two Y.Docs kept in step the way the server relays updates. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u, 'remote'));
  return { a: a.getMap<unknown>('outline'), b: b.getMap<unknown>('outline') };
}

describe('the shared outline', () => {
  it('round-trips the document, sections, checklists and the story bible; counts and streaming stay local', () => {
    const { a, b } = pair();
    const bible = [{ id: 'e1', kind: 'person', name: 'Ahab' }] as unknown as DocumentMeta['bible'];
    const d = doc(['s1', 's2'], { brief: 'Whales.', targetWords: 900, bible, checklist: [{ id: 'c', text: 'No clichés', state: 'unchecked' }] });
    const s = byId(section('s1', { brief: 'Call me.', status: 'draft', wordCount: 40, streaming: { startedAt: 1, takeId: 't' } }), section('s2', { targetWords: 300 }));
    const fresh = writeOutline(a, d, s);
    expect(fresh).toEqual(['s1', 's2']);
    const other = mergeOutline(readOutline(b), doc([], { title: '' }), {}, (id) => section(id, { title: '' }));
    expect(other?.doc).toMatchObject({ title: 'Book', brief: 'Whales.', targetWords: 900, sectionIds: ['s1', 's2'], bible, checklist: d.checklist });
    expect(other?.sections.s1).toMatchObject({ title: 's1', brief: 'Call me.', status: 'draft', wordCount: 0, streaming: null });
    expect(other?.sections.s2?.targetWords).toBe(300);
  });

  it('two people changing different fields of the same section both win; nothing to merge gives null', () => {
    const { a, b } = pair();
    const d = doc(['s1']);
    const s = byId(section('s1'));
    writeOutline(a, d, s);
    writeOutline(a, d, byId({ ...s.s1!, title: 'Opening' }), { doc: d, sections: s });
    writeOutline(b, d, byId({ ...s.s1!, brief: 'Beats.' }), { doc: d, sections: s });
    const merged = mergeOutline(readOutline(a), d, s, (id) => section(id))!;
    expect(merged.sections.s1).toMatchObject({ title: 'Opening', brief: 'Beats.' });
    expect(mergeOutline(readOutline(a), merged.doc, merged.sections, (id) => section(id))).toBeNull();
  });

  it('a section deleted on one side disappears on the other', () => {
    const { a, b } = pair();
    const d = doc(['s1', 's2']);
    const s = byId(section('s1'), section('s2'));
    writeOutline(a, d, s);
    const after = doc(['s1']);
    writeOutline(a, after, byId(s.s1!), { doc: d, sections: s });
    const merged = mergeOutline(readOutline(b), d, s, (id) => section(id))!;
    expect(merged.doc.sectionIds).toEqual(['s1']);
    expect(Object.keys(merged.sections)).toEqual(['s1']);
    expect([...b.keys()].some((k) => k.startsWith('sec/s2/'))).toBe(false);
  });
});

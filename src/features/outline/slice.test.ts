import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { AppState } from '../../app/store';
import type { DocumentMeta } from '../../core/model';
import { createOutlineSlice, selectedSectionIds } from './slice';

const doc = (id: string, sectionIds: string[]) => ({ id, sectionIds }) as DocumentMeta;

function store(d: DocumentMeta | null) {
  // The outline slice plus the one field of the document slice it reads.
  return create<AppState>()((set, get, api) => ({ doc: d, ...createOutlineSlice(set, get, api) }) as AppState);
}

describe('outline selection', () => {
  it('lists the selected sections in outline order; none selected means none (export everything)', () => {
    const s = store(doc('d1', ['a', 'b', 'c', 'd']));
    expect(selectedSectionIds(s.getState())).toEqual([]);
    s.getState().toggleSectionSelected('d1', 'c', true);
    s.getState().toggleSectionSelected('d1', 'a', true);
    expect(selectedSectionIds(s.getState())).toEqual(['a', 'c']);
    s.getState().toggleSectionSelected('d1', 'c', false);
    expect(selectedSectionIds(s.getState())).toEqual(['a']);
    s.getState().clearSectionSelection();
    expect(selectedSectionIds(s.getState())).toEqual([]);
  });
  it('belongs to one document, and a deleted section drops out', () => {
    const s = store(doc('d1', ['a', 'b']));
    s.getState().toggleSectionSelected('d1', 'a', true);
    s.getState().toggleSectionSelected('d1', 'b', true);
    s.setState({ doc: doc('d1', ['b']) });
    expect(selectedSectionIds(s.getState())).toEqual(['b']);
    s.setState({ doc: doc('d2', ['a', 'b']) });
    expect(selectedSectionIds(s.getState())).toEqual([]);
    // Selecting in another document starts a new selection.
    s.getState().toggleSectionSelected('d2', 'a', true);
    expect(s.getState().outlineSelection).toEqual({ docId: 'd2', ids: ['a'] });
  });
});

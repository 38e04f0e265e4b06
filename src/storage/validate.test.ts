import { describe, expect, it } from 'vitest';
import { asDocument, asSection } from './validate';

describe('record validation', () => {
  it('rejects records without identity', () => {
    expect(asSection(null)).toBeNull();
    expect(asSection({ id: 5, docId: 'd' })).toBeNull();
    expect(asDocument({ id: 'x' })).toBeNull();
  });
  it('repairs damaged fields with safe defaults instead of dropping the record', () => {
    const s = asSection({ id: 's', docId: 'd', title: 42, status: 'weird', targetWords: 'many' });
    expect(s).toMatchObject({ id: 's', title: '', status: 'draft', targetWords: 0 });
  });
  it('keeps a sanitised story bible with the document', () => {
    const d = asDocument({ id: 'd', sectionIds: ['s1'], bible: [
      { id: 'b1', kind: 'character', name: 'Elspeth Morrow', aliases: ['Ellie', 7, ''], description: 'Grey eyes.',
        progressions: [{ sectionId: 's1', text: 'Blind in one eye.' }, { sectionId: 3 }], alwaysInclude: true, createdAt: 1, updatedAt: 2 },
      { id: 'b2', kind: 'monster', name: 'The Ship', aliases: 'no', description: null, progressions: null, alwaysInclude: 'yes' },
      { id: 'b1', kind: 'place', name: 'duplicate id' },
      { id: 'b3', name: 5 },
      null, 'junk',
    ] });
    expect(d!.bible).toEqual([
      { id: 'b1', kind: 'character', name: 'Elspeth Morrow', aliases: ['Ellie'], description: 'Grey eyes.',
        progressions: [{ sectionId: 's1', text: 'Blind in one eye.' }], alwaysInclude: true, createdAt: 1, updatedAt: 2 },
      { id: 'b2', kind: 'thing', name: 'The Ship', aliases: [], description: '', progressions: [], alwaysInclude: false, createdAt: 0, updatedAt: 0 },
    ]);
    expect(asDocument({ id: 'd', sectionIds: [] })!.bible).toBeUndefined();
  });
});

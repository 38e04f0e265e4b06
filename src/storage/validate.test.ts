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
});

import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../core/model';
import { SWEEP_SAFETY_AGE_MS, decideOrphan, oldCopies, parseStoreName, pickOrphans } from './sweep';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map(p) }) as RichDoc;
const NOW = 1_800_000_000_000;
const OLD = NOW - SWEEP_SAFETY_AGE_MS - 1;

describe('parseStoreName', () => {
  it('reads the document id and the creation time of a copy', () => {
    expect(parseStoreName(`longhand-y-d_abc123-${OLD}`)).toEqual({ name: `longhand-y-d_abc123-${OLD}`, docId: 'd_abc123', createdAt: OLD });
  });
  it('takes the last part as the time when the document id holds dashes', () => {
    expect(parseStoreName('longhand-y-d_a-b-c-42')).toMatchObject({ docId: 'd_a-b-c', createdAt: 42 });
  });
  it('is null for any other database', () => {
    for (const name of ['longhand', 'longhand-y-', 'longhand-y-d_abc', 'longhand-y--5', 'other-y-d_a-5', 'longhand-y-d_a-5x', 'longhand-y-d_a-12345678901234567']) {
      expect(parseStoreName(name)).toBeNull();
    }
  });
});

describe('oldCopies', () => {
  it('keeps only copies older than the safety age: a share being made or a link being opened elsewhere is seconds old', () => {
    const names = ['longhand', `longhand-y-d_a-${OLD}`, `longhand-y-d_b-${NOW - 5_000}`, `longhand-y-d_c-${NOW + 60_000}`, `longhand-y-d_d-${NOW - SWEEP_SAFETY_AGE_MS}`];
    expect(oldCopies(names, NOW).map((c) => c.docId)).toEqual(['d_a', 'd_d']);
  });
  it('takes another safety age', () => {
    expect(oldCopies([`longhand-y-d_b-${NOW - 5_000}`], NOW, 1_000)).toHaveLength(1);
  });
});

describe('pickOrphans', () => {
  it('leaves the copy a record names, and picks every other one, oldest first', () => {
    const copies = oldCopies([`longhand-y-d_a-${OLD}`, `longhand-y-d_a-${OLD - 10}`, `longhand-y-d_b-${OLD}`, `longhand-y-d_c-${OLD - 20}`], NOW);
    const orphans = pickOrphans(copies, { d_a: `longhand-y-d_a-${OLD}`, d_b: `longhand-y-d_b-${NOW}` });
    expect(orphans.map((c) => c.name)).toEqual([`longhand-y-d_c-${OLD - 20}`, `longhand-y-d_a-${OLD - 10}`, `longhand-y-d_b-${OLD}`]);
  });
  it('picks every copy of a document no longer shared', () => {
    expect(pickOrphans(oldCopies([`longhand-y-d_a-${OLD}`], NOW), { d_a: undefined })).toHaveLength(1);
  });
});

describe('decideOrphan', () => {
  it('deletes an empty copy', () => {
    expect(decideOrphan([], [])).toBe('delete');
    expect(decideOrphan([{ id: 's1', doc: { type: 'doc', content: [{ type: 'paragraph' }] } }], [])).toBe('delete');
  });
  it('deletes a copy whose every paragraph is somewhere in what this browser has, in any section, text added since or not', () => {
    const copy = [{ id: 's1', doc: doc('Ada wrote this.') }, { id: 's2', doc: doc('Then more.') }];
    expect(decideOrphan(copy, [doc('Then more. And more again.'), null, doc('Ada wrote this.')])).toBe('delete');
  });
  it('keeps a copy holding one paragraph found nowhere', () => {
    const copy = [{ id: 's1', doc: doc('Ada wrote this.', 'Ben kept writing.') }];
    expect(decideOrphan(copy, [doc('Ada wrote this.')])).toBe('keep');
    expect(decideOrphan(copy, [])).toBe('keep');
  });
});

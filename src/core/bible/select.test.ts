import { describe, expect, it } from 'vitest';
import { entryAsOf, renderEntry, selectBibleEntries } from './select';
import { entry } from './testEntries';

const order = ['s1', 's2', 's3', 's4'];
const elspeth = entry('e1', 'Elspeth Morrow', {
  aliases: ['Ellie'], description: 'Tall, grey-eyed ferry captain.',
  progressions: [{ sectionId: 's3', text: 'Blind in one eye.' }, { sectionId: 's2', text: 'Sells the ferry.' }, { sectionId: 'gone', text: 'Orphaned.' }],
});
const style = entry('st', 'House style', { kind: 'rule', alwaysInclude: true, description: 'British spelling; no semicolons.' });
const ship = entry('sh', 'Pequod', { kind: 'thing', description: 'A whaler out of Nantucket.' });
const port = entry('po', 'Nantucket', { kind: 'place' });

describe('entryAsOf', () => {
  it('applies progressions up to and including the section, in outline order', () => {
    expect(entryAsOf(elspeth, 's1', order)).toEqual({ description: 'Tall, grey-eyed ferry captain.', progressions: [] });
    expect(entryAsOf(elspeth, 's2', order).progressions).toEqual(['Sells the ferry.']);
    expect(entryAsOf(elspeth, 's3', order).progressions).toEqual(['Sells the ferry.', 'Blind in one eye.']);
    expect(entryAsOf(elspeth, 's4', order).progressions).toEqual(['Sells the ferry.', 'Blind in one eye.']);
  });
  it('follows the outline when sections are reordered, and ignores deleted sections and unknown ones', () => {
    expect(entryAsOf(elspeth, 's2', ['s1', 's3', 's2']).progressions).toEqual(['Blind in one eye.', 'Sells the ferry.']);
    expect(entryAsOf(elspeth, 'nowhere', order).progressions).toEqual([]);
  });
  it('renders with kind, aliases and numbered progressions', () => {
    expect(renderEntry(elspeth, 's3', order)).toBe(
      '- Elspeth Morrow (character; also called: Ellie): Tall, grey-eyed ferry captain.\n  From section 2: Sells the ferry.\n  From section 3: Blind in one eye.');
    expect(renderEntry(entry('x', 'X', { description: '' }), 's1', order)).toBe('- X (character)');
  });
});

describe('selectBibleEntries', () => {
  const entries = [ship, elspeth, style, port];
  const pick = (texts: string[], sectionId = 's3') => selectBibleEntries({ entries, sectionId, sectionOrder: order, texts });

  it('takes the mentioned and the always ones: always first, then by first mention across the texts', () => {
    const got = pick(['Ellie boards the Pequod.', '', 'Nothing here.', 'They reach Nantucket; Ellie waves.']);
    expect(got.map((e) => e.name)).toEqual(['House style', 'Elspeth Morrow', 'Pequod', 'Nantucket']);
    expect(got.map((e) => e.always)).toEqual([true, false, false, false]);
    expect(got[1]).toMatchObject({ id: 'e1', kind: 'character' });
    expect(got[1]!.text).toContain('From section 3: Blind in one eye.');
  });

  it('leaves out what no text mentions', () => {
    expect(pick(['A quiet morning at sea.']).map((e) => e.id)).toEqual(['st']);
    expect(pick([]).map((e) => e.id)).toEqual(['st']);
  });

  it('renders each entry as of the section', () => {
    expect(pick(["Ellie's eye"], 's1')[1]!.text).not.toContain('From section');
  });

  it('takes only what is mentioned from a 200-entry bible', () => {
    const big = Array.from({ length: 200 }, (_, i) => entry(`b${i}`, `Character${i}`));
    const got = selectBibleEntries({ entries: [...big, style], sectionId: 's1', sectionOrder: order, texts: ['Character7 and Character150 argue.', 'Character7 again.'] });
    expect(got.map((e) => e.id)).toEqual(['st', 'b7', 'b150']);
  });

  it('gives nothing for an empty bible', () => {
    expect(selectBibleEntries({ entries: [], sectionId: 's1', sectionOrder: order, texts: ['anything'] })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { applySuggestion } from './apply';
import { entry } from './testEntries';

const elspeth = entry('e1', 'Elspeth Morrow', { aliases: ['Ellie'], description: 'Ferry captain.' });
const ship = entry('sh', 'Pequod');
const before = [elspeth, ship];
const frozen = JSON.stringify(before);

describe('applySuggestion', () => {
  it('adds a new entry with a fresh id and times', () => {
    const after = applySuggestion(before, { id: 'x', action: 'add', sourceSectionId: 's2',
      entry: { kind: 'place', name: ' Tarbert ', aliases: ['Tarbert', 'the town', 'The Town'], description: 'Harbour.' } }, 1000, () => 'new1');
    expect(after).toHaveLength(3);
    expect(after[2]).toEqual({ id: 'new1', kind: 'place', name: 'Tarbert', aliases: ['the town'], description: 'Harbour.', progressions: [],
      alwaysInclude: false, createdAt: 1000, updatedAt: 1000 });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('updates: adds aliases without repeats, replaces the description, appends a progression from the source section', () => {
    const after = applySuggestion(before, { id: 'x', action: 'update', entryId: 'e1', sourceSectionId: 's3',
      changes: { addAliases: ['ellie', 'Captain Morrow'], description: 'Former ferry captain.', progression: 'Loses the ferry.' } }, 2000, () => 'unused');
    expect(after[0]).toEqual({ ...elspeth, aliases: ['Ellie', 'Captain Morrow'], description: 'Former ferry captain.',
      progressions: [{ sectionId: 's3', text: 'Loses the ferry.' }], updatedAt: 2000 });
    expect(after[1]).toBe(ship);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('keeps the description when the update has none, and leaves the bible as it is for a deleted entry', () => {
    const after = applySuggestion(before, { id: 'x', action: 'update', entryId: 'e1', sourceSectionId: 's3', changes: { progression: 'Ill.' } }, 5, () => 'n');
    expect(after[0]!.description).toBe('Ferry captain.');
    expect(applySuggestion(before, { id: 'x', action: 'update', entryId: 'gone', sourceSectionId: 's3', changes: { description: 'x' } }, 5, () => 'n')).toEqual(before);
  });
});

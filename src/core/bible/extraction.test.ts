import { describe, expect, it } from 'vitest';
import { buildExtractionRequest, parseExtraction, EXTRACTION_MARKER } from './extraction';
import { entry } from './testEntries';

const elspeth = entry('e1', 'Elspeth Morrow', { aliases: ['Ellie'], description: 'Ferry captain.' });
const ship = entry('sh', 'Pequod', { kind: 'thing', description: 'A whaler.' });
const entries = [elspeth, ship];
const ids = () => { let n = 0; return () => `g${++n}`; };
const parse = (text: string) => parseExtraction(text, entries, 's2', ids());

const valid = JSON.stringify({ entries: [
  { action: 'add', kind: 'place', name: 'Tarbert', aliases: ['the harbour town'], description: 'A harbour town on Harris.' },
  { action: 'update', name: 'Ellie', addAliases: ['Captain Morrow', 'ellie'], progression: 'Loses the ferry.' },
] });

describe('parseExtraction — valid', () => {
  it('reads adds and updates, resolving an existing entry by name or alias', () => {
    const r = parse(valid);
    expect(r.errors).toEqual([]);
    expect(r.suggestions).toEqual([
      { id: 'g1', action: 'add', sourceSectionId: 's2', entry: { kind: 'place', name: 'Tarbert', aliases: ['the harbour town'], description: 'A harbour town on Harris.' } },
      { id: 'g2', action: 'update', entryId: 'e1', sourceSectionId: 's2', changes: { addAliases: ['Captain Morrow'], progression: 'Loses the ferry.' } },
    ]);
  });

  it('accepts an empty list as "nothing to add", with no error', () => {
    expect(parse('{"entries":[]}')).toEqual({ suggestions: [], errors: [] });
  });

  it('repairs fences, prose around it and trailing commas, and reads a bare array', () => {
    const messy = 'Here you go:\n```json\n{"entries": [\n {"action": "add", "kind": "Person", "name": "Angus", "description": "A ferryman.",},\n]}\n```\nHope that helps.';
    const r = parse(messy);
    expect(r.errors).toEqual([]);
    expect(r.suggestions).toMatchObject([{ action: 'add', entry: { name: 'Angus', kind: 'character', aliases: [] } }]);
    expect(parse('[{"action":"add","kind":"term","name":"Skerry","description":"A small rocky island."}]').suggestions).toHaveLength(1);
    // A stray bracket in the prose before the JSON does not make the answer "malformed".
    expect(parse('Entries [1 new]:\n{"entries":[{"action":"add","name":"Skerry","kind":"term","description":"x"}]}')).toMatchObject({ errors: [], suggestions: [{ action: 'add' }] });
  });

  it('reads an add of an existing entry as an update with only what is new, and drops no-op updates', () => {
    const r = parse(JSON.stringify({ entries: [
      { action: 'add', kind: 'character', name: 'elspeth morrow', aliases: ['Ellie'], description: 'Ferry captain.' },
      { action: 'add', kind: 'thing', name: 'Pequod', description: 'A whaler, now sunk.' },
    ] }));
    expect(r.suggestions).toEqual([{ id: 'g1', action: 'update', entryId: 'sh', sourceSectionId: 's2', changes: { description: 'A whaler, now sunk.' } }]);
  });

  it('maps unknown kinds to fact and merges duplicates', () => {
    const r = parse(JSON.stringify({ entries: [
      { action: 'add', kind: 'weather', name: 'The Storm', description: 'x' },
      { action: 'add', kind: 'place', name: 'the storm', description: 'y' },
      { action: 'update', name: 'Pequod', progression: 'Holed.' },
      { action: 'update', name: 'Pequod', addAliases: 'the ship, the whaler' },
    ] }));
    expect(r.suggestions).toMatchObject([
      { action: 'add', entry: { name: 'The Storm', kind: 'fact' } },
      { action: 'update', entryId: 'sh', changes: { progression: 'Holed.', addAliases: ['the ship', 'the whaler'] } },
    ]);
  });
});

describe('parseExtraction — partial', () => {
  it('keeps every suggestion that closed in a cut-off answer and says it was incomplete', () => {
    const cut = valid.slice(0, valid.indexOf('progression'));
    const r = parse(cut);
    expect(r.suggestions.map((s) => s.action)).toEqual(['add']);
    expect(r.errors[0]).toMatch(/incomplete or malformed; kept the 1 suggestion/);
  });

  it('skips items it cannot use, with a reason, and keeps the rest', () => {
    const r = parse(JSON.stringify({ entries: [
      { action: 'add', kind: 'place', description: 'no name' },
      { action: 'update', name: 'Nobody', progression: 'x' },
      { action: 'add', name: 'Kept', kind: 'rule', description: 'Short chapters.' },
    ] }));
    expect(r.suggestions).toMatchObject([{ action: 'add', entry: { name: 'Kept', kind: 'rule' } }]);
    expect(r.errors).toEqual(['A suggested entry without a name was skipped.', 'An update of “Nobody” was skipped: there is no such entry.']);
  });
});

describe('parseExtraction — garbage', () => {
  it('gives one clear error and no suggestions', () => {
    for (const text of ['', 'I cannot help with that.', '{"foo": 1}', '```\n{{{]]]\n```', '"entries": nope', '[1, 2, 3']) {
      const r = parse(text);
      expect(r.suggestions).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/did not answer with story bible entries/);
    }
  });
});

describe('buildExtractionRequest', () => {
  const many = Array.from({ length: 300 }, (_, i) => entry(`m${i}`, `Minor${i}`, { description: `A very long description ${i} `.repeat(20) }));
  const r = buildExtractionRequest({
    document: { title: 'The Ferry', brief: 'A novel of the islands.' }, section: { id: 's2', title: 'Crossing' },
    text: 'Ellie took the Pequod across to Tarbert.', entries: [...entries, ...many], sectionOrder: ['s1', 's2'],
  });
  it('is recognisable, states the JSON shape and carries the passage', () => {
    expect(r.messages[0]!.content).toContain(EXTRACTION_MARKER);
    expect(r.messages[0]!.content.split('\n')[0]).toBe('Longhand task: extract');
    expect(r.messages[0]!.content).toContain('{"entries":[{"action":"add"');
    const u = r.messages[1]!.content;
    expect(u).toContain('<passage>\nEllie took the Pequod across to Tarbert.\n</passage>');
    expect(u).toContain('Section 2: "Crossing"');
    expect(r.maxOutputTokens).toBeGreaterThan(1000);
  });
  it('shows mentioned entries whole and the others by name only', () => {
    const u = r.messages[1]!.content;
    expect(u).toContain('- Elspeth Morrow (character; also called: Ellie): Ferry captain.');
    expect(u).toContain('Minor7;');
    expect(u).not.toContain('A very long description');
  });
});

import { describe, expect, it } from 'vitest';
import { buildConsistencyRequest, locateQuote, parseConsistency, CONSISTENCY_MARKER } from './consistency';
import { entry } from './testEntries';

const elspeth = entry('e1', 'Elspeth Morrow', { aliases: ['Ellie'], description: 'Grey eyes.', progressions: [{ sectionId: 's1', text: 'Blind in her left eye.' }] });
const ship = entry('sh', 'Pequod', { kind: 'thing', description: 'Three masts.' });
const section = 'Ellie looked up with her *bright blue* eyes.\nThe Pequod’s two  masts creaked.   She smiled.';

describe('parseConsistency', () => {
  it('reads contradictions and returns the section\'s own words for each quote', () => {
    const answer = JSON.stringify({ contradictions: [
      { entry: 'Elspeth Morrow', quote: 'Ellie looked up with her bright blue eyes.', explanation: 'Her eyes are grey.' },
      { entry: 'pequod', quote: "The Pequod's two masts creaked.", explanation: 'It has three masts.' },
    ] });
    const r = parseConsistency(answer, [elspeth, ship], section);
    expect(r.errors).toEqual([]);
    expect(r.contradictions).toEqual([
      { entryId: 'e1', entryName: 'Elspeth Morrow', quote: 'Ellie looked up with her *bright blue* eyes.', explanation: 'Her eyes are grey.' },
      { entryId: 'sh', entryName: 'Pequod', quote: 'The Pequod’s two  masts creaked.', explanation: 'It has three masts.' },
    ]);
  });

  it('drops a quote that is not in the section, and an unknown entry, each with an error', () => {
    const answer = '```json\n{"contradictions":[{"entry":"Ellie","quote":"Ellie had green eyes.","explanation":"x"},' +
      '{"entry":"Ghost","quote":"She smiled.","explanation":"y"},{"entry":"Ellie","quote":"She smiled","explanation":"z"},]}\n```';
    const r = parseConsistency(answer, [elspeth, ship], section);
    expect(r.contradictions).toEqual([{ entryId: 'e1', entryName: 'Elspeth Morrow', quote: 'She smiled', explanation: 'z' }]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/quote is not in the section/);
    expect(r.errors[1]).toMatch(/“Ghost” was skipped/);
  });

  it('reads an empty report, a cut-off one and garbage', () => {
    expect(parseConsistency('{"contradictions": []}', [elspeth], section)).toEqual({ contradictions: [], errors: [] });
    const cut = '{"contradictions":[{"entry":"Ellie","quote":"She smiled.","explanation":"Blind."},{"entry":"Pequod","quo';
    const r = parseConsistency(cut, [elspeth, ship], section);
    expect(r.contradictions.map((c) => c.quote)).toEqual(['She smiled.']);
    expect(r.errors[0]).toMatch(/incomplete or malformed/);
    for (const g of ['', 'No contradictions found!', '{"ok":true}']) {
      const x = parseConsistency(g, [elspeth], section);
      expect(x.contradictions).toEqual([]);
      expect(x.errors[0]).toMatch(/did not answer with a consistency report/);
    }
  });
});

describe('locateQuote', () => {
  it('matches with whitespace, typographic quotes and emphasis normalised; strips wrapping quotes', () => {
    expect(locateQuote(section, '"She smiled."')).toEqual({ from: section.indexOf('She smiled.'), to: section.length });
    expect(locateQuote(section, 'Ellie  looked\nup')).toEqual({ from: 0, to: 15 });
    expect(locateQuote(section, '')).toBeNull();
    expect(locateQuote(section, 'He frowned.')).toBeNull();
  });
});

describe('buildConsistencyRequest', () => {
  it('is recognisable and gives the entries as of the section with the passage', () => {
    const r = buildConsistencyRequest({ section: { id: 's2', title: 'Crossing' }, text: section, entries: [elspeth], sectionOrder: ['s1', 's2'] });
    expect(r.messages[0]!.content).toContain(CONSISTENCY_MARKER);
    expect(r.messages[0]!.content).toContain('{"contradictions":[{"entry"');
    const u = r.messages[1]!.content;
    expect(u).toContain('From section 1: Blind in her left eye.');
    expect(u).toContain(`<passage>\n${section}\n</passage>`);
  });
});

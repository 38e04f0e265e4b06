import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions';
import { cpuMs } from '../../testing/cpuTime';
import { entry } from './testEntries';

const elspeth = entry('e1', 'Elspeth Morrow', { aliases: ['Ellie', 'Miss Morrow'] });
const morrow = entry('e2', 'Morrow', { kind: 'place', aliases: ['the Morrow'] });
const ship = entry('e3', 'Pequod', { kind: 'thing' });
const spans = (text: string, es = [elspeth, morrow, ship]) => findMentions(text, es).map((m) => [m.entryId, text.slice(m.from, m.to)]);

describe('findMentions', () => {
  it('matches names and aliases in any case, as whole words', () => {
    expect(spans('ELLIE met ellie and Ellie.')).toEqual([['e1', 'ELLIE'], ['e1', 'ellie'], ['e1', 'Ellie']]);
    expect(spans('The pequod sailed.')).toEqual([['e3', 'pequod']]);
  });

  it('does not match a name inside another word', () => {
    expect(spans('Ellies and Nellie, Elliegate, Pequods, unPequod, Ellie2')).toEqual([]);
    expect(spans('tomorrow, Morrowind')).toEqual([]);
    // Hyphenated compounds are one word; a dash is not a hyphen.
    expect(spans('Ellie-like, ex-Ellie, Pequod-built; Ellie—then Ellie - and Pequod.')).toEqual([['e1', 'Ellie'], ['e1', 'Ellie'], ['e3', 'Pequod']]);
    expect(spans('the Spouter-Inn and the Inn', [entry('si', 'Spouter-Inn'), entry('in', 'Inn')])).toEqual([['si', 'Spouter-Inn'], ['in', 'Inn']]);
  });

  it('includes possessives: \'s, ’s and s\'', () => {
    expect(spans("Ellie's hat, Ellie’s coat, ELLIE'S boots")).toEqual([['e1', "Ellie's"], ['e1', 'Ellie’s'], ['e1', "ELLIE'S"]]);
    const morrows = entry('e4', 'Morrow');
    expect(spans("the Morrows' house", [morrows])).toEqual([['e4', "Morrows'"]]);
    // A closing quotation mark after a name is not part of it, but the name still matches.
    expect(spans("'I saw Ellie' she said")).toEqual([['e1', 'Ellie']]);
  });

  it('prefers the longest match where matches overlap', () => {
    // "Elspeth Morrow" (e1) covers "Morrow" (e2); "Miss Morrow" (e1 alias) too.
    expect(spans('Elspeth Morrow came to the Morrow. Miss Morrow left Morrow.')).toEqual([
      ['e1', 'Elspeth Morrow'], ['e2', 'the Morrow'], ['e1', 'Miss Morrow'], ['e2', 'Morrow'],
    ]);
  });

  it('keeps a shorter match that a longer one of another entry does not cover', () => {
    const a = entry('a', 'New York'), b = entry('b', 'York City'), c = entry('c', 'City Hall');
    // "York City" (9) beats "New York" (8); "City Hall" (9) ties with it and comes later: the earlier one wins.
    expect(spans('New York City Hall', [a, b, c])).toEqual([['b', 'York City']]);
    expect(spans('New York, then York City', [a, b])).toEqual([['a', 'New York'], ['b', 'York City']]);
  });

  it('matches multi-word names across line breaks and typographic apostrophes', () => {
    const ob = entry('o', "Father O'Brien");
    expect(spans('Elspeth\n  Morrow and Father O’Brien’s dog', [elspeth, ob])).toEqual([['e1', 'Elspeth\n  Morrow'], ['o', 'Father O’Brien’s']]);
  });

  it('handles accents and non-Latin scripts', () => {
    const es = [entry('z', 'Zoë'), entry('k', 'Кирилл'), entry('j', 'José')];
    expect(spans('Zoë, кирилл and JOSÉ; Zoëy and Josér are others', es)).toEqual([['z', 'Zoë'], ['k', 'кирилл'], ['j', 'JOSÉ']]);
  });

  it('reports offsets into the text, sorted, and ignores empty names and aliases', () => {
    const text = 'Before. Ellie, then the Pequod.';
    const m = findMentions(text, [entry('x', '  ', { aliases: ['', ' '] }), elspeth, ship]);
    expect(m).toEqual([{ entryId: 'e1', from: 8, to: 13 }, { entryId: 'e3', from: 24, to: 30 }]);
    expect(findMentions('', [elspeth])).toEqual([]);
    expect(findMentions('Ellie', [])).toEqual([]);
  });

  it('is fast on a 500-entry bible over a long text', () => {
    const many = Array.from({ length: 500 }, (_, i) => entry(`n${i}`, `Person${i} Surname${i}`, { aliases: [`P${i}`, `Surname${i}`] }));
    const text = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? `Surname${i % 500}'s` : 'word')).join(' ');
    // CPU time, not wall-clock: a loaded machine must not fail a speed budget (see src/testing/cpuTime.ts).
    const { ms, value: m } = cpuMs(() => findMentions(text, many));
    expect(ms).toBeLessThan(200);
    expect(m).toHaveLength(100);
  });
});

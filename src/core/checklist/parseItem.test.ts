import { describe, expect, it } from 'vitest';
import { parseChecklistItem, parsePeriodic, requirementText, stripPeriodic } from './parseItem';
import { checkContains } from './contains';

describe('parseChecklistItem', () => {
  it('makes quoted text a deterministic check, straight or curly quotes', () => {
    expect(parseChecklistItem('must contain "Pemberley"')).toEqual({ kind: 'contains', phrases: ['Pemberley'], negated: false });
    expect(parseChecklistItem('mention \u201cthe lighthouse\u201d and "Captain Ahab"'))
      .toEqual({ kind: 'contains', phrases: ['the lighthouse', 'Captain Ahab'], negated: false });
    expect(parseChecklistItem('the phrase \u00ab bonjour \u00bb appears')).toMatchObject({ phrases: ['bonjour'] });
  });

  it('reads a negation before the first quote', () => {
    expect(parseChecklistItem('must not contain "delve"')).toMatchObject({ negated: true });
    expect(parseChecklistItem('Never use "tapestry"')).toMatchObject({ negated: true });
    expect(parseChecklistItem('avoid "in conclusion" at the end')).toMatchObject({ negated: true });
    expect(parseChecklistItem('"no" appears in the dialogue')).toMatchObject({ negated: false });
  });

  it('sends everything else to the judge, apostrophes and empty quotes included', () => {
    expect(parseChecklistItem('Elizabeth refuses the proposal.')).toEqual({ kind: 'judge', requirement: 'Elizabeth refuses the proposal' });
    expect(parseChecklistItem("Ahab's leg is mentioned")).toMatchObject({ kind: 'judge' });
    expect(parseChecklistItem('say "" somewhere')).toMatchObject({ kind: 'judge' });
  });
});

describe('checkContains', () => {
  const text = 'They drove to **Pemberley** at dusk.\n\nElizabeth didn\u2019t   speak.';
  it('is case-insensitive and ignores emphasis, whitespace runs and curly apostrophes', () => {
    expect(checkContains({ kind: 'contains', phrases: ['pemberley'], negated: false }, text)).toBe(true);
    expect(checkContains({ kind: 'contains', phrases: ["Elizabeth didn't speak"], negated: false }, text)).toBe(true);
    expect(checkContains({ kind: 'contains', phrases: ['Netherfield'], negated: false }, text)).toBe(false);
  });
  it('needs every phrase, or with negation none', () => {
    expect(checkContains({ kind: 'contains', phrases: ['pemberley', 'netherfield'], negated: false }, text)).toBe(false);
    expect(checkContains({ kind: 'contains', phrases: ['netherfield'], negated: true }, text)).toBe(true);
    expect(checkContains({ kind: 'contains', phrases: ['netherfield', 'dusk'], negated: true }, text)).toBe(false);
  });
  it('works end to end from the item text', () => {
    const item = parseChecklistItem('must contain "PEMBERLEY"');
    expect(item.kind === 'contains' && checkContains(item, text)).toBe(true);
  });
});

describe('periodic items', () => {
  it('reads "every Nth section" and its spoken forms', () => {
    expect(parsePeriodic('a weather note every 5th section')).toBe(5);
    expect(parsePeriodic('A recap in every 3 chapters')).toBe(3);
    expect(parsePeriodic('a joke every other section')).toBe(2);
    expect(parsePeriodic('a date line in each section')).toBe(1);
    expect(parsePeriodic('mention the lighthouse')).toBeNull();
  });
  it('leaves the requirement without its period', () => {
    expect(stripPeriodic('a weather note every 5th section').trim()).toBe('a weather note');
    expect(requirementText('  A weather note,  every 5th section. ')).toBe('A weather note');
  });
});

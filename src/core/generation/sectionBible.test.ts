// The story bible in the section prompt (issue 13): only mentioned + "always include" entries, as of the
// section, under their own heading, trimmed after summaries and before the previous tail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entry } from '../bible/testEntries';
import type { BibleEntry } from '../bible/types';
import { memoryFor, type MemorySection } from './memory';
import { HEADINGS } from './sectionPrompt';
import { buildSectionRequest } from './sectionRequest';
import type { SectionRequestInput } from './sectionTypes';

const moby = readFileSync('/work/shared/corpus/moby-dick.txt', 'utf8');
const prose = (from: number, words: number) => moby.slice(from, from + words * 12).split(/\s+/).filter(Boolean).slice(0, words).join(' ');

const ids = Array.from({ length: 6 }, (_, i) => `s${i + 1}`);
const briefs = [
  'Ishmael arrives in town.', 'Ellie meets Ishmael at the inn.', 'A quiet chapter at sea.',
  'Storm. Nobody named.', 'The Pequod leaves harbour.', 'The end.',
];
const outline = briefs.map((brief, i) => ({ title: `Chapter ${i + 1}`, brief, targetWords: 1000 }));
const sections: MemorySection[] = outline.map((o, i) => ({ title: o.title, brief: o.brief, text: prose(i * 20_000, 600), summary: `Summary ${i + 1}: ${prose(i * 9000, 80)}` }));

const elspeth = entry('e1', 'Elspeth Morrow', { aliases: ['Ellie'], description: 'Grey-eyed ferry captain.', progressions: [{ sectionId: 's4', text: 'Blind in one eye.' }] });
const style = entry('st', 'House style', { kind: 'rule', alwaysInclude: true, description: 'British spelling.' });
const ship = entry('sh', 'Pequod', { kind: 'thing', description: 'A whaler.' });
const filler = Array.from({ length: 200 }, (_, i) => entry(`f${i}`, `Nobody${i}`, { description: prose(i * 300, 30) }));
const bible: BibleEntry[] = [...filler, elspeth, style, ship];

function input(index: number, over: Partial<SectionRequestInput> = {}): SectionRequestInput {
  return {
    document: { title: 'The Whale', brief: 'A sea novel.' }, outline, index, memory: memoryFor(sections, index, 'sequential'),
    mode: 'write', budgetTokens: 100_000, bible: { entries: bible, sectionId: ids[index]!, sectionOrder: ids }, ...over,
  };
}
const user = (r: { messages: { content: string }[] }) => r.messages[1]!.content;
const bibleOf = (u: string) => (u.split(`${HEADINGS.bible}\n`)[1] ?? '').split('\n\n')[0]!;

describe('buildSectionRequest — story bible', () => {
  it('includes the entries the brief mentions and the always ones, not the rest of a 200-entry bible', () => {
    const r = buildSectionRequest(input(1));
    expect(r.trimmed.bibleIncluded).toEqual(['House style', 'Elspeth Morrow']);
    expect(r.trimmed.bibleDropped).toEqual([]);
    const b = bibleOf(user(r));
    expect(b).toContain('- House style (rule): British spelling.');
    expect(b).toContain('- Elspeth Morrow (character; also called: Ellie): Grey-eyed ferry captain.');
    expect(user(r)).not.toMatch(/Nobody\d/);
    expect(user(r)).not.toContain('- Pequod');
  });

  it('places the block after the outline and before the summaries', () => {
    const u = user(buildSectionRequest(input(1)));
    expect(u.indexOf(HEADINGS.bible)).toBeGreaterThan(u.indexOf(HEADINGS.outline));
    expect(u.indexOf(HEADINGS.bible)).toBeLessThan(u.indexOf(HEADINGS.summaries));
  });

  it('picks up mentions in the next brief, the previous tail and the text so far', () => {
    // Section 4's next brief names the Pequod; nothing else does.
    expect(buildSectionRequest(input(3)).trimmed.bibleIncluded).toEqual(['House style', 'Pequod']);
    // The previous tail: section 2's text names Ellie at its end.
    const withTail = sections.map((s, i) => (i === 1 ? { ...s, text: `${s.text} Ellie waved.` } : s));
    expect(buildSectionRequest(input(2, { memory: memoryFor(withTail, 2, 'sequential') })).trimmed.bibleIncluded).toEqual(['House style', 'Elspeth Morrow']);
    // Continue mode: the text so far, even a mention far before the tail the prompt shows.
    const existing = `Ellie's ship. ${prose(200_000, 1500).replace(/pequod/gi, 'ship')}`;
    const r = buildSectionRequest(input(2, { mode: 'continue', existingText: existing }));
    expect(r.trimmed.bibleIncluded).toEqual(['House style', 'Elspeth Morrow']);
  });

  it('shows progressions only from their section on', () => {
    expect(bibleOf(user(buildSectionRequest(input(1, { brief: 'Ellie.' }))))).not.toContain('Blind in one eye');
    expect(bibleOf(user(buildSectionRequest(input(4, { brief: 'Ellie.' }))))).toContain('From section 4: Blind in one eye.');
  });

  it('is absent without a bible, and with an empty one', () => {
    for (const b of [undefined, { entries: [], sectionId: 's2', sectionOrder: ids }]) {
      const r = buildSectionRequest(input(1, { bible: b }));
      expect(user(r)).not.toContain(HEADINGS.bible);
      expect(r.trimmed.bibleIncluded).toEqual([]);
    }
  });

  it('is trimmed after the summaries (mentioned entries before always ones) and before the previous tail', () => {
    const entries = [style, elspeth, ship];
    const mk = (budgetTokens: number) => buildSectionRequest(input(4, { brief: 'Ellie and the Pequod.', budgetTokens, bible: { entries, sectionId: 's5', sectionOrder: ids } }));
    const full = mk(100_000);
    expect(full.trimmed.bibleIncluded).toEqual(['House style', 'Elspeth Morrow', 'Pequod']);
    const noSummaries = buildSectionRequest({ ...input(4, { brief: 'Ellie and the Pequod.', bible: { entries, sectionId: 's5', sectionOrder: ids } }), memory: { ...memoryFor(sections, 4, 'sequential'), summaries: [] } });
    // The prompt once every summary is dropped: the heading stays with a note saying how many were left out.
    const note = `${HEADINGS.summaries}\n(4 earlier summaries left out for space.)\n\n`;
    const base = Math.ceil(noSummaries.messages[0]!.content.length / 4) + Math.ceil((user(noSummaries).length + note.length) / 4) + 8;
    // Just under that: every summary goes, then the last-mentioned entry, nothing else.
    const r1 = mk(base - 3);
    expect(r1.trimmed.summariesDropped).toEqual([0, 1, 2, 3]);
    expect(r1.trimmed.bibleDropped).toEqual(['Pequod']);
    expect(r1.trimmed.bibleIncluded).toEqual(['House style', 'Elspeth Morrow']);
    expect(r1.trimmed.previousTail).toBe('kept');
    expect(r1.estimatedTokens).toBeLessThanOrEqual(base - 3);
    // Less again: the mentioned ones go before the always one, and only then is the tail touched.
    const mentionedChars = bibleOf(user(noSummaries)).split('\n')
      .filter((l) => (l.startsWith('- ') && !l.includes('House style')) || l.startsWith('  From')).reduce((n, l) => n + l.length + 1, 0);
    const r2 = mk(base - Math.ceil(mentionedChars / 4) + 2);
    expect(r2.trimmed.bibleDropped).toEqual(['Elspeth Morrow', 'Pequod']);
    expect(r2.trimmed.bibleIncluded).toEqual(['House style']);
    expect(r2.trimmed.previousTail).toBe('kept');
    const r3 = mk(base - 300);
    expect(r3.trimmed.bibleIncluded).toEqual([]);
    expect(r3.trimmed.bibleDropped).toEqual(['House style', 'Elspeth Morrow', 'Pequod']);
    expect(user(r3)).not.toContain(HEADINGS.bible);
    expect(r3.trimmed.previousTail).toBe('shortened');
    expect(user(r3)).toContain('Brief: Ellie and the Pequod.');
  });
});

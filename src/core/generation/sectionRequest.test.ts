import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryFor, type MemorySection } from './memory';
import { HEADINGS } from './sectionPrompt';
import { buildSectionRequest } from './sectionRequest';
import type { SectionRequestInput } from './sectionTypes';
import { estimateMessagesTokens } from './tokens';
import { roughWordCount } from './words';
import { countWords } from '../wordCount';
import { cpuMs } from '../../testing/cpuTime';

const moby = readFileSync('/work/shared/corpus/moby-dick.txt', 'utf8');
const prose = (from: number, words: number) => moby.slice(from, from + words * 12).split(/\s+/).filter(Boolean).slice(0, words).join(' ');

const outline = Array.from({ length: 8 }, (_, i) => ({
  title: `Chapter ${i + 1}`, brief: `Brief of chapter ${i + 1}: ${prose(i * 5000, 40)}`, targetWords: 1200 + i * 100,
}));
const sections: MemorySection[] = outline.map((o, i) => ({
  title: o.title, brief: o.brief, text: prose(i * 20_000, 1500), summary: `Summary ${i + 1}: ${prose(i * 9000, 100)}`,
}));

function input(index: number, over: Partial<SectionRequestInput> = {}): SectionRequestInput {
  return {
    document: { title: 'The Whale', brief: 'A sea novel. Style: first person, long sentences, wry humour.' },
    outline, index, memory: memoryFor(sections, index, 'sequential'), mode: 'write', budgetTokens: 100_000, ...over,
  };
}
const user = (r: { messages: { content: string }[] }) => r.messages[1]!.content;
const system = (r: { messages: { content: string }[] }) => r.messages[0]!.content;

describe('buildSectionRequest — structure (golden)', () => {
  it('follows contract 3 and has every part in order', () => {
    const r = buildSectionRequest(input(4, { checklist: ['Mention the harpoon', ' '] }));
    expect(r.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(system(r).split('\n')[0]).toBe('Longhand task: write');
    expect(system(r)).toContain('Write section 5: "Chapter 5" — about 1,600 words.');
    const u = user(r);
    const order = [HEADINGS.document, HEADINGS.brief, HEADINGS.outline, HEADINGS.summaries, HEADINGS.previousEnd,
      HEADINGS.next, HEADINGS.current, HEADINGS.task].map((h) => u.indexOf(`${h}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(u).not.toContain(HEADINGS.soFar);
    expect(u.trimEnd().endsWith('Write section 5: "Chapter 5" — about 1,600 words.')).toBe(true);
    // The demo writer reads the first `about N words`: every occurrence must agree.
    expect([...(system(r) + u).matchAll(/about ([\d,]+) words/g)].map((m) => m[1])).toEqual(['1,600', '1,600']);
  });

  it('carries the document, the whole outline with this section marked, all memory and the checklist', () => {
    const r = buildSectionRequest(input(4, { checklist: ['Mention the harpoon'] }));
    const u = user(r);
    expect(u).toContain('# Document: "The Whale"');
    expect(u).toContain('first person, long sentences');
    for (const o of outline) expect(u).toContain(`"${o.title}" (`);
    expect(u).toContain('5. "Chapter 5" (1,600 words) ← this section: Brief of chapter 5');
    for (let i = 0; i < 4; i++) expect(u).toContain(sections[i]!.summary);
    expect(u).not.toContain(sections[4]!.summary);
    expect(u).toContain(`${sections[3]!.text.split(' ').slice(-300).join(' ')}\n</previous_section_end>`);
    expect(u).toContain(`${HEADINGS.next}\n6. "Chapter 6": Brief of chapter 6`);
    expect(u).toContain('Make sure the section satisfies:\n- Mention the harpoon');
    expect(u).toContain(`Brief: ${outline[4]!.brief}`);
  });

  it('states the rules: only this prose, no title heading, no wrap-up (except last), not into the next', () => {
    const s = system(buildSectionRequest(input(2)));
    expect(s).toMatch(/Write only this section's prose, in Markdown/);
    expect(s).toMatch(/Do not repeat the section title as a heading/);
    expect(s).toMatch(/no wrap-up, conclusion/);
    expect(s).toMatch(/Do not write into the next section's material/);
    const last = system(buildSectionRequest(input(7)));
    expect(last).toMatch(/This is the last section/);
    expect(last).not.toMatch(/no wrap-up/);
    expect(last).not.toMatch(/next section's material/);
  });

  it('uses the brief and target given over the outline ones', () => {
    const r = buildSectionRequest(input(1, { brief: 'New brief here.', targetWords: 2500 }));
    expect(user(r)).toContain('Brief: New brief here.');
    expect(system(r)).toContain('about 2,500 words');
    expect(r.words).toBe(2500);
    expect(r.maxOutputTokens).toBe(Math.ceil(2500 * 1.35 * 1.3));
  });

  it('rejects an index outside the outline', () => {
    expect(() => buildSectionRequest(input(8))).toThrow(RangeError);
  });
});

describe('buildSectionRequest — continue', () => {
  const existing = prose(50_000, 700) + ' and then the';
  it('asks for the missing words, shows the text so far and forbids repeating it', () => {
    const r = buildSectionRequest(input(2, { mode: 'continue', existingText: existing }));
    expect(system(r).split('\n')[0]).toBe('Longhand task: continue');
    const missing = 1400 - countWords(existing);
    expect(missing).toBeGreaterThan(600);
    expect(r.words).toBe(missing);
    expect(system(r)).toContain(`Write section 3: "Chapter 3" — continue it from exactly where it stops, about ${missing} words more.`);
    expect(system(r)).toMatch(/Do not repeat/);
    expect(system(r)).toMatch(/mid-sentence, begin with the rest of that sentence/);
    const u = user(r);
    expect(u).toContain(`${HEADINGS.soFar}\n<section_so_far>\n`);
    expect(u).toContain('and then the\n</section_so_far>');
    expect(u.indexOf(HEADINGS.soFar)).toBeGreaterThan(u.indexOf(HEADINGS.current));
    expect(u.indexOf(HEADINGS.soFar)).toBeLessThan(u.indexOf(HEADINGS.task));
  });

  it('still asks for a useful amount when the section already meets its target', () => {
    const r = buildSectionRequest(input(0, { mode: 'continue', existingText: prose(0, 2000) }));
    expect(r.words).toBe(150);
    expect(buildSectionRequest(input(0, { mode: 'continue', existingText: 'x', continueWords: 400 })).words).toBe(400);
  });
});

describe('buildSectionRequest — budget', () => {
  const full = buildSectionRequest(input(7));
  it('fits the whole prompt untouched when there is room', () => {
    expect(full.trimmed).toMatchObject({ summariesShortened: [], summariesDropped: [], previousTail: 'kept', overBudget: false });
    expect(full.estimatedTokens).toBe(estimateMessagesTokens(full.messages));
  });

  it('shortens the oldest summaries first, leaving the newest whole', () => {
    const r = buildSectionRequest(input(7, { budgetTokens: full.estimatedTokens - 60 }));
    expect(r.estimatedTokens).toBeLessThanOrEqual(full.estimatedTokens - 60);
    expect(r.trimmed.summariesShortened[0]).toBe(0);
    expect(r.trimmed.summariesShortened.length).toBeLessThan(7);
    expect(r.trimmed.summariesDropped).toEqual([]);
    expect(user(r)).toContain(sections[6]!.summary);
    expect(user(r)).not.toContain(sections[0]!.summary);
    expect(r.trimmed.previousTail).toBe('kept');
  });

  it('then drops the oldest summaries, before touching the tail', () => {
    const r = buildSectionRequest(input(7, { budgetTokens: full.estimatedTokens - 1000 }));
    expect(r.trimmed.summariesShortened).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.trimmed.summariesDropped.length).toBeGreaterThan(0);
    expect(r.trimmed.summariesDropped).toEqual(r.trimmed.summariesDropped.map((_, i) => i));
    expect(r.trimmed.previousTail).toBe('kept');
    expect(user(r)).toMatch(/\(\d earlier summaries left out for space\.\)/);
    expect(r.estimatedTokens).toBeLessThanOrEqual(full.estimatedTokens - 1000);
  });

  it('then shortens the previous tail, keeping its verbatim end', () => {
    const noSummaries = input(7);
    noSummaries.memory = { ...noSummaries.memory, summaries: [] };
    const budget = buildSectionRequest(noSummaries).estimatedTokens - 150;
    const r = buildSectionRequest(input(7, { budgetTokens: budget }));
    expect(r.trimmed.summariesDropped).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.trimmed.previousTail).toBe('shortened');
    expect(r.trimmed.outlineBriefsDropped).toBe(0);
    expect(user(r)).toContain(`${sections[6]!.text.split(' ').slice(-40).join(' ')}\n</previous_section_end>`);
    expect(r.estimatedTokens).toBeLessThanOrEqual(budget);
    expect(roughWordCount(user(r).split('<previous_section_end>')[1]!)).toBeGreaterThan(150);
  });

  it('never cuts the current brief, target, checklist or rules; says when the rest is not enough', () => {
    const longBrief = prose(120_000, 600);
    const base = input(7, { brief: longBrief, checklist: ['Keep Ahab offstage'] });
    for (const budget of [3000, 1500, 900, 200]) {
      const r = buildSectionRequest({ ...base, budgetTokens: budget });
      expect(user(r)).toContain(`Brief: ${longBrief}`);
      expect(user(r)).toContain('Target: 1,900 words');
      expect(user(r)).toContain('- Keep Ahab offstage');
      expect(system(r)).toContain('Do not repeat the section title');
      expect(r.trimmed.overBudget).toBe(r.estimatedTokens > budget);
      if (budget >= 1500) expect(r.estimatedTokens).toBeLessThanOrEqual(budget);
    }
    const tiny = buildSectionRequest({ ...base, budgetTokens: 200 });
    expect(tiny.trimmed).toMatchObject({ overBudget: true, previousTail: 'dropped' });
    expect(tiny.trimmed.outlineBriefsDropped).toBe(7);
  });

  it('respects the budget over a sweep, and trimming only ever grows as the budget shrinks', () => {
    let previous = -1;
    for (let budget = full.estimatedTokens; budget > 1200; budget -= 97) {
      const r = buildSectionRequest(input(7, { budgetTokens: budget }));
      expect(r.estimatedTokens).toBeLessThanOrEqual(budget);
      const cuts = r.trimmed.summariesShortened.length + r.trimmed.summariesDropped.length * 10 + r.trimmed.outlineBriefsDropped * 100;
      expect(cuts).toBeGreaterThanOrEqual(previous);
      previous = cuts;
    }
  });

  it('in continue mode keeps the end of the text so far when it must cut it', () => {
    const existing = prose(80_000, 1200);
    const roomy = buildSectionRequest(input(3, { mode: 'continue', existingText: existing }));
    const r = buildSectionRequest(input(3, { mode: 'continue', existingText: existing, budgetTokens: 1200 }));
    expect(r.trimmed.existingTextShortened).toBe(true);
    expect(r.estimatedTokens).toBeLessThanOrEqual(1200);
    expect(user(r)).toContain(`${existing.split(' ').slice(-60).join(' ')}\n</section_so_far>`);
    expect(roughWordCount(user(r))).toBeLessThan(roughWordCount(user(roomy)));
  });

  it('handles a 120-section novel quickly', () => {
    const big = Array.from({ length: 120 }, (_, i) => ({ title: `C${i}`, brief: prose(i * 1000, 50), targetWords: 1500 }));
    const mem = big.map((o, i) => ({ title: o.title, brief: o.brief, text: prose(i * 1700, 1500), summary: prose(i * 900, 110) }));
    // CPU time, not wall-clock: a loaded machine must not fail a speed budget (see src/testing/cpuTime.ts).
    const { ms, value: r } = cpuMs(() => buildSectionRequest({ ...input(0), outline: big, index: 119, memory: memoryFor(mem, 119), budgetTokens: 12_000 }));
    expect(ms).toBeLessThan(300);
    expect(r.estimatedTokens).toBeLessThanOrEqual(12_000);
    expect(r.trimmed.summariesDropped.length).toBeGreaterThan(0);
    expect(user(r)).toContain(mem[118]!.summary.slice(0, 60));
  });
});

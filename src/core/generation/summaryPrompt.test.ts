import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from './contentHash';
import { buildSummaryRequest, needsSummary } from './summaryPrompt';
import { estimateMessagesTokens } from './tokens';

const moby = readFileSync('/work/shared/corpus/moby-dick.txt', 'utf8');

describe('buildSummaryRequest', () => {
  it('follows contract 3: task line first, text inside <passage>, limit stated', () => {
    const r = buildSummaryRequest({ documentTitle: 'Moby-Dick', sectionTitle: 'Loomings', text: 'Call me Ishmael.' });
    expect(r.messages[0]!.role).toBe('system');
    expect(r.messages[0]!.content.split('\n')[0]).toBe('Longhand task: summarize');
    expect(r.messages[0]!.content).toContain('at most 120 words');
    const user = r.messages[1]!.content;
    expect(user).toContain('<passage>\nCall me Ishmael.\n</passage>');
    expect(user).toContain('Section: Loomings');
    expect(r.omittedWords).toBe(0);
    expect(r.hash).toBe(contentHash('Call me Ishmael.'));
    expect(r.maxOutputTokens).toBeGreaterThanOrEqual(120 * 1.35);
  });

  it('sends head and tail of a long section within the budget', () => {
    const text = moby.slice(100_000, 300_000);
    const r = buildSummaryRequest({ sectionTitle: 'Long', text, budgetTokens: 3000 });
    expect(estimateMessagesTokens(r.messages)).toBeLessThanOrEqual(3000);
    const passage = r.messages[1]!.content.match(/<passage>\n([\s\S]*)\n<\/passage>/)![1]!;
    expect(passage.startsWith(text.trim().slice(0, 200))).toBe(true);
    expect(passage.endsWith(text.trim().slice(-200))).toBe(true);
    expect(r.omittedWords).toBeGreaterThan(30_000);
    expect(passage).toMatch(/\[… [\d,]+ words omitted …\]/);
  });
});

describe('needsSummary', () => {
  const text = 'The Pequod sails on Christmas Day.';
  it('asks for a summary when there is none or the text changed', () => {
    expect(needsSummary({ summary: '' }, text)).toBe(true);
    expect(needsSummary({ summary: 'Old.', summaryHash: contentHash('Other text') }, text)).toBe(true);
    expect(needsSummary({ summary: 'Old.' }, text)).toBe(true);
  });
  it('reuses the cached summary for the same text and skips empty sections', () => {
    expect(needsSummary({ summary: 'They sail.', summaryHash: contentHash(text) }, `${text}\n`)).toBe(false);
    expect(needsSummary({ summary: '' }, '   \n')).toBe(false);
  });
});

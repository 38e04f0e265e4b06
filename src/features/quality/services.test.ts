import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({ text: '' }));
vi.mock('./sectionText', () => ({ sectionPlainText: async () => h.text }));
vi.mock('./integrations', () => ({ generateSection: vi.fn(), proposeRevision: vi.fn(), stopSection: vi.fn() }));
vi.mock('../../storage/logs', () => ({ appendLog: vi.fn(async () => ({})) }));
vi.mock('../settings/providers', () => ({ resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }) }));
vi.mock('../../shared/generateClient', () => ({
  GenerateError: class extends Error { code = 'x'; },
  streamGenerate: vi.fn(),
}));

import { useStore } from '../../app/store';
import { generateSection, proposeRevision } from './integrations';
import { appendLog } from '../../storage/logs';
import { streamGenerate } from '../../shared/generateClient';
import { fitToTarget } from './fitService';
import { checkSection } from './checkService';
import { addDocumentItem, addSectionItem } from './checklistActions';
import type { DocumentMeta, SectionMeta } from '../../core/model';

const words = (n: number, w = 'w') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

function open(targetWords: number, text: string): void {
  h.text = text;
  const section: SectionMeta = {
    id: 's1', docId: 'd', title: 'One', brief: '', targetWords, status: 'draft', wordCount: text.split(' ').length,
    summary: '', checklist: [], updatedAt: 0,
  };
  const doc: DocumentMeta = { id: 'd', title: 'D', brief: '', targetWords: 0, sectionIds: ['s1'], checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0 };
  useStore.getState().setOpenDocument(doc, [section]);
}

beforeEach(() => { vi.mocked(generateSection).mockReset(); vi.mocked(proposeRevision).mockReset(); vi.mocked(appendLog).mockClear(); vi.mocked(streamGenerate).mockReset(); });

describe('fitToTarget', () => {
  it('runs the section pipeline in continue mode, logged as fit, and reports in band', async () => {
    open(100, words(50));
    vi.mocked(generateSection).mockImplementation(async () => { h.text += ` ${words(48, 'x')}`; return { end: 'in-band', calls: 1, words: 98, finishReason: 'stop' }; });
    const r = await fitToTarget('s1');
    expect(vi.mocked(generateSection).mock.calls[0]).toEqual(['s1', expect.objectContaining({ mode: 'continue', continueKind: 'fit', shorten: 'propose' })]);
    expect(r).toMatchObject({ count: 98 });
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/^In band after 1 round/);
    expect(useStore.getState().qualityJobs).toEqual({});
  });

  it('says when a shorten proposal waits for review; auto applies it', async () => {
    open(200, words(300));
    vi.mocked(generateSection).mockResolvedValue({ end: 'proposed', calls: 0, words: 300, finishReason: 'stop' });
    await fitToTarget('s1');
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/shorten proposal is ready/);
    vi.mocked(generateSection).mockImplementation(async () => { h.text = words(205); return { end: 'shortened', calls: 0, words: 205, finishReason: 'stop' }; });
    await fitToTarget('s1', { auto: true });
    expect(vi.mocked(generateSection).mock.calls[1]).toEqual(['s1', expect.objectContaining({ shorten: 'apply' })]);
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/^In band after 1 round: 205 of 200/);
  });

  it('does nothing but say so when already in band', async () => {
    open(100, words(95));
    await fitToTarget('s1');
    expect(generateSection).not.toHaveBeenCalled();
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/Already within 10%/);
  });

  it('keeps the text and says so when a round fails', async () => {
    open(100, words(10));
    vi.mocked(generateSection).mockRejectedValue(new Error('upstream 500'));
    expect((await fitToTarget('s1'))?.error).toBe('upstream 500');
    expect(useStore.getState().qualityMessages.s1).toMatchObject({ tone: 'error', text: expect.stringMatching(/upstream 500/) });
  });
});

describe('checkSection', () => {
  it('checks quoted items without a request and judges the rest, recording states and logging the judge', async () => {
    open(100, 'They drove to Pemberley and the keeper lit the lamp.');
    addSectionItem('s1', 'must contain "pemberley"');
    addSectionItem('s1', 'must contain "Netherfield"');
    addSectionItem('s1', 'mention the lighthouse keeper');
    addDocumentItem('a weather note every 2nd section');
    addDocumentItem('first person narrator');
    vi.mocked(streamGenerate).mockResolvedValue({ text: 'No.', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 1 } });
    vi.mocked(streamGenerate).mockResolvedValueOnce({ text: '**Yes**', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 1 } });
    const out = await checkSection('s1');
    expect(out).toEqual({ passed: 2, failed: 2, unclear: 0, errors: 0, failedItems: ['must contain "Netherfield"', 'first person narrator'] });
    const s = useStore.getState();
    expect(s.sections.s1!.checklist.map((i) => i.state)).toEqual(['pass', 'fail', 'pass']);
    expect(s.sections.s1!.checklist[0]!.checkedAt).toBeGreaterThan(0);
    // The periodic item does not apply to section 1; the every-section item failed here.
    expect(s.doc!.checklist.map((i) => i.results?.s1?.state)).toEqual([undefined, 'fail']);
    expect(s.doc!.checklist[0]!.everyN).toBe(2);
    expect(streamGenerate).toHaveBeenCalledTimes(2);
    const req = vi.mocked(streamGenerate).mock.calls[0]![0];
    expect(req.messages[0]!.content).toMatch(/^Longhand task: judge/);
    expect(req.messages[1]!.content).toMatch(/Does the text include this: mention the lighthouse keeper\? Answer yes or no\.$/);
    expect(appendLog).toHaveBeenCalledWith(expect.objectContaining({ kind: 'check', provider: 'openai', sectionId: 's1' }));
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({ text: '' }));
vi.mock('./sectionText', () => ({ sectionPlainText: async () => h.text }));
vi.mock('./integrations', () => ({ generateSection: vi.fn(), proposeRevision: vi.fn() }));
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
  it('continues a short section for the missing words, logged as a fit', async () => {
    open(100, words(50));
    vi.mocked(generateSection).mockImplementation(async () => { h.text += ` ${words(48, 'x')}`; return { finishReason: 'stop', words: 48, text: '' }; });
    const r = await fitToTarget('s1');
    expect(vi.mocked(generateSection).mock.calls[0]).toEqual(['s1', expect.objectContaining({ mode: 'continue', wordsWanted: 50, logKind: 'fit' })]);
    expect(r).toMatchObject({ stopped: 'in-band', count: 98 });
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/^In band after 1 round/);
    expect(useStore.getState().qualityJobs).toEqual({});
  });

  it('proposes a shorten revision and stops there for review', async () => {
    open(200, words(300));
    vi.mocked(proposeRevision).mockResolvedValue({ status: 'ready' });
    const r = await fitToTarget('s1');
    expect(vi.mocked(proposeRevision).mock.calls[0]).toEqual(['s1', expect.objectContaining({
      instruction: 'Shorten by 100 words, keep the meaning', range: 'section', auto: false,
    })]);
    expect(r?.stopped).toBe('no-progress');
    expect(useStore.getState().qualityMessages.s1?.text).toMatch(/shorten proposal is ready/);
    await vi.waitFor(() => expect(vi.mocked(appendLog)).toHaveBeenCalledWith(expect.objectContaining({ kind: 'fit', note: expect.stringMatching(/Fit round 1 of 3: shorten by 100 words \(proposal\)/) })));
  });

  it('in auto mode applies the shortening and keeps going; stops after 3 rounds at most', async () => {
    open(200, words(300));
    vi.mocked(proposeRevision).mockImplementation(async () => { h.text = words(205); return { status: 'accepted' }; });
    expect(await fitToTarget('s1', { auto: true })).toMatchObject({ stopped: 'in-band', count: 205 });
    open(1000, words(100));
    vi.mocked(generateSection).mockImplementation(async () => { h.text += ' more words'; return { finishReason: 'stop', words: 2, text: '' }; });
    const capped = await fitToTarget('s1');
    expect(capped).toMatchObject({ stopped: 'max-rounds' });
    expect(generateSection).toHaveBeenCalledTimes(3);
  });

  it('keeps the text and says so when a round fails', async () => {
    open(100, words(10));
    vi.mocked(generateSection).mockRejectedValue(new Error('upstream 500'));
    expect((await fitToTarget('s1'))?.stopped).toBe('error');
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
    expect(out).toEqual({ passed: 2, failed: 2, unclear: 0, errors: 0 });
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

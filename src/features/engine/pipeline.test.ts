// The pipeline's Fix round as the runner carries it out: one in-place revision for the failed items, one
// re-check, never a second round, and nothing more after Stop. Gateway and content are the real ones over an
// in-memory store of text and a scripted stream (no network, no editor).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../app/store';
import { GenerateError, type StreamOptions } from '../../shared/generateClient';
import type { GenerateRequest } from '../../shared/protocol';
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { createGateway } from './gateway';
import { memoryContent } from './memoryContent.testkit';
import { createPipeline, sectionKey, type CheckReport } from './pipeline';

const words = (n: number, w = 'word') => Array.from({ length: n }, () => w).join(' ');
const task = (req: GenerateRequest) => /Longhand task: (\w+)/.exec(req.messages.map((m) => m.content).join('\n'))?.[1] ?? '?';

function setup(opts: { checks: string[][]; onCheck?: (n: number) => void; revise?: (o: StreamOptions) => Promise<string> }) {
  const doc: DocumentMeta = { id: 'd1', title: 'Doc', brief: '', targetWords: 100, sectionIds: ['s1'], checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0 };
  const section: SectionMeta = { id: 's1', docId: 'd1', title: 'One', brief: '', targetWords: 100, status: 'empty', wordCount: 0, summary: '', checklist: [], updatedAt: 0 };
  useStore.getState().setOpenDocument(doc, [section]);
  const { content, texts } = memoryContent();
  const tasks: string[] = [];
  const gateway = createGateway({
    resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }),
    stream: async (req, o) => {
      const t = task(req);
      tasks.push(t);
      const text = t === 'revise' && opts.revise ? await opts.revise(o) : t === 'revise' ? words(100, 'fixed') : words(100);
      return { text, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };
    },
    log: async () => undefined,
  });
  let n = 0;
  const check = vi.fn(async (): Promise<CheckReport | null> => {
    opts.onCheck?.(n);
    return { failedItems: opts.checks[n++] ?? [] };
  });
  const summarize = vi.fn(async () => undefined);
  const pipeline = createPipeline({ gateway, content, store: useStore, summarize, check });
  return { pipeline, gateway, texts, tasks, check, summarize };
}

describe('pipeline: the Fix round', () => {
  beforeEach(() => { useStore.getState().setOpenDocument(null, []); });

  it('revises once for the failed items, in place, then re-checks once', async () => {
    const t = setup({ checks: [['first person narrator'], ['first person narrator']] });
    const r = await t.pipeline.run('s1', { awaitSummary: true });
    expect(t.tasks).toEqual(['write', 'revise']);
    expect(t.check).toHaveBeenCalledTimes(2);
    expect(t.texts.get('s1')).toBe(words(100, 'fixed'));
    expect(r).toMatchObject({ end: 'in-band', words: 100 });
    expect(t.summarize).toHaveBeenCalledTimes(1);
    expect(useStore.getState().sections.s1!.streaming).toBeNull();
  });

  it('makes no fix when every item passes, and none with fix "none"', async () => {
    const a = setup({ checks: [[]] });
    await a.pipeline.run('s1', { awaitSummary: true });
    expect(a.tasks).toEqual(['write']);
    expect(a.check).toHaveBeenCalledTimes(1);
    const b = setup({ checks: [['x']] });
    await b.pipeline.run('s1', { awaitSummary: true, fix: 'none' });
    expect(b.tasks).toEqual(['write']);
  });

  it('Stop during the check: no fix request and no summary', async () => {
    const t = setup({ checks: [['first person narrator']], onCheck: () => { t.gateway.aborts.abort(sectionKey('s1')); } });
    const r = await t.pipeline.run('s1', { awaitSummary: true });
    expect(t.tasks).toEqual(['write']);
    expect(t.summarize).not.toHaveBeenCalled();
    expect(r.end).toBe('stopped');
    expect(t.texts.get('s1')).toBe(words(100));
  });

  it('Stop during the fix keeps the text and asks nothing more', async () => {
    const t = setup({
      checks: [['first person narrator']],
      revise: (o) => new Promise((_ok, fail) => {
        o.signal!.addEventListener('abort', () => fail(new GenerateError('aborted', 'Stopped.', false, 'fixed fixed')));
        t.gateway.aborts.abort(sectionKey('s1'));
      }),
    });
    const r = await t.pipeline.run('s1', { awaitSummary: true });
    expect(t.tasks).toEqual(['write', 'revise']);
    expect(t.check).toHaveBeenCalledTimes(1);
    expect(t.summarize).not.toHaveBeenCalled();
    expect(r.end).toBe('stopped');
    expect(t.texts.get('s1')).toBe(words(100));
    expect(useStore.getState().gen.s1?.phase).toBe('cancelled');
    expect(useStore.getState().sections.s1!.streaming).toBeNull();
  });
});

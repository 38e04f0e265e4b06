// The story bible through the real pipeline and gateway (issue 13): a section's write request carries the
// entries its brief mentions plus the "always include" ones, and its log entry names them.
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../app/store';
import type { GenerateRequest } from '../../shared/protocol';
import type { DocumentMeta, RequestLogEntry, SectionMeta } from '../../core/model';
import type { BibleEntry } from '../../core/bible/types';
import { createGateway } from './gateway';
import { memoryContent } from './memoryContent.testkit';
import { createPipeline } from './pipeline';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
const bibleEntry = (id: string, name: string, over: Partial<BibleEntry> = {}): BibleEntry => ({
  id, kind: 'character', name, aliases: [], description: `${name}, described.`, progressions: [], alwaysInclude: false, createdAt: 0, updatedAt: 0, ...over,
});

function setup(bible: BibleEntry[] | undefined) {
  const doc: DocumentMeta = { id: 'd1', title: 'Doc', brief: '', targetWords: 200, sectionIds: ['s1', 's2'], checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0, bible };
  const section = (id: string, brief: string): SectionMeta => ({ id, docId: 'd1', title: id, brief, targetWords: 100, status: 'empty', wordCount: 0, summary: '', checklist: [], updatedAt: 0 });
  useStore.getState().setOpenDocument(doc, [section('s1', 'Ellie reaches the harbour.'), section('s2', 'A storm; nobody named.')]);
  const { content } = memoryContent();
  const requests: GenerateRequest[] = [];
  const logs: Omit<RequestLogEntry, 'id' | 'at'>[] = [];
  const gateway = createGateway({
    resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }),
    stream: async (req) => { requests.push(req); return { text: words(100), finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } }; },
    log: async (e) => { logs.push(e); },
  });
  const pipeline = createPipeline({ gateway, content, store: useStore, summarize: async () => undefined });
  return { pipeline, requests, logs };
}

const prompt = (r: GenerateRequest) => r.messages.map((m) => m.content).join('\n');

describe('pipeline: story bible', () => {
  beforeEach(() => { useStore.getState().setOpenDocument(null, []); });
  const bible = [
    bibleEntry('e1', 'Elspeth Morrow', { aliases: ['Ellie'] }),
    bibleEntry('st', 'House style', { kind: 'rule', alwaysInclude: true, description: 'British spelling.' }),
    bibleEntry('x', 'Angus'),
  ];

  it('sends the mentioned and always entries, and logs their names', async () => {
    const t = setup(bible);
    await t.pipeline.run('s1', { check: false });
    await t.pipeline.run('s2', { check: false });
    expect(t.requests).toHaveLength(2);
    expect(prompt(t.requests[0]!)).toContain('- Elspeth Morrow (character; also called: Ellie)');
    expect(prompt(t.requests[0]!)).toContain('- House style (rule): British spelling.');
    expect(prompt(t.requests[1]!)).not.toContain('Elspeth Morrow');
    expect(prompt(t.requests[1]!)).toContain('- House style (rule)');
    expect(prompt(t.requests[0]!)).not.toContain('Angus');
    expect(t.logs.map((l) => [l.sectionId, l.kind, l.bibleEntries])).toEqual([
      ['s1', 'generate', ['House style', 'Elspeth Morrow']],
      ['s2', 'generate', ['House style']],
    ]);
  });

  it('logs no bible field for a document without a bible', async () => {
    const t = setup(undefined);
    await t.pipeline.run('s1', { check: false });
    expect(t.logs[0]).not.toHaveProperty('bibleEntries');
    expect(prompt(t.requests[0]!)).not.toContain('Story bible');
  });
});

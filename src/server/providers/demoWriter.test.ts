// The offline demo writer: deterministic, follows the requested length, names its section, streams at a pace.
import { describe, expect, it } from 'vitest';
import { countWords } from '../../core/wordCount';
import { generate, startHarness } from '../testing/harness';
import { demoReply } from './demoWriter';
import { buildConsistencyRequest, buildExtractionRequest } from '../../core/bible';

const writeReq = (n: number, title: string, words: number, task = 'write') => [
  { role: 'system' as const, content: `Longhand task: ${task}\nYou write one section of a document.` },
  { role: 'user' as const, content: `Outline: …\nWrite section ${n}: "${title}" in about ${words.toLocaleString('en-US')} words.` },
];

describe('demoReply', () => {
  it('follows the requested length exactly and names the section it writes', () => {
    for (const words of [60, 350, 1200, 4000]) {
      const text = demoReply(writeReq(3, 'The Harbour', words));
      expect(countWords(text)).toBe(words);
      expect(text).toContain('Section 3, “The Harbour”');
    }
    expect(demoReply(writeReq(2, 'Tides', 500, 'continue'))).toMatch(/^Continuing section 2, “Tides”/);
  });

  it('is deterministic: same request, same text; different request, different text', () => {
    expect(demoReply(writeReq(1, 'A', 300))).toBe(demoReply(writeReq(1, 'A', 300)));
    expect(demoReply(writeReq(1, 'A', 300))).not.toBe(demoReply(writeReq(1, 'B', 300)));
  });

  it('answers plan, summarize, revise and judge requests in their expected shape', () => {
    const plan = JSON.parse(demoReply([{ role: 'system', content: 'Longhand task: plan' },
      { role: 'user', content: 'Plan a document of about 10,000 words in 4 sections.' }])) as { sections: { words: number }[] };
    expect(plan.sections).toHaveLength(4);
    expect(plan.sections.reduce((a, s) => a + s.words, 0)).toBe(10_000);
    const summary = demoReply([{ role: 'system', content: 'Longhand task: summarize' },
      { role: 'user', content: '<passage>First sentence here. Second one.\n\nAnother paragraph starts. More.</passage>' }]);
    expect(summary).toBe('First sentence here. Another paragraph starts.');
    const shorter = demoReply([{ role: 'system', content: 'Longhand task: revise' },
      { role: 'user', content: 'Instruction: shorten it\n<passage>One. Two. Three. Four.</passage>' }]);
    expect(shorter).toBe('One. Three.');
    expect(demoReply([{ role: 'system', content: 'Longhand task: judge' }, { role: 'user', content: 'Is it? Answer yes or no.' }])).toBe('yes');
    expect(demoReply(buildExtractionRequest({ document: { title: 'T', brief: '' }, section: { id: 's', title: 'S' }, text: 'x', entries: [], sectionOrder: ['s'] }).messages)).toBe('{"entries":[]}');
    expect(demoReply(buildConsistencyRequest({ section: { id: 's', title: 'S' }, text: 'x', entries: [], sectionOrder: ['s'] }).messages)).toBe('{"contradictions":[]}');
  });
});

describe('demo provider through the proxy', () => {
  it('streams word-sized deltas at DEMO_DELAY_MS per word, with usage and finish reason', async () => {
    const h = await startHarness({ DEMO_DELAY_MS: '5' });
    try {
      const t0 = Date.now();
      const r = await generate(h.proxy.url, { provider: 'demo', model: 'demo-writer', messages: writeReq(1, 'Start', 80) });
      const elapsed = Date.now() - t0;
      expect(r.status).toBe(200);
      expect(r.text).toBe(demoReply(writeReq(1, 'Start', 80)));
      const deltas = r.events.filter((e) => e.event === 'delta');
      expect(deltas.length).toBe(r.text.match(/\S+\s*/g)!.length);
      expect(elapsed).toBeGreaterThanOrEqual(deltas.length * 4);
      expect(r.events.at(-1)).toMatchObject({ event: 'done', data: { finishReason: 'stop' } });

      const capped = await generate(h.proxy.url, { provider: 'demo', model: 'demo-writer', messages: writeReq(1, 'Start', 500), maxOutputTokens: 40 });
      expect(capped.events.at(-1)).toMatchObject({ event: 'done', data: { finishReason: 'length', usage: { outputTokens: 30 } } });
    } finally {
      await h.close();
    }
  });
});

// 200 streams at once through the real proxy (OpenAI and Anthropic wire formats), each relaying its own long
// text exactly, with usage; the upstream sees every request once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBody, marker, parseSse, startHarness, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness({ MAX_CONCURRENT_STREAMS: '400', LOG_LEVEL: 'error' }); });
afterAll(async () => { await h.close(); });

const STREAMS = 200;
/** A long fixture, different per stream, with multi-byte characters and paragraph breaks. */
const fixture = (i: number) =>
  `Stream ${i}: It was the best of times — naïve café “quotes” 🚀 and\n\nnew paragraphs. `.repeat(50);

describe('concurrency', () => {
  it(`${STREAMS} concurrent streams each relay their exact text`, async () => {
    // No stream is read past its first text until every stream has its first text: all 200 are open through the
    // proxy at the same moment, whatever the machine's load (a condition, not a timing).
    let started = 0;
    let allStarted!: () => void;
    const gate = new Promise<void>((r) => { allStarted = r; });
    const one = async (i: number) => {
      const [provider, model] = i % 2 ? ['anthropic', 'claude-test'] : ['openai', 'gpt-test'];
      const m = marker(`conc${i}`);
      const text = fixture(i);
      // ~100 chunks 25 ms apart: a stream that ran alone would take ~2.5 s.
      h.fake.setRule({ match: m, text, chunkSize: Math.ceil(text.length / 100), delayMs: 25, usage: { input: i, output: 2 * i } });
      const res = await fetch(`${h.proxy.url}/api/generate`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(generateBody(m, {}, provider, model)),
      });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let raw = '';
      let counted = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        raw += value;
        if (!counted && raw.includes('event: delta')) {
          counted = true;
          if (++started === STREAMS) allStarted();
          await gate;
        }
      }
      if (!counted && ++started === STREAMS) allStarted();
      const events = parseSse(raw);
      const got = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('');
      return { i, exact: got === text, last: events.at(-1), requests: h.fake.requests.filter((q) => q.text.includes(m)).length };
    };
    const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => one(i)));
    expect(results.filter((r) => !r.exact).map((r) => r.i)).toEqual([]);
    for (const r of results) {
      expect(r.last).toEqual({ event: 'done', data: { finishReason: 'stop', usage: { inputTokens: r.i, outputTokens: 2 * r.i } } });
      expect(r.requests).toBe(1);
    }
  }, 120_000);
});

// Streaming through the real proxy against the fake upstream (real OpenAI / Anthropic SSE wire formats).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateBody, marker, parseSse, startHarness, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const LONG = 'It was the best of times, it was the worst of times — naïve café “quotes” 🚀🚀 and\n\nnew paragraphs. '.repeat(20);

describe('streaming relay', () => {
  it('OpenAI chat-completions deltas concatenate to exactly the upstream text, with usage', async () => {
    const m = marker('openai-ok');
    h.fake.setRule({ match: m, text: LONG, chunkSize: 7, usage: { input: 123, output: 456 } });
    const r = await generate(h.proxy.url, generateBody(m));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(r.text).toBe(LONG);
    expect(r.events.filter((e) => e.event === 'delta').length).toBeGreaterThan(10);
    const done = r.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toEqual({ finishReason: 'stop', usage: { inputTokens: 123, outputTokens: 456 } });
    const req = h.fake.requests.find((q) => q.text.includes(m))!;
    expect(req.path).toBe('/v1/chat/completions'); // .chat(), not the Responses API
    expect(req.headers.authorization).toBe('Bearer fake-test-unit-openai-secret-1111111111');
  });

  it('Anthropic messages deltas concatenate to exactly the upstream text, with usage', async () => {
    const m = marker('anthropic-ok');
    h.fake.setRule({ match: m, text: LONG, chunkSize: 5, usage: { input: 77, output: 88 } });
    const r = await generate(h.proxy.url, generateBody(m, {}, 'anthropic', 'claude-test'));
    expect(r.status).toBe(200);
    expect(r.text).toBe(LONG);
    expect(r.events.at(-1)).toEqual({ event: 'done', data: { finishReason: 'stop', usage: { inputTokens: 77, outputTokens: 88 } } });
    const req = h.fake.requests.find((q) => q.text.includes(m))!;
    expect(req.path).toBe('/v1/messages');
    expect(req.headers['x-api-key']).toBe('fake-ant-test-unit-secret-2222222222222');
  });

  it('a stream faster than the page renders leaves in paced writes, not one per upstream chunk, and still relays exactly', async () => {
    const m = marker('paced');
    // A chunk every 2 ms: several times what a model sends, as the streaming bench asks of the fake upstream.
    h.fake.setRule({ match: m, text: LONG, chunkSize: 8, delayMs: 2 });
    const res = await fetch(`${h.proxy.url}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(generateBody(m)) });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    const at: number[] = [];
    let raw = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      at.push(performance.now());
      raw += dec.decode(value, { stream: true });
    }
    const events = parseSse(raw);
    expect(events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('')).toBe(LONG);
    expect(events.at(-1)!.event).toBe('done');
    // Each read here is one or more socket writes of the proxy; a slow test machine only merges more of them.
    const gaps = at.slice(1).map((t, i) => t - at[i]!).sort((a, b) => a - b);
    expect(LONG.length / 8).toBeGreaterThan(200);
    expect(gaps[Math.floor(gaps.length / 2)]!).toBeGreaterThanOrEqual(10);
  });
});

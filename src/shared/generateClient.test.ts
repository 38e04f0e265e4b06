import { describe, expect, it, vi } from 'vitest';
import { createSseParser, GenerateError, readSse, streamGenerate } from './generateClient';

const enc = new TextEncoder();
/** A body whose reads return exactly these byte chunks (one network read each). */
function body(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= chunks.length) { c.close(); return; }
      const x = chunks[i++]!;
      c.enqueue(typeof x === 'string' ? enc.encode(x) : x);
    },
  });
}
const delta = (t: string) => `event: delta\ndata: ${JSON.stringify({ text: t })}\n\n`;
const done = 'event: done\ndata: {"finishReason":"stop","usage":{"inputTokens":1,"outputTokens":2}}\n\n';
const fetchOf = (chunks: (string | Uint8Array)[]) =>
  (async () => new Response(body(chunks), { status: 200, headers: { 'content-type': 'text/event-stream' } })) as unknown as typeof fetch;
const req = { provider: 'p', model: 'm', messages: [{ role: 'user' as const, content: 'x' }] };

async function all(b: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const e of readSse(b)) out.push(e);
  return out;
}

describe('createSseParser', () => {
  it('parses events split at every possible position the same as whole', () => {
    const wire = `: heartbeat\n\n${delta('héllo')}${delta('wörld 🐋')}data: a\ndata: b\n\n${done}`;
    const whole = createSseParser().push(wire);
    expect(whole.map((e) => e.event)).toEqual(['delta', 'delta', 'message', 'done']);
    expect(whole[2]!.data).toBe('a\nb');
    for (let cut = 1; cut < wire.length; cut++) {
      const p = createSseParser();
      expect([...p.push(wire.slice(0, cut)), ...p.push(wire.slice(cut))]).toEqual(whole);
    }
  });

  it('accepts CRLF and lone CR line ends, including a CRLF split across chunks', () => {
    const crlf = delta('a').replace(/\n/g, '\r\n') + delta('b').replace(/\n/g, '\r');
    const whole = createSseParser().push(crlf);
    expect(whole.map((e) => e.data)).toEqual(['{"text":"a"}', '{"text":"b"}']);
    for (let cut = 1; cut < crlf.length; cut++) {
      const p = createSseParser();
      expect([...p.push(crlf.slice(0, cut)), ...p.push(crlf.slice(cut))]).toEqual(whole);
    }
  });

  it('does not re-scan: a long event arriving a character at a time costs linear work', () => {
    const p = createSseParser();
    const text = 'x'.repeat(200_000);
    const wire = delta(text);
    const t0 = performance.now();
    let got: unknown[] = [];
    for (let i = 0; i < wire.length; i += 1) got = got.concat(p.push(wire[i]!));
    expect(got).toHaveLength(1);
    // Quadratic re-scanning of 200k characters would take many seconds.
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('readSse', () => {
  it('decodes a multi-byte character split between two reads', async () => {
    const bytes = enc.encode(delta('🐋 é'));
    const cut = bytes.indexOf(0xf0) + 2; // inside the whale's four bytes
    const events = await all(body([bytes.slice(0, cut), bytes.slice(cut)]));
    expect(JSON.parse(events[0]!.data).text).toBe('🐋 é');
  });
});

describe('streamGenerate', () => {
  it('calls onDelta once per network read, with the deltas of that read joined', async () => {
    const onDelta = vi.fn();
    const reads = [delta('a') + delta('b') + delta('c'), delta('d').slice(0, 10), delta('d').slice(10) + delta('e'), done];
    const r = await streamGenerate(req, { fetchImpl: fetchOf(reads), onDelta });
    expect(r.text).toBe('abcde');
    expect(r.usage).toEqual({ inputTokens: 1, outputTokens: 2 });
    expect(onDelta.mock.calls).toEqual([['abc', 'abc'], ['de', 'abcde']]);
  });

  it('hands the deltas that share a read with done or error to onDelta before finishing', async () => {
    const onDelta = vi.fn();
    const r = await streamGenerate(req, { fetchImpl: fetchOf([delta('x') + delta('y') + done]), onDelta });
    expect(r.text).toBe('xy');
    expect(onDelta).toHaveBeenCalledTimes(1);
    const err = 'event: error\ndata: {"code":"timeout","message":"slow","retryable":true}\n\n';
    const e = await streamGenerate(req, { fetchImpl: fetchOf([delta('p') + delta('q') + err]), onDelta }).catch((x) => x);
    expect(e).toBeInstanceOf(GenerateError);
    expect(e.code).toBe('timeout');
    expect(e.partialText).toBe('pq');
  });

  it('keeps the deltas before a malformed event of the same read as partial text', async () => {
    const e = await streamGenerate(req, { fetchImpl: fetchOf([delta('ok ') + 'event: delta\ndata: {"nope":1}\n\n']) }).catch((x) => x);
    expect(e.code).toBe('connection_lost');
    expect(e.partialText).toBe('ok ');
  });

  it('a stream that ends without done is incomplete, with its text', async () => {
    const e = await streamGenerate(req, { fetchImpl: fetchOf([delta('half')]) }).catch((x) => x);
    expect(e.code).toBe('incomplete');
    expect(e.partialText).toBe('half');
  });
});

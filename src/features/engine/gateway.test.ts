import { describe, expect, it, vi } from 'vitest';
import { GenerateError, type StreamOptions } from '../../shared/generateClient';
import type { GenerateRequest } from '../../shared/protocol';
import { createGateway } from './gateway';

function setup(stream: (req: GenerateRequest, opts: StreamOptions) => Promise<{ text: string; finishReason: string; usage: { inputTokens: number; outputTokens: number } }>) {
  const log = vi.fn(async () => ({}));
  let t = 1000;
  const gw = createGateway({
    resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }),
    stream, log, now: () => (t += 50),
  });
  return { gw, log };
}

const msgs = [{ role: 'user' as const, content: 'hi' }];

describe('gateway', () => {
  it('streams, returns text and usage, and logs kind, provider, model, tokens, duration and finish reason', async () => {
    const { gw, log } = setup(async (_req, opts) => {
      opts.onDelta?.('Hel', 'Hel');
      opts.onDelta?.('lo', 'Hello');
      return { text: 'Hello', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 3 } };
    });
    const seen: string[] = [];
    const r = await gw.run({ kind: 'generate', sectionId: 's1', messages: msgs, maxOutputTokens: 100, onText: (_d, all) => seen.push(all) });
    expect(r).toMatchObject({ text: 'Hello', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 3 }, provider: 'openai', model: 'gpt-test' });
    expect(seen).toEqual(['Hel', 'Hello']);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({
      sectionId: 's1', kind: 'generate', provider: 'openai', model: 'gpt-test', inputTokens: 12, outputTokens: 3, finishReason: 'stop',
    }));
    expect((log.mock.calls[0] as unknown as [{ durationMs: number }])[0].durationMs).toBeGreaterThan(0);
  });

  it('aborts by key: the call ends as "aborted" with its partial text, logged as stopped', async () => {
    let started!: () => void;
    const streaming = new Promise<void>((r) => { started = r; });
    const { gw, log } = setup((_req, opts) => new Promise((_ok, fail) => {
      opts.onDelta?.('part', 'part');
      started();
      opts.signal!.addEventListener('abort', () => fail(new GenerateError('aborted', 'Stopped.', false, 'part')));
    }));
    const p = gw.run({ kind: 'continue', sectionId: 's2', key: 'section:s2', messages: msgs });
    expect(gw.aborts.has('section:s2')).toBe(true);
    await streaming;
    gw.aborts.abort('section:s2');
    const err = await p.catch((e: unknown) => e) as GenerateError;
    expect(err).toBeInstanceOf(GenerateError);
    expect(err.code).toBe('aborted');
    expect(err.partialText).toBe('part');
    expect(gw.aborts.has('section:s2')).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ kind: 'continue', finishReason: 'stopped' }));
  });

  it("aborts through the caller's signal, before the stream even starts", async () => {
    const stream = vi.fn();
    const { gw } = setup(stream);
    const ac = new AbortController();
    ac.abort();
    const err = await gw.run({ kind: 'summary', messages: msgs, signal: ac.signal }).catch((e: unknown) => e) as GenerateError;
    expect(err.code).toBe('aborted');
    expect(stream).not.toHaveBeenCalled();
  });

  it('maps any failure to GenerateError, keeps the partial text and logs the error', async () => {
    const { gw, log } = setup(async (_req, opts) => { opts.onDelta?.('abc', 'abc'); throw new TypeError('boom'); });
    const err = await gw.run({ kind: 'check', sectionId: 's3', messages: msgs }).catch((e: unknown) => e) as GenerateError;
    expect(err).toBeInstanceOf(GenerateError);
    expect(err.code).toBe('internal');
    expect(err.partialText).toBe('abc');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ kind: 'check', finishReason: 'error', error: 'boom' }));
  });

  it('passes a proxy error through unchanged and a note function sees the outcome', async () => {
    const { gw, log } = setup(async () => { throw new GenerateError('rate_limited', 'Slow down.', true, '', 429); });
    const err = await gw.run({ kind: 'revise', sectionId: 's4', messages: msgs, note: ({ error }) => `failed with ${error?.code}` })
      .catch((e: unknown) => e) as GenerateError;
    expect(err.code).toBe('rate_limited');
    expect(err.retryable).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ error: 'Slow down.', note: 'failed with rate_limited' }));
  });

  it('a model that cannot be resolved is a no_model error and nothing is streamed', async () => {
    const stream = vi.fn();
    const gw = createGateway({ resolveModel: async () => { throw new Error('No provider.'); }, stream, log: vi.fn(async () => ({})) });
    const err = await gw.run({ kind: 'plan', messages: msgs }).catch((e: unknown) => e) as GenerateError;
    expect(err.code).toBe('no_model');
    expect(stream).not.toHaveBeenCalled();
  });
});

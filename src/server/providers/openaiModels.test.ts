// OpenAI's model list when OPENAI_MODELS is not set: read from /v1/models (a local fake speaking OpenAI's format),
// chat models only, cached ~10 minutes, and a clear fallback when the list cannot be read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { chatModelIds, OPENAI_DEFAULT_MODELS, OPENAI_MODELS_RETRY_MS, OPENAI_MODELS_TTL_MS, openaiProvider } from './openai';

// A slice of a real /v1/models answer: chat models among embeddings, speech, images, moderation, realtime…
const LISTED = [
  'gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-5', 'o3-mini', 'o4-mini', 'chatgpt-4o-latest', 'gpt-4o-2024-08-06',
  'text-embedding-3-large', 'text-embedding-ada-002', 'tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'whisper-1',
  'gpt-4o-transcribe', 'dall-e-3', 'dall-e-2', 'gpt-image-1', 'omni-moderation-latest', 'text-moderation-latest',
  'gpt-4o-audio-preview', 'gpt-audio', 'gpt-4o-realtime-preview', 'gpt-realtime', 'gpt-3.5-turbo-instruct',
  'babbage-002', 'davinci-002', 'gpt-4o-search-preview', 'computer-use-preview', 'codex-mini-latest', 'o1-pro',
  'sora-2', 'o3-deep-research',
];
const CHAT = ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini', 'chatgpt-4o-latest', 'gpt-4o-2024-08-06', 'gpt-5', 'o3-mini', 'o4-mini'];

let server: Server;
let url: string;
let hits: { auth?: string }[] = [];
let answer: 'ok' | 401 | 500 = 'ok';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/v1/models') { res.writeHead(404).end(); return; }
    hits.push({ auth: req.headers.authorization });
    if (answer !== 'ok') {
      res.writeHead(answer, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided: sk-te****', type: 'invalid_request_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      object: 'list',
      data: LISTED.map((id, i) => ({ id, object: 'model', created: 1_700_000_000 + i, owned_by: 'system' })),
    }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => { await new Promise((r) => server.close(r)); });

const KEY = 'sk-test-openai-list-key-123456';
const provider = (env: Record<string, string> = {}, now?: () => number) =>
  openaiProvider(loadConfig({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: url, ...env }), now);

describe('OpenAI model list', () => {
  it('filters to chat models, the usual defaults first', () => {
    expect(chatModelIds(LISTED)).toEqual(CHAT);
  });

  it('without OPENAI_MODELS: read from /v1/models with the key, chat models only', async () => {
    hits = [];
    answer = 'ok';
    const info = await provider().describe();
    expect(info).toMatchObject({ available: true });
    expect(info.reason).toBeUndefined();
    expect(info.models.map((m) => m.id)).toEqual(CHAT);
    expect(hits).toEqual([{ auth: `Bearer ${KEY}` }]);
  });

  it('OPENAI_MODELS replaces the listing and nothing is fetched', async () => {
    hits = [];
    const info = await provider({ OPENAI_MODELS: 'gpt-x,gpt-y' }).describe();
    expect(info.models.map((m) => m.id)).toEqual(['gpt-x', 'gpt-y']);
    expect(hits).toHaveLength(0);
  });

  it('is cached about ten minutes, then read again', async () => {
    hits = [];
    answer = 'ok';
    let t = 1_000_000;
    const p = provider({}, () => t);
    await p.describe();
    t += OPENAI_MODELS_TTL_MS - 1_000;
    await p.describe();
    await p.describe();
    expect(hits).toHaveLength(1);
    t += 2_000;
    await p.describe();
    expect(hits).toHaveLength(2);
  });

  it('a list that cannot be read: still available with the built-in list and a reason; retried soon', async () => {
    hits = [];
    answer = 401;
    let t = 5_000_000;
    const p = provider({}, () => t);
    const info = await p.describe();
    expect(info.available).toBe(true);
    expect(info.models.map((m) => m.id)).toEqual(OPENAI_DEFAULT_MODELS);
    expect(info.reason).toBe(`${url}/models answered HTTP 401 (check OPENAI_API_KEY); showing a built-in list`);
    expect(JSON.stringify(info)).not.toContain(KEY);
    // Recovers on its own after a short while, not after ten minutes.
    answer = 'ok';
    t += OPENAI_MODELS_RETRY_MS + 1;
    const later = await p.describe();
    expect(later.reason).toBeUndefined();
    expect(later.models.map((m) => m.id)).toEqual(CHAT);
    // A later failure keeps the last good list.
    answer = 500;
    t += OPENAI_MODELS_TTL_MS + 1;
    const stale = await p.describe();
    expect(stale.models.map((m) => m.id)).toEqual(CHAT);
    expect(stale.reason).toBe(`${url}/models answered HTTP 500; showing the last list it gave`);
  });

  it('an unreachable host: the built-in list with the reason', async () => {
    const info = await openaiProvider(loadConfig({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).describe();
    expect(info.available).toBe(true);
    expect(info.models.map((m) => m.id)).toEqual(OPENAI_DEFAULT_MODELS);
    expect(info.reason).toBe('http://127.0.0.1:9/v1/models could not be reached; showing a built-in list');
  });
});

// Provider modules: availability reasons, model discovery (OpenAI-compatible /v1/models, Ollama /api/tags),
// generation through Ollama's OpenAI-compatible /v1, and the default-selection rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/support/fake-upstream';
import { loadConfig } from '../config';
import { generate, generateBody, marker, startHarness } from '../testing/harness';
import { createRegistry, markDefault } from './registry';

let fake: FakeUpstream;
beforeAll(async () => { fake = await startFakeUpstream(); });
afterAll(async () => { await fake.close(); });

const DEAD = 'http://127.0.0.1:9';

describe('registry', () => {
  it('with nothing configured: every real provider unavailable with its reason, demo is the default', async () => {
    const list = await createRegistry(loadConfig({ OLLAMA_BASE_URL: DEAD })).list();
    expect(list.map((p) => [p.id, p.available, p.reason ?? ''])).toEqual([
      ['openai', false, 'OPENAI_API_KEY is not set'],
      ['anthropic', false, 'ANTHROPIC_API_KEY is not set'],
      ['openai-compatible', false, 'LLM_BASE_URL is not set'],
      ['ollama', false, `Ollama is not running at ${DEAD}`],
      ['demo', true, ''],
    ]);
    expect(list.find((p) => p.default)?.id).toBe('demo');
    expect(list.find((p) => p.id === 'demo')?.label).toBe('Demo writer (offline, no AI)');
  });

  it('the first configured provider (OpenAI, Anthropic, compatible, Ollama) is the default, never the demo', async () => {
    const only = async (env: Record<string, string>) =>
      (await createRegistry(loadConfig({ OLLAMA_BASE_URL: DEAD, ...env })).list()).find((p) => p.default)?.id;
    // OPENAI_MODELS set: with it unset the registry would list models from OpenAI, and tests never go online.
    expect(await only({ ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', OPENAI_MODELS: 'gpt-test' })).toBe('openai');
    expect(await only({ ANTHROPIC_API_KEY: 'a' })).toBe('anthropic');
    expect(await only({ LLM_BASE_URL: `${fake.url}/v1` })).toBe('openai-compatible');
    expect(await only({ OLLAMA_BASE_URL: fake.url })).toBe('ollama');
    expect(markDefault([{ id: 'demo', kind: 'demo', label: 'd', available: true, models: [{ id: 'x', label: 'x' }] }])[0].default).toBe(true);
  });

  it('OpenAI-compatible: models from /v1/models unless LLM_MODELS is set; unreachable → reason', async () => {
    const get = async (env: Record<string, string>) =>
      (await createRegistry(loadConfig({ OLLAMA_BASE_URL: DEAD, ...env })).list()).find((p) => p.id === 'openai-compatible')!;
    expect((await get({ LLM_BASE_URL: `${fake.url}/v1` })).models.map((m) => m.id)).toEqual(['fake-model-a', 'fake-model-b']);
    expect((await get({ LLM_BASE_URL: `${fake.url}/v1`, LLM_MODELS: 'm1,m2' })).models.map((m) => m.id)).toEqual(['m1', 'm2']);
    const dead = await get({ LLM_BASE_URL: `${DEAD}/v1` });
    expect(dead.available).toBe(false);
    expect(dead.reason).toBe(`${DEAD}/v1/models could not be reached`);
  });

  it('never lists a secret, even one embedded in a base URL', async () => {
    const list = await createRegistry(loadConfig({
      OLLAMA_BASE_URL: DEAD, OPENAI_API_KEY: 'fake-very-secret-key-123', OPENAI_BASE_URL: `${DEAD}/v1`, LLM_BASE_URL: `http://user:pw-secret@127.0.0.1:9/v1`,
      LLM_API_KEY: 'llm-secret-key',
    })).list();
    const text = JSON.stringify(list);
    expect(text).not.toMatch(/fake-very-secret|pw-secret|llm-secret/);
  });
});

describe('generation through discovered providers', () => {
  it('Ollama: probed via /api/tags, streams through its OpenAI-compatible /v1/chat/completions', async () => {
    const h = await startHarness({ OLLAMA_BASE_URL: fake.url, LLM_BASE_URL: `${fake.url}/v1`, LLM_API_KEY: 'llm-key-123456789' }, fake);
    try {
      const providers = await (await fetch(`${h.proxy.url}/api/providers`)).json() as { id: string; available: boolean; models: { id: string }[] }[];
      expect(providers.find((p) => p.id === 'ollama')).toMatchObject({ available: true, models: [{ id: 'fake-model-a' }, { id: 'fake-model-b' }] });
      const m = marker('ollama');
      fake.setRule({ match: m, text: 'Hello from a local model.' });
      const r = await generate(h.proxy.url, generateBody(m, {}, 'ollama', 'fake-model-a'));
      expect(r.text).toBe('Hello from a local model.');
      expect(fake.requests.find((q) => q.text.includes(m))?.path).toBe('/v1/chat/completions');

      const m2 = marker('compat');
      fake.setRule({ match: m2, text: 'Hello from vLLM.', usage: { input: 5, output: 4 } });
      const r2 = await generate(h.proxy.url, generateBody(m2, {}, 'openai-compatible', 'fake-model-b'));
      expect(r2.text).toBe('Hello from vLLM.');
      expect(r2.events.at(-1)?.data).toEqual({ finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 4 } });
      expect(fake.requests.find((q) => q.text.includes(m2))?.headers.authorization).toBe('Bearer llm-key-123456789');
    } finally {
      await h.close();
    }
  });
});

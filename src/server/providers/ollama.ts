// Ollama: probed at OLLAMA_BASE_URL with zero configuration; generation goes through its OpenAI-compatible /v1.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { upstreamFetch } from './upstreamFetch';
import type { Config } from '../config';
import { cached, fetchModelIds, ollamaModelIds } from './modelList';
import { displayUrl, modelCache, toModels, trimSlash, type Provider } from './types';

export function ollamaProvider(cfg: Config): Provider {
  const base = { id: 'ollama', kind: 'ollama', label: 'Ollama' } as const;
  const root = trimSlash(cfg.OLLAMA_BASE_URL);
  const sdk = createOpenAICompatible({ name: 'ollama', baseURL: `${root}/v1`, includeUsage: true, fetch: upstreamFetch });
  // Short cache: starting Ollama should show up in the picker without restarting Longhand.
  const listed = cached(5_000, () => fetchModelIds({ url: `${root}/api/tags`, timeoutMs: 1_500, pick: ollamaModelIds }));
  return {
    ...base,
    async describe() {
      const r = await listed();
      if (!r.ok) return { ...base, available: false, reason: `Ollama is not running at ${displayUrl(root)}`, models: [] };
      if (r.ids.length === 0) {
        return { ...base, available: false, reason: `Ollama at ${displayUrl(root)} has no models; run \`ollama pull llama3.2\``, models: [] };
      }
      return { ...base, available: true, models: toModels(r.ids) };
    },
    model: modelCache((id) => sdk.chatModel(id)),
  };
}

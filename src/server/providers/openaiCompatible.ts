// Any OpenAI-compatible server (vLLM, LM Studio, llama.cpp, OpenRouter, Together, Groq…) via LLM_BASE_URL.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { upstreamFetch } from './upstreamFetch';
import type { Config } from '../config';
import { cached, fetchModelIds, openAiModelIds } from './modelList';
import { displayUrl, modelCache, toModels, trimSlash, type Provider } from './types';

export function openaiCompatibleProvider(cfg: Config): Provider {
  const base = { id: 'openai-compatible', kind: 'openai-compatible', label: 'OpenAI-compatible server' } as const;
  const baseURL = cfg.LLM_BASE_URL ? trimSlash(cfg.LLM_BASE_URL) : undefined;
  const headers: Record<string, string> = cfg.LLM_API_KEY ? { Authorization: `Bearer ${cfg.LLM_API_KEY}` } : {};
  const sdk = baseURL
    ? createOpenAICompatible({ name: 'openai-compatible', baseURL, apiKey: cfg.LLM_API_KEY, includeUsage: true, fetch: upstreamFetch })
    : undefined;
  const listed = cached(30_000, () => fetchModelIds({ url: `${baseURL}/models`, headers, pick: openAiModelIds }));
  return {
    ...base,
    async describe() {
      if (!baseURL) return { ...base, available: false, reason: 'LLM_BASE_URL is not set', models: [] };
      if (cfg.LLM_MODELS) return { ...base, available: true, models: toModels(cfg.LLM_MODELS) };
      const r = await listed();
      if (!r.ok) return { ...base, available: false, reason: `${displayUrl(baseURL)}/models ${r.reason}`, models: [] };
      if (r.ids.length === 0) return { ...base, available: false, reason: `${displayUrl(baseURL)} lists no models; set LLM_MODELS`, models: [] };
      return { ...base, available: true, models: toModels(r.ids) };
    },
    model: modelCache((id) => {
      if (!sdk) throw new Error('openai-compatible provider is not configured');
      return sdk.chatModel(id);
    }),
  };
}

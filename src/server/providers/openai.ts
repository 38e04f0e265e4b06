// OpenAI through the chat-completions API (`.chat`), which every OpenAI-shaped endpoint implements.
import { createOpenAI } from '@ai-sdk/openai';
import { upstreamFetch } from './upstreamFetch';
import type { Config } from '../config';
import { toModels, type Provider } from './types';

export const OPENAI_DEFAULT_MODELS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini'];

export function openaiProvider(cfg: Config): Provider {
  const key = cfg.OPENAI_API_KEY;
  const sdk = createOpenAI({ apiKey: key ?? 'unset', baseURL: cfg.OPENAI_BASE_URL, fetch: upstreamFetch });
  const models = toModels(cfg.OPENAI_MODELS ?? OPENAI_DEFAULT_MODELS);
  return {
    id: 'openai', kind: 'openai', label: 'OpenAI',
    describe: async () => key
      ? { id: 'openai', kind: 'openai', label: 'OpenAI', available: true, models }
      : { id: 'openai', kind: 'openai', label: 'OpenAI', available: false, reason: 'OPENAI_API_KEY is not set', models: [] },
    model: (id) => sdk.chat(id),
  };
}

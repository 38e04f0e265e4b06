// Anthropic's messages API.
import { createAnthropic } from '@ai-sdk/anthropic';
import { upstreamFetch } from './upstreamFetch';
import type { Config } from '../config';
import { modelCache, toModels, type Provider } from './types';

export const ANTHROPIC_DEFAULT_MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'];

export function anthropicProvider(cfg: Config): Provider {
  const key = cfg.ANTHROPIC_API_KEY;
  const sdk = createAnthropic({ apiKey: key ?? 'unset', baseURL: cfg.ANTHROPIC_BASE_URL, fetch: upstreamFetch });
  const models = toModels(cfg.ANTHROPIC_MODELS ?? ANTHROPIC_DEFAULT_MODELS);
  const base = { id: 'anthropic', kind: 'anthropic', label: 'Anthropic' } as const;
  return {
    ...base,
    describe: async () => key
      ? { ...base, available: true, models }
      : { ...base, available: false, reason: 'ANTHROPIC_API_KEY is not set', models: [] },
    model: modelCache((id) => sdk(id)),
  };
}

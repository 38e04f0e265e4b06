// All providers in default order; the first available real provider's first model is the default selection,
// and the demo writer is the default only when no real provider is available.
import type { ProviderInfo } from '../../shared/protocol';
import type { Config } from '../config';
import { anthropicProvider } from './anthropic';
import { demoProvider } from './demo';
import { ollamaProvider } from './ollama';
import { openaiProvider } from './openai';
import { openaiCompatibleProvider } from './openaiCompatible';
import type { Provider } from './types';

export interface Registry {
  list(): Promise<ProviderInfo[]>;
  get(id: string): Provider | undefined;
}

export function markDefault(infos: Omit<ProviderInfo, 'default'>[]): ProviderInfo[] {
  const real = infos.find((p) => p.kind !== 'demo' && p.available && p.models.length > 0);
  const chosen = real ?? infos.find((p) => p.kind === 'demo');
  return infos.map((p) => (p === chosen ? { ...p, default: true } : { ...p }));
}

export function createRegistry(cfg: Config, providers?: Provider[]): Registry {
  const all = providers ?? [
    openaiProvider(cfg), anthropicProvider(cfg), openaiCompatibleProvider(cfg), ollamaProvider(cfg), demoProvider(cfg),
  ];
  const byId = new Map(all.map((p) => [p.id, p]));
  return {
    list: async () => markDefault(await Promise.all(all.map((p) => p.describe()))),
    get: (id) => byId.get(id),
  };
}

// One interface for every provider module: describe what it offers, hand out AI SDK provider models (LanguageModelV3).
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelInfo, ProviderInfo, ProviderKind } from '../../shared/protocol';

export interface Provider {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly label: string;
  /** Availability and models; probes the upstream where the model list lives there. Never throws. */
  describe(): Promise<Omit<ProviderInfo, 'default'>>;
  /** An AI SDK provider model for a listed id; callers check the id against describe() first. */
  model(modelId: string): LanguageModelV3;
}

export const toModels = (ids: readonly string[]): ModelInfo[] => ids.map((id) => ({ id, label: id }));

/** Shows a base URL without any credentials embedded in it. */
export function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** One provider model object per model id, built on first use. The provider packages' model objects hold only
 *  their id and configuration (every call's state lives in doStream), so a request need not build its own: doing
 *  so built the provider's URL, header and option helpers anew each time. Only listed ids reach model(). */
export function modelCache(build: (modelId: string) => LanguageModelV3): (modelId: string) => LanguageModelV3 {
  const models = new Map<string, LanguageModelV3>();
  return (id) => {
    let m = models.get(id);
    if (!m) {
      m = build(id);
      models.set(id, m);
    }
    return m;
  };
}

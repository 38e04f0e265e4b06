// Server data: the providers and models the proxy offers (TanStack Query owns it), and the one rule that turns
// the writer's remembered choice into the model a request uses.
import { queryOptions } from '@tanstack/react-query';
import type { ProviderInfo } from '../../shared/protocol';
import { authHeaders } from '../../shared/generateClient';
import { queryClient } from '../../app/queryClient';
import { useStore } from '../../app/store';
import type { ModelChoice } from './slice';
import { effectiveModel } from './effectiveModel';

export { effectiveModel };

export const providersQuery = queryOptions({
  queryKey: ['providers'],
  queryFn: async ({ signal }): Promise<ProviderInfo[]> => {
    const res = await fetch('/api/providers', { signal, headers: authHeaders() });
    if (!res.ok) throw new Error(`The server answered ${res.status} for /api/providers.`);
    return (await res.json()) as ProviderInfo[];
  },
});

/** For services: the model the next request should use. Throws a writer-readable error when there is none. */
export async function resolveModel(): Promise<ModelChoice> {
  const providers = await queryClient.fetchQuery(providersQuery);
  const m = effectiveModel(providers, useStore.getState().selectedModel);
  if (!m) throw new Error('No model is available. Open Settings to connect a provider.');
  return m;
}

// The one rule that turns the writer's remembered choice into the model a request uses. Pure (no React, no
// fetch) so it is unit-tested on its own; providers.ts re-exports it.
import type { ProviderInfo } from '../../shared/protocol';
import type { ModelChoice } from './slice';

/** The remembered choice when the server still offers it, else the server's default provider's first model. */
export function effectiveModel(providers: ProviderInfo[], chosen: ModelChoice | null): ModelChoice | null {
  const offered = (c: ModelChoice) =>
    providers.some((p) => p.available && p.id === c.provider && p.models.some((m) => m.id === c.model));
  if (chosen && offered(chosen)) return chosen;
  const def = providers.find((p) => p.default && p.available && p.models.length) ??
    providers.find((p) => p.available && p.models.length);
  return def ? { provider: def.id, model: def.models[0].id } : null;
}

/** "provider/model" for display, using the labels the server gave. */
export function describeModel(providers: ProviderInfo[], c: ModelChoice): string {
  const p = providers.find((x) => x.id === c.provider);
  const m = p?.models.find((x) => x.id === c.model);
  return `${p?.label ?? c.provider} · ${m?.label ?? c.model}`;
}

// Fetches a model list from an upstream (OpenAI-style /models or Ollama /api/tags), cached briefly so the
// picker's polling does not hammer the upstream, with a short timeout so a dead host does not hang the UI.
export type ListResult = { ok: true; ids: string[] } | { ok: false; reason: string };

export interface ListOptions {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Extracts model ids from the parsed JSON body. */
  pick: (body: unknown) => string[];
}

export async function fetchModelIds({ url, headers, timeoutMs = 2_000, pick }: ListOptions): Promise<ListResult> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `answered HTTP ${res.status}` };
    }
    const ids = pick(await res.json());
    return { ok: true, ids: [...new Set(ids)].sort((a, b) => a.localeCompare(b)) };
  } catch (e) {
    const name = (e as Error)?.name;
    return { ok: false, reason: name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached' };
  }
}

export function cached<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let at = 0;
  let value: Promise<T> | undefined;
  return () => {
    const now = Date.now();
    if (!value || now - at > ttlMs) {
      at = now;
      value = load();
    }
    return value;
  };
}

export const openAiModelIds = (body: unknown): string[] => {
  const data = (body as { data?: unknown })?.data;
  return Array.isArray(data) ? data.map((m) => (m as { id?: unknown })?.id).filter((x): x is string => typeof x === 'string') : [];
};

export const ollamaModelIds = (body: unknown): string[] => {
  const models = (body as { models?: unknown })?.models;
  return Array.isArray(models)
    ? models.map((m) => (m as { name?: unknown; model?: unknown })?.name ?? (m as { model?: unknown })?.model)
      .filter((x): x is string => typeof x === 'string')
    : [];
};

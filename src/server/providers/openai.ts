// OpenAI through the chat-completions API (`.chat`), which every OpenAI-shaped endpoint implements.
// The model list: OPENAI_MODELS when set; otherwise OpenAI's own /v1/models, filtered to models that chat
// completions can serve, so the picker does not age with a fixed list.
import { createOpenAI } from '@ai-sdk/openai';
import type { ModelInfo } from '../../shared/protocol';
import type { Config } from '../config';
import { fetchModelIds, openAiModelIds } from './modelList';
import { displayUrl, modelCache, toModels, trimSlash, type Provider } from './types';
import { upstreamFetch } from './upstreamFetch';

/** Shown first when OpenAI lists them, and the whole list when /v1/models cannot be read. */
export const OPENAI_DEFAULT_MODELS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini'];
export const OPENAI_MODELS_TTL_MS = 10 * 60_000;
/** A failed listing is tried again sooner than a good one is refreshed. */
export const OPENAI_MODELS_RETRY_MS = 15_000;

const TEXT_FAMILY = /^(gpt-|chatgpt-|o\d)/i;
// Not text generation (embeddings, speech, images, moderation, realtime/audio), or not served by chat
// completions (instruct/completions-only, search, computer use, codex, *-pro, deep research).
const NOT_CHAT = /embed|tts|whisper|transcribe|dall-e|image|moderation|audio|realtime|sora|instruct|search|computer-use|codex|deep-research|-pro\b|babbage|davinci/i;

/** The ids from OpenAI's /v1/models that make sense in a writing model picker: chat models only. */
export function chatModelIds(ids: readonly string[]): string[] {
  const chat = ids.filter((id) => TEXT_FAMILY.test(id) && !NOT_CHAT.test(id));
  const preferred = OPENAI_DEFAULT_MODELS.filter((id) => chat.includes(id));
  return [...preferred, ...chat.filter((id) => !preferred.includes(id)).sort((a, b) => a.localeCompare(b))];
}

interface Listing { models: ModelInfo[]; reason?: string }

export function openaiProvider(cfg: Config, now: () => number = Date.now): Provider {
  const key = cfg.OPENAI_API_KEY;
  const sdk = createOpenAI({ apiKey: key ?? 'unset', baseURL: cfg.OPENAI_BASE_URL, fetch: upstreamFetch });
  const base = { id: 'openai', kind: 'openai', label: 'OpenAI' } as const;
  const root = trimSlash(cfg.OPENAI_BASE_URL ?? 'https://api.openai.com/v1');
  const configured = cfg.OPENAI_MODELS ? toModels(cfg.OPENAI_MODELS) : undefined;
  let lastGood: ModelInfo[] | undefined;
  let cache: { at: number; ttl: number; value: Promise<Listing> } | undefined;

  const load = async (): Promise<{ listing: Listing; ok: boolean }> => {
    const r = await fetchModelIds({
      url: `${root}/models`, headers: { Authorization: `Bearer ${key}` }, timeoutMs: 3_000, pick: openAiModelIds,
    });
    const ids = r.ok ? chatModelIds(r.ids) : [];
    if (r.ok && ids.length) {
      lastGood = toModels(ids);
      return { listing: { models: lastGood }, ok: true };
    }
    // Still usable: the last list we read, else the built-in one; the reason says why it may be out of date.
    const why = r.ok ? 'lists no chat models' : r.reason;
    const hint = !r.ok && /HTTP 40[13]/.test(r.reason) ? ' (check OPENAI_API_KEY)' : '';
    return {
      ok: false,
      listing: {
        models: lastGood ?? toModels(OPENAI_DEFAULT_MODELS),
        reason: `${displayUrl(root)}/models ${why}${hint}; showing ${lastGood ? 'the last list it gave' : 'a built-in list'}`,
      },
    };
  };

  const listed = (): Promise<Listing> => {
    const t = now();
    if (!cache || t - cache.at > cache.ttl) {
      const entry = { at: t, ttl: OPENAI_MODELS_TTL_MS, value: undefined as unknown as Promise<Listing> };
      entry.value = load().then(({ listing, ok }) => {
        if (!ok) entry.ttl = OPENAI_MODELS_RETRY_MS;
        return listing;
      });
      cache = entry;
    }
    return cache.value;
  };

  return {
    ...base,
    async describe() {
      if (!key) return { ...base, available: false, reason: 'OPENAI_API_KEY is not set', models: [] };
      if (configured) return { ...base, available: true, models: configured };
      const { models, reason } = await listed();
      return reason ? { ...base, available: true, reason, models } : { ...base, available: true, models };
    },
    model: modelCache((id) => sdk.chat(id)),
  };
}

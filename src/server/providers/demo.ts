// The offline demo writer as an AI SDK language model, so it runs through the same doStream path (retries,
// timeouts, heartbeats, abort) as the real providers.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { ChatMessage } from '../../shared/protocol';
import type { Config } from '../config';
import { demoReply } from './demoWriter';
import type { Provider } from './types';

export const DEMO_LABEL = 'Demo writer (offline, no AI)';
export const DEMO_MODEL_ID = 'demo-writer';

function toChatMessages(prompt: LanguageModelV3CallOptions['prompt']): ChatMessage[] {
  return prompt.flatMap((m): ChatMessage[] => {
    if (m.role === 'system') return [{ role: 'system', content: m.content }];
    if (m.role === 'user' || m.role === 'assistant') {
      const text = m.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
      return [{ role: m.role, content: text }];
    }
    return [];
  });
}

/** Word-sized chunks (a word plus the whitespace after it) so the text streams like a model's. */
export const wordChunks = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

const estimateTokens = (chars: number) => Math.ceil(chars / 4);

export function demoModel(delayMs: number): LanguageModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'demo',
    modelId: DEMO_MODEL_ID,
    supportedUrls: {},
    async doGenerate() {
      throw new Error('The demo writer only streams.');
    },
    async doStream(options) {
      const messages = toChatMessages(options.prompt);
      let chunks = wordChunks(demoReply(messages));
      let finish: 'stop' | 'length' = 'stop';
      // Like a real model, stop at the output cap (about 4/3 tokens per word) and say so.
      const maxWords = options.maxOutputTokens ? Math.floor(options.maxOutputTokens * 0.75) : Infinity;
      if (chunks.length > maxWords) {
        chunks = chunks.slice(0, Math.max(1, maxWords));
        finish = 'length';
      }
      const inputTokens = estimateTokens(messages.reduce((n, m) => n + m.content.length, 0));
      const signal = options.abortSignal;
      let i = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(c) {
          c.enqueue({ type: 'stream-start', warnings: [] });
          c.enqueue({ type: 'response-metadata', id: 'demo', modelId: DEMO_MODEL_ID, timestamp: new Date(0) });
          c.enqueue({ type: 'text-start', id: '0' });
        },
        pull(c) {
          if (signal?.aborted) return c.error(signal.reason);
          if (i >= chunks.length) {
            c.enqueue({ type: 'text-end', id: '0' });
            c.enqueue({
              type: 'finish',
              finishReason: { unified: finish, raw: finish },
              usage: {
                inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: chunks.length, text: chunks.length, reasoning: 0 },
              },
            });
            return c.close();
          }
          const delta = chunks[i++];
          if (delayMs <= 0) return c.enqueue({ type: 'text-delta', id: '0', delta });
          return new Promise<void>((resolve) => {
            const onAbort = () => {
              clearTimeout(timer);
              c.error(signal?.reason);
              resolve();
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            timer = setTimeout(() => {
              signal?.removeEventListener('abort', onAbort);
              c.enqueue({ type: 'text-delta', id: '0', delta });
              resolve();
            }, delayMs);
          });
        },
        cancel() {
          clearTimeout(timer);
        },
      });
      return { stream };
    },
  };
}

export function demoProvider(cfg: Config): Provider {
  const base = { id: 'demo', kind: 'demo', label: DEMO_LABEL } as const;
  const model = demoModel(cfg.DEMO_DELAY_MS);
  return {
    ...base,
    describe: async () => ({ ...base, available: true, models: [{ id: DEMO_MODEL_ID, label: 'Placeholder prose' }] }),
    model: () => model,
  };
}

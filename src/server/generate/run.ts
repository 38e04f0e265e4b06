// One generation: streamText against the chosen model, with our own retry rule (transient failures, only
// before the first token), first-token and idle timeouts, and the client's abort passed upstream.
import { streamText, type LanguageModel } from 'ai';
import type { ChatMessage, Usage } from '../../shared/protocol';
import { mapUpstreamError, TimeoutError, type ErrorContext, type MappedError } from './upstreamError';

export type GenEvent =
  | { type: 'opened' }
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: string; usage: Usage }
  | { type: 'error'; error: MappedError };

export interface RunOptions {
  model: LanguageModel;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  retryBaseMs: number;
  maxRetries?: number;
  /** A Retry-After longer than this is handed to the client instead of waited out. */
  maxRetryWaitMs?: number;
  errorContext: ErrorContext;
  onRetry?: (attempt: number, error: MappedError) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const n = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

export async function* runGeneration(o: RunOptions): AsyncGenerator<GenEvent, void, undefined> {
  const maxRetries = o.maxRetries ?? 2;
  const maxWait = o.maxRetryWaitMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    if (o.signal.aborted) return;
    const ac = new AbortController();
    const onClientAbort = () => ac.abort(o.signal.reason);
    o.signal.addEventListener('abort', onClientAbort, { once: true });
    let timeout: TimeoutError | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (phase: 'first-token' | 'idle') => {
      clearTimeout(timer);
      const ms = phase === 'first-token' ? o.firstTokenTimeoutMs : o.idleTimeoutMs;
      timer = setTimeout(() => {
        timeout = new TimeoutError(phase, ms);
        ac.abort(timeout);
      }, ms);
    };
    let textSent = false;
    let opened = false;
    try {
      arm('first-token');
      const result = streamText({
        model: o.model,
        messages: o.messages,
        allowSystemInMessages: true,
        maxOutputTokens: o.maxOutputTokens,
        temperature: o.temperature,
        maxRetries: 0,
        abortSignal: ac.signal,
        // streamText's default onError prints the raw error to the console, and providers echo the API key in
        // their 401 text. Errors reach us through fullStream; nothing is printed here.
        onError: () => {},
        // Do not keep a copy of the request body (the whole prompt, often 100 KB+) for the stream's lifetime.
        experimental_include: { requestBody: false },
      });
      for await (const part of result.fullStream) {
        if (part.type === 'start-step' && !opened) {
          opened = true;
          yield { type: 'opened' };
        } else if (part.type === 'text-delta' && part.text) {
          textSent = true;
          arm('idle');
          yield { type: 'delta', text: part.text };
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'abort') {
          throw timeout ?? new Error('aborted');
        } else if (part.type === 'finish') {
          yield {
            type: 'done',
            finishReason: part.finishReason,
            usage: { inputTokens: n(part.totalUsage.inputTokens), outputTokens: n(part.totalUsage.outputTokens) },
          };
          return;
        }
      }
      // A stream that ends without a finish part was cut short.
      throw timeout ?? Object.assign(new Error('stream ended early'), { code: 'ECONNRESET' });
    } catch (e) {
      if (o.signal.aborted) return;
      const err = mapUpstreamError(timeout ?? e, o.errorContext, textSent);
      const wait = Math.max(o.retryBaseMs * 2 ** attempt, err.retryAfterMs ?? 0);
      if (!textSent && err.transient && attempt < maxRetries && wait <= maxWait) {
        o.onRetry?.(attempt + 1, err);
        await sleep(wait, o.signal);
        continue;
      }
      yield { type: 'error', error: err };
      return;
    } finally {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onClientAbort);
      ac.abort();
    }
  }
}

// One generation: the provider model's own doStream() (the AI SDK provider packages parse the wire format), with
// our own retry rule (transient failures, only before the first token), first-token and idle timeouts, and the
// client's abort passed upstream. streamText is not used: its step/telemetry machinery put ~28 web streams and
// several copies of every part between the provider and the client, which was most of the proxy's per-request
// CPU and memory; we only need text deltas, the finish reason and usage.
import type { LanguageModelV3, LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { ChatMessage, Usage } from '../../shared/protocol';
import { mapUpstreamError, TimeoutError, type ErrorContext, type MappedError } from './upstreamError';

export type GenEvent =
  | { type: 'opened' }
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: string; usage: Usage }
  | { type: 'error'; error: MappedError };

export interface RunOptions {
  model: LanguageModelV3;
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

const FINISHED = Object.assign(new Error('generation finished'), { name: 'AbortError' });

const n = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Our chat messages as the provider interface's prompt (system messages may appear anywhere, as before). */
export function toPrompt(messages: readonly ChatMessage[]): LanguageModelV3Prompt {
  return messages.map((m) => m.role === 'system'
    ? { role: 'system', content: m.content }
    : { role: m.role, content: [{ type: 'text', text: m.content }] });
}

export async function* runGeneration(o: RunOptions): AsyncGenerator<GenEvent, void, undefined> {
  const maxRetries = o.maxRetries ?? 2;
  const maxWait = o.maxRetryWaitMs ?? 10_000;
  const prompt = toPrompt(o.messages);
  let opened = false;
  for (let attempt = 0; ; attempt++) {
    if (o.signal.aborted) return;
    const ac = new AbortController();
    const onClientAbort = () => ac.abort(o.signal.reason);
    o.signal.addEventListener('abort', onClientAbort, { once: true });
    let timeout: TimeoutError | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One timer per attempt. Each delta only records the time; when the timer fires it re-arms for what is left
    // if text came since (clearing and setting a timer per delta was a visible share of the proxy's CPU).
    let phase: 'first-token' | 'idle' = 'first-token';
    let lastText = 0;
    const fire = () => {
      const ms = phase === 'first-token' ? o.firstTokenTimeoutMs : o.idleTimeoutMs;
      const left = phase === 'idle' ? lastText + ms - Date.now() : 0;
      if (left > 0) {
        timer = setTimeout(fire, left);
        return;
      }
      timeout = new TimeoutError(phase, ms);
      ac.abort(timeout);
    };
    const onText = () => {
      lastText = Date.now();
      if (phase === 'first-token') {
        phase = 'idle';
        clearTimeout(timer);
        timer = setTimeout(fire, o.idleTimeoutMs);
      }
    };
    let textSent = false;
    let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart> | undefined;
    try {
      timer = setTimeout(fire, o.firstTokenTimeoutMs);
      const { stream } = await o.model.doStream({
        prompt,
        maxOutputTokens: o.maxOutputTokens,
        temperature: o.temperature,
        abortSignal: ac.signal,
      });
      // The upstream answered with a stream: the route may commit to a 200.
      if (!opened) {
        opened = true;
        yield { type: 'opened' };
      }
      reader = stream.getReader();
      for (;;) {
        const { done, value: part } = await reader.read();
        if (done) break;
        if (part.type === 'text-delta') {
          if (!part.delta) continue;
          textSent = true;
          onText();
          yield { type: 'delta', text: part.delta };
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'finish') {
          yield {
            type: 'done',
            finishReason: part.finishReason.unified,
            usage: { inputTokens: n(part.usage.inputTokens.total), outputTokens: n(part.usage.outputTokens.total) },
          };
          return;
        }
      }
      if (ac.signal.aborted) throw timeout ?? new Error('aborted');
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
      // A ready-made reason: abort() without one builds a DOMException (and its stack) on every request.
      ac.abort(FINISHED);
      // Release the provider's stream chain (and with it the upstream body) at once, whatever ended the loop.
      reader?.cancel().catch(() => {});
    }
  }
}

// One generation: the provider model's own doStream() (the AI SDK provider packages parse the wire format), with
// our own retry rule (transient failures, only before the first token), first-token and idle timeouts, and the
// client's abort passed upstream. streamText is not used: its step/telemetry machinery put ~28 web streams and
// several copies of every part between the provider and the client, which was most of the proxy's per-request
// CPU and memory; we only need text deltas, the finish reason and usage.
//
// Events go to a callback, synchronously as each part is read (an async generator added a promise round trip per
// delta and kept its own frame per stream). Timeouts are checked by the server's shared ticker (tick()), so an
// open stream owns no timer.
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
  maxOutputTokens?: number;
  temperature?: number;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  retryBaseMs: number;
  maxRetries?: number;
  /** A Retry-After longer than this is handed to the client instead of waited out. */
  maxRetryWaitMs?: number;
  errorContext: ErrorContext;
  onRetry?: (attempt: number, error: MappedError) => void;
}

// Ready-made reasons: abort() without one builds a DOMException (and its stack) on every request.
const FINISHED = Object.assign(new Error('generation finished'), { name: 'AbortError' });
const CANCELLED = Object.assign(new Error('client disconnected'), { name: 'AbortError' });

const n = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Our chat messages as the provider interface's prompt (system messages may appear anywhere, as before). */
export function toPrompt(messages: readonly ChatMessage[]): LanguageModelV3Prompt {
  return messages.map((m) => m.role === 'system'
    ? { role: 'system', content: m.content }
    : { role: m.role, content: [{ type: 'text', text: m.content }] });
}

const OPENED: GenEvent = { type: 'opened' };

export class Generation {
  /** The current attempt's controller; its signal is what the provider's fetch listens to. */
  private ac: AbortController | undefined;
  private timeout: TimeoutError | undefined;
  /** Set when the client went away: no further events, no retries. */
  private cancelled = false;
  private wakeFromSleep: (() => void) | undefined;
  /** Before the first text the attempt's start, after it the last text: what the timeout counts from. */
  private since = 0;
  private textSent = false;
  /** Kept for retries, which happen only before the first text. */
  private prompt: LanguageModelV3Prompt | undefined;

  constructor(messages: readonly ChatMessage[], private readonly o: RunOptions, private readonly emit: (ev: GenEvent) => void) {
    this.prompt = toPrompt(messages);
  }

  /** The client went away: abort the upstream request now; run() then ends without another event. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.ac?.abort(CANCELLED);
    this.wakeFromSleep?.();
  }

  /** Called by the shared ticker: ends the attempt when the first token or the next text is overdue. */
  tick(now: number): void {
    const ac = this.ac;
    if (!ac || ac.signal.aborted) return;
    const ms = this.textSent ? this.o.idleTimeoutMs : this.o.firstTokenTimeoutMs;
    if (now - this.since >= ms) {
      this.timeout = new TimeoutError(this.textSent ? 'idle' : 'first-token', ms);
      ac.abort(this.timeout);
    }
  }

  /** Runs to the end: the last event is `done` or `error`, or none at all when cancelled. */
  async run(): Promise<void> {
    const o = this.o;
    const maxRetries = o.maxRetries ?? 2;
    const maxWait = o.maxRetryWaitMs ?? 10_000;
    let opened = false;
    for (let attempt = 0; ; attempt++) {
      if (this.cancelled) return;
      const ac = new AbortController();
      this.ac = ac;
      this.timeout = undefined;
      this.since = Date.now();
      let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart> | undefined;
      try {
        const { stream } = await o.model.doStream({
          prompt: this.prompt!,
          maxOutputTokens: o.maxOutputTokens,
          temperature: o.temperature,
          abortSignal: ac.signal,
        });
        // The upstream answered with a stream: the route may commit to a 200.
        if (!opened) {
          opened = true;
          this.emit(OPENED);
        }
        reader = stream.getReader();
        for (;;) {
          const { done, value: part } = await reader.read();
          if (done) break;
          if (part.type === 'text-delta') {
            if (!part.delta) continue;
            if (!this.textSent) {
              this.textSent = true;
              // Never retried from here on, so the prompt need not stay with us for the rest of the stream.
              this.prompt = undefined;
            }
            this.since = Date.now();
            this.emit({ type: 'delta', text: part.delta });
          } else if (part.type === 'error') {
            throw part.error;
          } else if (part.type === 'finish') {
            this.emit({
              type: 'done',
              finishReason: part.finishReason.unified,
              usage: { inputTokens: n(part.usage.inputTokens.total), outputTokens: n(part.usage.outputTokens.total) },
            });
            return;
          }
        }
        if (ac.signal.aborted) throw this.timeout ?? new Error('aborted');
        // A stream that ends without a finish part was cut short.
        throw this.timeout ?? Object.assign(new Error('stream ended early'), { code: 'ECONNRESET' });
      } catch (e) {
        if (this.cancelled) return;
        const err = mapUpstreamError(this.timeout ?? e, o.errorContext, this.textSent);
        const wait = Math.max(o.retryBaseMs * 2 ** attempt, err.retryAfterMs ?? 0);
        if (!this.textSent && err.transient && attempt < maxRetries && wait <= maxWait) {
          o.onRetry?.(attempt + 1, err);
          await this.sleep(wait);
          continue;
        }
        this.emit({ type: 'error', error: err });
        return;
      } finally {
        this.ac = undefined;
        ac.abort(FINISHED);
        // Release the provider's stream chain (and with it the upstream body) at once, whatever ended the loop.
        reader?.cancel().catch(() => {});
      }
    }
  }

  /** Waits before a retry; a cancel ends the wait at once. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakeFromSleep = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakeFromSleep = done;
    });
  }
}

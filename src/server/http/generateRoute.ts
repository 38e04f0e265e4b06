// POST /api/generate: validate, pick the model, then stream. The HTTP status is held back until the upstream
// answers (or a heartbeat interval passes), so fast upstream failures still get a proper status (429 with
// Retry-After, 502…) and only failures after that become `error` events.
import type { ServerResponse } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { generateRequestSchema, LIMITS, type GenerateRequest } from '../../shared/protocol';
import type { Config } from '../config';
import { Generation, type GenEvent } from '../generate/run';
import type { Ticker } from '../generate/ticker';
import type { Logger } from '../log';
import type { Registry } from '../providers/registry';
import { readJson } from './body';
import { errorJson, HttpError } from './errors';
import type { RateLimiter, StreamSlots } from './limits';
import { nodeOf } from './node';
import { SSE_HEADERS, sseDelta, sseEvent, sseHeartbeat } from './sse';

export interface GenerateDeps {
  cfg: Config;
  log: Logger;
  registry: Registry;
  limiter: RateLimiter;
  slots: StreamSlots;
  /** Checks every open stream's timeouts and heartbeat. */
  ticker: Ticker;
}

const KEY_VARS: Record<string, string> = {
  openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', 'openai-compatible': 'LLM_API_KEY',
};

function clientId(c: Context): string {
  const node = nodeOf(c);
  if (node) return node.incoming.socket?.remoteAddress ?? 'unknown';
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function resolveModel(deps: GenerateDeps, req: GenerateRequest) {
  const provider = deps.registry.get(req.provider);
  if (!provider) throw new HttpError(404, 'unknown_provider', `There is no provider "${req.provider.slice(0, 64)}".`);
  const info = await provider.describe();
  if (!info.available) throw new HttpError(503, 'provider_unavailable', `${info.label} is unavailable: ${info.reason ?? 'not configured'}.`);
  if (!info.models.some((m) => m.id === req.model)) {
    throw new HttpError(404, 'unknown_model', `${info.label} does not offer the model "${req.model.slice(0, 128)}".`);
  }
  return { provider, label: info.label };
}

export function generateHandler(deps: GenerateDeps) {
  const { cfg, log } = deps;
  return async (c: Context) => {
    const wait = deps.limiter.take(clientId(c));
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', `Too many requests; try again in ${wait} s.`, { 'Retry-After': String(wait) });
    }
    const req = await readJson(c, generateRequestSchema, LIMITS.maxBodyBytes);
    const { provider, label } = await resolveModel(deps, req);
    const release = deps.slots.acquire();
    if (!release) {
      throw new HttpError(429, 'too_many_streams',
        `${deps.slots.max} generations are already running; wait for one to finish.`, { 'Retry-After': '2' });
    }
    // Closures below capture only these strings, not `req`: a closure would keep the whole prompt alive for as
    // long as the stream runs.
    const providerId = req.provider;
    const relay = new Relay(c, deps, providerId, req.model, release);
    const gen = new Generation(req.messages, {
      model: provider.model(req.model),
      maxOutputTokens: req.maxOutputTokens,
      temperature: req.temperature,
      firstTokenTimeoutMs: cfg.FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: cfg.IDLE_TIMEOUT_MS,
      retryBaseMs: cfg.RETRY_BASE_MS,
      errorContext: { label, keyVar: KEY_VARS[req.provider], model: req.model, secrets: cfg.secrets },
      onRetry: (attempt, e) => log.info('generate retry', { provider: providerId, attempt, code: e.code }),
    }, relay.onEvent);
    const answer = await relay.start(gen);
    if (answer.kind === 'stream') return answer.response;
    if (answer.kind === 'aborted') return errorJson(c, 400, 'aborted', 'The request was cancelled.');
    const e = answer.error;
    return errorJson(c, e.status, e.code, e.message, e.retryAfterSec ? { 'Retry-After': String(e.retryAfterSec) } : {});
  };
}

type Answer =
  | { kind: 'stream'; response: Response }
  | { kind: 'aborted' }
  | { kind: 'error'; error: Extract<GenEvent, { type: 'error' }>['error'] };

/** Where the frames go: Node's ServerResponse, or (outside Node, e.g. app.request() in tests) a web stream. */
interface Out {
  write(text: string): void;
  end(text: string): void;
}

/** One request's stream, from the decision (commit or a JSON error) to the end of the SSE body. One object per
 *  request rather than a closure per step: with a thousand streams open, what each one holds is the proxy's
 *  memory. */
class Relay {
  private gen!: Generation;
  private phase: 'waiting' | 'streaming' | 'answered' = 'waiting';
  private decide: ((a: Answer) => void) | undefined;
  private fail: ((e: unknown) => void) | undefined;
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private stopTicking: (() => void) | undefined;
  private readonly started = Date.now();
  private readonly node: ServerResponse | undefined;
  /** Outside Node: the request's abort signal, which says the client went away. */
  private readonly signal: AbortSignal | undefined;
  private out: Out | undefined;
  private response: Response = RESPONSE_ALREADY_SENT;
  /** The client went away. */
  private gone = false;
  /** Frames not yet written: frames that arrive in one burst leave as one socket write. */
  private pending = '';
  private flushQueued = false;
  /** When the last frames left (ms), for FLUSH_EVERY_MS. */
  private lastFlush = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private textSent = false;
  private lastWrite = 0;
  private outChars = 0;
  private outcome = 'done';
  private errorCode: string | undefined;

  // The context is not kept: a stream lives long, and the context holds the whole request.
  constructor(c: Context, private readonly deps: GenerateDeps, private readonly provider: string,
    private readonly model: string, private readonly release: () => void) {
    this.node = nodeOf(c)?.outgoing;
    if (!this.node) this.signal = c.req.raw.signal;
  }

  start(gen: Generation): Promise<Answer> {
    this.gen = gen;
    const answer = new Promise<Answer>((resolve, reject) => {
      this.decide = resolve;
      this.fail = reject;
    });
    this.commitTimer = setTimeout(this.commitByTimer, this.deps.cfg.HEARTBEAT_MS);
    this.stopTicking = this.deps.ticker.add(this.tick);
    // The client going away before the response is complete stops the upstream request. Under Node this listens
    // on the response directly (cheaper than materialising c.req.raw.signal).
    if (this.node) this.node.once('close', this.onClose);
    else this.signal!.addEventListener('abort', this.onClientGone, { once: true });
    gen.run().then(this.onRunEnd, this.onRunFailed);
    return answer;
  }

  /** Every event of the generation, synchronously as the provider's stream yields it. */
  readonly onEvent = (ev: GenEvent): void => {
    if (this.phase === 'waiting') {
      if (ev.type === 'error') return this.answer({ kind: 'error', error: ev.error });
      this.commit();
    }
    if (this.phase !== 'streaming') return;
    if (ev.type === 'delta') {
      this.outChars += ev.text.length;
      this.write(sseDelta(ev.text));
      // The first text leaves at once (with the headers); later ones are joined per burst.
      if (!this.textSent) {
        this.textSent = true;
        this.flush();
      }
    } else if (ev.type === 'done') {
      this.write(sseEvent('done', { finishReason: ev.finishReason, usage: ev.usage }));
    } else if (ev.type === 'error') {
      const { code, message, retryable } = ev.error;
      this.outcome = `error:${code}`;
      this.write(sseEvent('error', { code, message, retryable }));
    }
  };

  private answer(a: Answer): void {
    if (this.phase !== 'waiting') return;
    this.phase = 'answered';
    clearTimeout(this.commitTimer);
    if (a.kind === 'error') this.errorCode = a.error.code;
    this.decide!(a);
  }

  /** The upstream answered (or a heartbeat interval passed): a 200 with an event stream from here on. */
  private commit(): void {
    this.phase = 'streaming';
    clearTimeout(this.commitTimer);
    this.out = this.node ? this.nodeOut(this.node) : this.webOut();
    // The first heartbeat is due one interval from now.
    this.lastWrite = Date.now();
    // The first flush also sends the headers if nothing has been written by then.
    this.queueFlush();
    this.decide!({ kind: 'stream', response: this.response });
  }

  private readonly commitByTimer = (): void => {
    if (this.phase !== 'waiting') return;
    this.commit();
    this.write(sseHeartbeat());
  };

  private readonly tick = (now: number): void => {
    this.gen.tick(now);
    if (this.phase === 'streaming' && now - this.lastWrite >= this.deps.cfg.HEARTBEAT_MS - 5) this.write(sseHeartbeat());
  };

  private readonly onClose = (): void => {
    if (!this.node!.writableFinished) this.onClientGone();
  };

  private readonly onClientGone = (): void => {
    // Stop the upstream request now.
    this.gone = true;
    this.ended = true;
    this.gen.cancel();
  };

  private readonly onRunEnd = (): void => {
    if (this.phase === 'waiting') {
      // Ended without a word: the client went away first.
      this.answer({ kind: 'aborted' });
      this.finish('aborted');
    } else if (this.phase === 'answered') {
      this.finish('error', { code: this.errorCode! });
    } else {
      this.end();
    }
  };

  private readonly onRunFailed = (e: unknown): void => {
    this.deps.log.error('stream failed', { name: (e as Error)?.name });
    if (this.phase === 'waiting') {
      // Before anything was sent: the error handler's 500.
      this.phase = 'answered';
      clearTimeout(this.commitTimer);
      this.finish('internal');
      this.fail!(e);
      return;
    }
    if (this.phase === 'streaming') {
      this.outcome = 'internal';
      this.write(sseEvent('error', { code: 'internal', message: 'The proxy failed while streaming.', retryable: true }));
      this.end();
    }
  };

  private end(): void {
    const text = this.pending;
    this.pending = '';
    if (!this.ended) {
      this.ended = true;
      this.out!.end(text);
    }
    this.finish(this.gone ? 'aborted' : this.outcome, { outChars: this.outChars });
  }

  private finish(outcome: string, fields: Record<string, number | string> = {}): void {
    this.stopTicking?.();
    clearTimeout(this.flushTimer);
    this.node?.off('close', this.onClose);
    this.signal?.removeEventListener('abort', this.onClientGone);
    this.release();
    this.deps.log.info('generate', { provider: this.provider, model: this.model, outcome, ms: Date.now() - this.started, ...fields });
  }

  private write(frame: string): void {
    if (this.ended) return;
    this.lastWrite = Date.now();
    this.pending += frame;
    this.queueFlush();
  }

  /** setImmediate runs as soon as the current burst (often many upstream chunks from one network read) has been
   *  processed, so a stream at a model's usual pace waits on no timer. A faster one is paced (FLUSH_EVERY_MS). */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const wait = this.lastFlush + FLUSH_EVERY_MS - Date.now();
    if (wait > 0) this.flushTimer = setTimeout(this.flushQueuedFrames, wait);
    else setImmediate(this.flushQueuedFrames);
  }

  private readonly flushQueuedFrames = (): void => {
    this.flushQueued = false;
    this.flushTimer = undefined;
    this.flush();
  };

  private flush(): void {
    if (this.ended) return;
    const text = this.pending;
    this.pending = '';
    this.lastFlush = Date.now();
    this.out!.write(text);
  }

  /** Frames go straight to the ServerResponse — no web-stream layer — and the response headers leave with the
   *  first write (and the last burst with the end of the response), so a short answer is one or two socket
   *  writes. */
  private nodeOut(res: ServerResponse): Out {
    res.writeHead(200, SSE_NODE_HEADERS);
    let sent = false;
    return {
      write: (text) => {
        if (res.destroyed) return;
        if (text) res.write(text);
        // Committed with nothing to say yet (the upstream answered, its text has not come): the client still
        // gets its 200 now.
        else if (!sent) res.flushHeaders();
        sent = true;
      },
      end: (text) => { if (!res.destroyed) res.end(text || undefined); },
    };
  }

  private webOut(): Out {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => { controller = ctl; },
      cancel: () => this.onClientGone(),
    });
    this.response = new Response(body, { status: 200, headers: SSE_HEADERS });
    return {
      write: (text) => { if (text) controller.enqueue(enc.encode(text)); },
      end: (text) => {
        if (text) controller.enqueue(enc.encode(text));
        controller.close();
      },
    };
  }
}

// Frames leave at most this often once text flows (the first text leaves at once). Every socket write becomes a
// task on the page's main thread when it arrives, and the page renders streamed text once per frame at most: three
// streams at ~1,000 tokens/s were 750 writes a second, and those tasks took 1.8 s of the page's main thread in 10 s
// of typing beside them (the streaming bench, traced). A model at its usual pace (a token every 20 ms or more) is
// never held back.
const FLUSH_EVERY_MS = 16;

const enc = new TextEncoder();
const SSE_NODE_HEADERS = { ...SSE_HEADERS, 'X-Content-Type-Options': 'nosniff' };

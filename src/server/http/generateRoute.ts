// POST /api/generate: validate, pick the model, then stream. The HTTP status is held back until the upstream
// answers (or a heartbeat interval passes), so fast upstream failures still get a proper status (429 with
// Retry-After, 502…) and only failures after that become `error` events.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { generateRequestSchema, LIMITS, type GenerateRequest } from '../../shared/protocol';
import type { Config } from '../config';
import { runGeneration, type GenEvent } from '../generate/run';
import type { Logger } from '../log';
import type { Registry } from '../providers/registry';
import { readJson } from './body';
import { errorJson, HttpError } from './errors';
import type { RateLimiter, StreamSlots } from './limits';
import { SSE_HEADERS, sseEvent, sseHeartbeat } from './sse';

export interface GenerateDeps {
  cfg: Config;
  log: Logger;
  registry: Registry;
  limiter: RateLimiter;
  slots: StreamSlots;
}

const KEY_VARS: Record<string, string> = {
  openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', 'openai-compatible': 'LLM_API_KEY',
};

function clientId(c: Context): string {
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

const COMMIT = Symbol('commit');

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
    const started = Date.now();
    const ac = new AbortController();
    const onClientGone = () => ac.abort(new Error('client disconnected'));
    const stopWatching = watchClient(c, onClientGone);
    const finish = (outcome: string, fields: Record<string, number | string> = {}) => {
      stopWatching();
      release();
      log.info('generate', { provider: req.provider, model: req.model, outcome, ms: Date.now() - started, ...fields });
    };

    const gen = runGeneration({
      model: provider.model(req.model),
      messages: req.messages,
      maxOutputTokens: req.maxOutputTokens,
      temperature: req.temperature,
      signal: ac.signal,
      firstTokenTimeoutMs: cfg.FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: cfg.IDLE_TIMEOUT_MS,
      retryBaseMs: cfg.RETRY_BASE_MS,
      errorContext: { label, keyVar: KEY_VARS[req.provider], model: req.model, secrets: cfg.secrets },
      onRetry: (attempt, e) => log.info('generate retry', { provider: req.provider, attempt, code: e.code }),
    });

    let pending = gen.next();
    let commitTimer: ReturnType<typeof setTimeout> | undefined;
    const first = await Promise.race([
      pending,
      new Promise<typeof COMMIT>((r) => { commitTimer = setTimeout(() => r(COMMIT), cfg.HEARTBEAT_MS); }),
    ]);
    clearTimeout(commitTimer);

    if (first !== COMMIT) {
      if (first.done) {
        finish('aborted');
        return errorJson(c, 400, 'aborted', 'The request was cancelled.');
      }
      if (first.value.type === 'error') {
        const e = first.value.error;
        finish('error', { code: e.code });
        return errorJson(c, e.status, e.code, e.message, e.retryAfterSec ? { 'Retry-After': String(e.retryAfterSec) } : {});
      }
    }

    let outChars = 0;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let lastWrite = 0;
    const sink = openSink(c, () => {
      // The client went away: stop the upstream request now.
      clearInterval(heartbeat);
      ac.abort(new Error('client disconnected'));
      void gen.return(undefined);
    });
    const write = (frame: string) => {
      lastWrite = Date.now();
      sink.write(frame);
    };
    const emit = (ev: GenEvent) => {
      if (ev.type === 'delta') {
        outChars += ev.text.length;
        write(sseEvent('delta', { text: ev.text }));
      } else if (ev.type === 'done') {
        write(sseEvent('done', { finishReason: ev.finishReason, usage: ev.usage }));
      } else if (ev.type === 'error') {
        const { code, message, retryable } = ev.error;
        write(sseEvent('error', { code, message, retryable }));
      }
    };
    heartbeat = setInterval(() => {
      if (Date.now() - lastWrite >= cfg.HEARTBEAT_MS - 5) write(sseHeartbeat());
    }, cfg.HEARTBEAT_MS);
    if (first === COMMIT) write(sseHeartbeat());
    else if (first.value) emit(first.value);
    void (async () => {
      let outcome = 'done';
      try {
        if (first !== COMMIT) pending = gen.next();
        for (let r = await pending; !r.done; r = await gen.next()) {
          emit(r.value);
          if (r.value.type === 'error') outcome = `error:${r.value.error.code}`;
        }
      } catch (e) {
        outcome = 'internal';
        log.error('stream failed', { name: (e as Error)?.name });
        write(sseEvent('error', { code: 'internal', message: 'The proxy failed while streaming.', retryable: true }));
      } finally {
        if (ac.signal.aborted) outcome = 'aborted';
        clearInterval(heartbeat);
        sink.end();
        finish(outcome, { outChars });
      }
    })();
    return sink.response;
  };
}

interface NodeBindings { incoming?: IncomingMessage; outgoing?: ServerResponse }
const nodeOf = (c: Context): Required<NodeBindings> | undefined => {
  const env = c.env as NodeBindings | undefined;
  return env?.incoming && env.outgoing && typeof env.outgoing.writeHead === 'function'
    ? { incoming: env.incoming, outgoing: env.outgoing } : undefined;
};

/** Calls onGone when the client disconnects before the response is complete; returns an unsubscribe. Under Node
 *  it listens on the socket directly (cheaper than materialising c.req.raw.signal). */
function watchClient(c: Context, onGone: () => void): () => void {
  const node = nodeOf(c);
  if (node) {
    const onClose = () => { if (!node.outgoing.writableFinished) onGone(); };
    node.outgoing.once('close', onClose);
    return () => node.outgoing.off('close', onClose);
  }
  const signal = c.req.raw.signal;
  signal.addEventListener('abort', onGone, { once: true });
  return () => signal.removeEventListener('abort', onGone);
}

interface Sink {
  write(frame: string): void;
  end(): void;
  response: Response;
}

const enc = new TextEncoder();

/** Where SSE frames go. Frames that arrive in one burst (a network read often holds many upstream chunks) leave
 *  as one write: setImmediate runs as soon as the burst has been processed, so nothing waits on a timer.
 *  Under Node the frames go straight to the ServerResponse — no web-stream layer — and the response headers
 *  leave with the first burst (and the last burst with the end of the response), so a short answer is one
 *  socket write instead of three. */
function openSink(c: Context, onCancel: () => void): Sink {
  let pending = '';
  let scheduled = false;
  let ended = false;
  let out: (text: string) => void;
  let finish: (text: string) => void;
  let response: Response;
  const node = nodeOf(c);
  if (node) {
    const res = node.outgoing;
    res.writeHead(200, { ...SSE_HEADERS, 'X-Content-Type-Options': 'nosniff' });
    res.once('close', () => { if (!res.writableFinished) { ended = true; onCancel(); } });
    out = (text) => {
      if (res.destroyed) return;
      if (text) res.write(text);
      // Committed with nothing to say yet (waiting for the first token): the client still gets its 200 now.
      else if (!res.headersSent) res.flushHeaders();
    };
    finish = (text) => { if (!res.destroyed) res.end(text || undefined); };
    response = RESPONSE_ALREADY_SENT;
  } else {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(ctl) { controller = ctl; },
      cancel() { ended = true; onCancel(); },
    });
    out = (text) => { if (text) controller.enqueue(enc.encode(text)); };
    finish = (text) => {
      if (text) controller.enqueue(enc.encode(text));
      controller.close();
    };
    response = new Response(body, { status: 200, headers: SSE_HEADERS });
  }
  const flush = () => {
    scheduled = false;
    if (ended) return;
    const text = pending;
    pending = '';
    out(text);
  };
  // The first flush also sends the headers if nothing has been written by then.
  scheduled = true;
  setImmediate(flush);
  return {
    response,
    write(frame) {
      if (ended) return;
      pending += frame;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    end() {
      if (ended) return;
      ended = true;
      const text = pending;
      pending = '';
      finish(text);
    },
  };
}

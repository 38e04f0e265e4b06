// The browser side of POST /api/generate: sends a request, parses the SSE stream, hands each delta to the
// caller as it arrives, and turns every failure into one GenerateError that carries the text streamed so far
// (a failed generation must never lose what already arrived).
// Only types come from protocol.ts: its zod schemas would put zod (~360 KB) in the page's entry chunk, so the
// three small SSE event shapes are checked by hand below (the server still validates requests with zod).
import type { DeltaEvent, DoneEvent, GenerateRequest, StreamErrorEvent } from './protocol';

export class GenerateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /** Text received before the failure; callers keep it. */
    readonly partialText: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GenerateError';
  }
}

export interface StreamOptions {
  signal?: AbortSignal;
  onDelta?: (text: string, soFar: string) => void;
  /** Base URL of the proxy; same origin by default. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

export interface StreamResult extends DoneEvent {
  text: string;
}

const TOKEN_KEY = 'longhand.token';

/** Bearer token for non-loopback deployments: from the page URL's #token=… (then stored) or from storage. */
export function authToken(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) {
    try { window.localStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1])); } catch { /* storage off */ }
    return decodeURIComponent(m[1]);
  }
  try { return window.localStorage.getItem(TOKEN_KEY) ?? undefined; } catch { return undefined; }
}

export function authHeaders(): Record<string, string> {
  const t = authToken();
  return t ? { authorization: `Bearer ${t}` } : {};
}

async function errorFromResponse(res: Response): Promise<GenerateError> {
  let code = `http_${res.status}`;
  let message = `The proxy answered ${res.status}.`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch { /* non-JSON body: keep the generic message */ }
  const ra = Number(res.headers.get('retry-after'));
  const retryable = res.status === 429 || res.status >= 500;
  return new GenerateError(code, message, retryable, '', res.status, Number.isFinite(ra) && ra > 0 ? ra : undefined);
}

function malformed(event: string): Error {
  return new Error(`malformed ${event} event from the server`);
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same checks as protocol.ts's deltaEventSchema / doneEventSchema / streamErrorEventSchema, without zod. */
export function parseDeltaEvent(v: unknown): DeltaEvent {
  if (!isObj(v) || typeof v.text !== 'string') throw malformed('delta');
  return { text: v.text };
}
export function parseDoneEvent(v: unknown): DoneEvent {
  const u = isObj(v) ? v.usage : undefined;
  if (!isObj(v) || typeof v.finishReason !== 'string' || !isObj(u) ||
    typeof u.inputTokens !== 'number' || typeof u.outputTokens !== 'number') throw malformed('done');
  return { finishReason: v.finishReason, usage: { inputTokens: u.inputTokens, outputTokens: u.outputTokens } };
}
export function parseStreamErrorEvent(v: unknown): StreamErrorEvent {
  if (!isObj(v) || typeof v.code !== 'string' || typeof v.message !== 'string' || typeof v.retryable !== 'boolean') {
    throw malformed('error');
  }
  return { code: v.code, message: v.message, retryable: v.retryable };
}

export interface SseEvent { event: string; data: string }

/**
 * Incremental SSE parser: each character is looked at once. A chunk's complete lines are consumed as they arrive
 * (only an unfinished last line is kept), so a long stream of tiny chunks never re-scans what came before.
 * Lines end with LF, CRLF or a lone CR (a CR at the end of a chunk may be the first half of a CRLF split across
 * two chunks); an empty line ends an event; comment lines (heartbeats) are skipped.
 */
export function createSseParser() {
  let partial = '';      // the unfinished last line
  let skipLf = false;    // the previous chunk ended on CR: a leading LF belongs to it
  let event = '';
  let data: string[] = [];
  const line = (l: string, out: SseEvent[]) => {
    if (l === '') {
      if (data.length) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (l.charCodeAt(0) === 58 /* : */) return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return {
    /** Feeds decoded text; returns the events it completed, in order. */
    push(chunk: string): SseEvent[] {
      const out: SseEvent[] = [];
      let i = 0;
      if (skipLf && chunk.charCodeAt(0) === 10) i = 1;
      skipLf = false;
      let from = i;
      for (; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        const l = partial ? partial + chunk.slice(from, i) : chunk.slice(from, i);
        partial = '';
        line(l, out);
        if (c === 13) {
          if (i + 1 < chunk.length) { if (chunk.charCodeAt(i + 1) === 10) i++; } else skipLf = true;
        }
        from = i + 1;
      }
      if (from < chunk.length) partial += chunk.slice(from);
      return out;
    },
  };
}

/** The events of an SSE byte stream, one array per network read (so a caller can coalesce within a read). */
export async function* readSseBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder(); // streaming decode: a multi-byte character may span two chunks
  const parser = createSseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const events = parser.push(decoder.decode(value, { stream: true }));
      if (events.length) yield events;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Splits an SSE byte stream into (event, data) pairs; comment lines (heartbeats) are skipped. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  for await (const batch of readSseBatches(body)) yield* batch;
}

export async function streamGenerate(req: GenerateRequest, opts: StreamOptions = {}): Promise<StreamResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  let text = '';
  let res: Response;
  try {
    res = await doFetch(`${opts.baseUrl ?? ''}/api/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify(req),
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw new GenerateError('aborted', 'Stopped.', false, '');
    throw new GenerateError('network', `Could not reach the Longhand server: ${(e as Error).message}`, true, '');
  }
  if (!res.ok || !res.body) throw await errorFromResponse(res);
  try {
    // One onDelta per network read: a fast stream delivers many tiny deltas per read, and every callback
    // downstream (loop check, renderer, counts) would otherwise run once per delta.
    for await (const batch of readSseBatches(res.body)) {
      let added = '';
      const emit = () => {
        if (!added) return;
        text += added;
        const d = added;
        added = '';
        opts.onDelta?.(d, text);
      };
      try {
        for (const ev of batch) {
          if (ev.event === 'delta') {
            added += parseDeltaEvent(JSON.parse(ev.data)).text;
          } else if (ev.event === 'done') {
            emit();
            return { ...parseDoneEvent(JSON.parse(ev.data)), text };
          } else if (ev.event === 'error') {
            emit();
            const e = parseStreamErrorEvent(JSON.parse(ev.data));
            throw new GenerateError(e.code, e.message, e.retryable, text);
          }
        }
      } catch (e) {
        // A malformed event mid-read: the deltas before it in the same read stay part of the partial text.
        text += added;
        throw e;
      }
      emit();
    }
  } catch (e) {
    if (e instanceof GenerateError) throw e;
    if (opts.signal?.aborted) throw new GenerateError('aborted', 'Stopped.', false, text);
    throw new GenerateError('connection_lost', `The connection to the server was lost: ${(e as Error).message}`, true, text);
  }
  if (opts.signal?.aborted) throw new GenerateError('aborted', 'Stopped.', false, text);
  throw new GenerateError('incomplete', 'The stream ended before the model finished.', true, text);
}

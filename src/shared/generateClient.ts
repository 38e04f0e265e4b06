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

/** Splits an SSE byte stream into (event, data) pairs; comment lines (heartbeats) are skipped. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder(); // streaming decode: a multi-byte character may span two chunks
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let idx: number;
      while ((idx = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + (buf[idx] === '\r' ? 4 : 2));
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith(':')) continue;
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) yield { event, data: data.join('\n') };
      }
    }
  } finally {
    reader.releaseLock();
  }
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
    for await (const ev of readSse(res.body)) {
      if (ev.event === 'delta') {
        const d = parseDeltaEvent(JSON.parse(ev.data));
        text += d.text;
        opts.onDelta?.(d.text, text);
      } else if (ev.event === 'done') {
        return { ...parseDoneEvent(JSON.parse(ev.data)), text };
      } else if (ev.event === 'error') {
        const e = parseStreamErrorEvent(JSON.parse(ev.data));
        throw new GenerateError(e.code, e.message, e.retryable, text);
      }
    }
  } catch (e) {
    if (e instanceof GenerateError) throw e;
    if (opts.signal?.aborted) throw new GenerateError('aborted', 'Stopped.', false, text);
    throw new GenerateError('connection_lost', `The connection to the server was lost: ${(e as Error).message}`, true, text);
  }
  if (opts.signal?.aborted) throw new GenerateError('aborted', 'Stopped.', false, text);
  throw new GenerateError('incomplete', 'The stream ended before the model finished.', true, text);
}

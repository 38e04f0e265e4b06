// Maps whatever the AI SDK or the network threw into one clear, secret-free error for the writer.
// Upstream error text is never passed through as-is: providers echo parts of the key back (OpenAI's 401 does).
import { APICallError } from 'ai';
import { scrub } from '../log';

export interface MappedError {
  /** HTTP status when the stream has not started yet. */
  status: 429 | 502 | 503 | 504;
  code: string;
  message: string;
  /** Whether the writer can simply try again. */
  retryable: boolean;
  /** Whether the proxy itself may retry it (only before the first token). */
  transient: boolean;
  retryAfterSec?: number;
  /** What the upstream asked us to wait before retrying (may be 0). */
  retryAfterMs?: number;
}

export interface ErrorContext {
  label: string;
  keyVar?: string;
  model: string;
  secrets: readonly string[];
}

export class TimeoutError extends Error {
  constructor(readonly phase: 'first-token' | 'idle', readonly ms: number) {
    super(`${phase} timeout`);
    this.name = 'LonghandTimeout';
  }
}

export function parseRetryAfter(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const raw = lower['retry-after'];
  if (raw === undefined) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** A short, scrubbed excerpt of the upstream's own explanation, for 4xx answers where it helps (context too long…). */
function upstreamDetail(body: string | undefined, secrets: readonly string[]): string {
  if (!body) return '';
  let text = body;
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'object' ? j.error?.message : j.error ?? j.message;
    text = typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
  const clean = scrub(text, secrets).replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean ? ` It said: "${clean}"` : '';
}

const NETWORK_CODES = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR|socket|terminated|other side closed/i;

function causeChain(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const err = cur as { name?: string; message?: string; code?: string; cause?: unknown };
    parts.push(`${err.name ?? ''} ${err.code ?? ''} ${err.message ?? ''}`);
    cur = err.cause;
  }
  return parts.join(' | ');
}

export function mapUpstreamError(e: unknown, ctx: ErrorContext, textSent: boolean): MappedError {
  const { label } = ctx;
  if (e instanceof TimeoutError) {
    const span = e.ms < 1000 ? `${e.ms} ms` : `${Math.round(e.ms / 1000)} s`;
    return {
      status: 504, code: 'timeout', retryable: true, transient: false,
      message: e.phase === 'first-token'
        ? `${label} sent no text within ${span}.`
        : `${label} stopped sending text for ${span}; the stream was ended.`,
    };
  }
  // A 2xx APICallError means the body broke after a good start ("Failed to process successful response"):
  // that is a network failure, handled below, not a refusal.
  if (APICallError.isInstance(e) && e.statusCode !== undefined && e.statusCode >= 400) {
    const s = e.statusCode;
    if (s === 401 || s === 403) {
      return {
        status: 502, code: 'upstream_auth', retryable: false, transient: false,
        message: `${label} rejected the API key (HTTP ${s}).${ctx.keyVar ? ` Check ${ctx.keyVar}.` : ''}`,
      };
    }
    if (s === 429) {
      // At least 1 s: a 429 always carries a usable Retry-After for the client.
      const asked = parseRetryAfter(e.responseHeaders);
      const retryAfterSec = Math.max(1, asked ?? 10);
      return {
        status: 429, code: 'rate_limited', retryable: true, transient: true, retryAfterSec,
        retryAfterMs: asked === undefined ? undefined : asked * 1000,
        message: `${label} is rate limiting requests (HTTP 429). Try again in ${retryAfterSec} s.`,
      };
    }
    if (s === 404) {
      return {
        status: 502, code: 'upstream_not_found', retryable: false, transient: false,
        message: `${label} does not offer the model "${ctx.model}" (HTTP 404).`,
      };
    }
    if (s >= 500) {
      return {
        status: 502, code: 'upstream_error', retryable: true, transient: true,
        message: `${label} had a server error (HTTP ${s}).`,
      };
    }
    return {
      status: 502, code: 'upstream_rejected', retryable: false, transient: false,
      message: `${label} refused the request (HTTP ${s}).${upstreamDetail(e.responseBody, ctx.secrets)}`,
    };
  }
  const chain = causeChain(e);
  if (NETWORK_CODES.test(chain) || (APICallError.isInstance(e) && e.isRetryable)) {
    return {
      status: 502, code: textSent ? 'upstream_disconnected' : 'upstream_unreachable', retryable: true, transient: true,
      message: textSent
        ? `${label} closed the connection before the text was complete.`
        : `${label} could not be reached or closed the connection.`,
    };
  }
  if (/JSON|TypeValidation|parse/i.test(chain)) {
    return {
      status: 502, code: 'upstream_bad_response', retryable: true, transient: false,
      message: `${label} sent a response Longhand could not read.`,
    };
  }
  return {
    status: 502, code: 'upstream_error', retryable: true, transient: false,
    message: `${label} failed to answer.`,
  };
}

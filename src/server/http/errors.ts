// Errors that end a request before its stream starts; the single error handler turns them into JSON bodies.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../shared/protocol';
import type { Logger } from '../log';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string,
  headers: Record<string, string> = {}) {
  const body: ErrorBody = { error: { code, message } };
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
}

/** The one error handler: 4xx/expected upstream errors keep their message, anything unexpected hides its detail. */
export function makeErrorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return errorJson(c, err.status, err.code, err.message, err.headers);
    log.error('unhandled error', { path: c.req.path, name: err.name, detail: err.message });
    return errorJson(c, 500, 'internal', 'Internal server error.');
  };
}

// Server-sent event framing for POST /api/generate.
const enc = new TextEncoder();

export const sseEvent = (event: 'delta' | 'done' | 'error', data: unknown) =>
  enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** A comment line: ignored by SSE parsers, keeps proxies and load balancers from closing an idle stream. */
export const sseHeartbeat = () => enc.encode(': keep-alive\n\n');

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
} as const;

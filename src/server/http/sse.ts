// Server-sent event framing for POST /api/generate. Frames are strings: the sink joins a burst of them and the
// socket encodes the result once, so no frame is encoded or copied on its own.
export const sseEvent = (event: 'delta' | 'done' | 'error', data: unknown) =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** `sseEvent('delta', { text })`, the same bytes: the text is the only part that needs escaping. */
export const sseDelta = (text: string) => `event: delta\ndata: {"text":${JSON.stringify(text)}}\n\n`;

/** A comment line: ignored by SSE parsers, keeps proxies and load balancers from closing an idle stream. */
export const sseHeartbeat = () => ': keep-alive\n\n';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
} as const;

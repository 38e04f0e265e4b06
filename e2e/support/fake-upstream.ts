// A local stand-in for model providers, speaking their real streaming wire formats: OpenAI chat completions
// (/v1/chat/completions, /v1/models), Anthropic messages (/v1/messages) and Ollama's model list (/api/tags).
// Tests steer it per request with rules matched by a substring of the request's message text, so parallel
// tests never collide. Rules can also be set over HTTP: POST /__control/rules, GET /__control/requests,
// POST /__control/release ({ match }: streams held by that rule go on), DELETE /__control.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'non-json'; status: number }
  | { kind: 'cut'; afterChunks: number }
  /** Stall before the first token: after the stream's preamble, or before any response byte with beforeHeaders.
   *  Without ms it stalls until the client gives up. */
  | { kind: 'stall'; ms?: number; beforeHeaders?: boolean }
  | { kind: 'malformed'; afterChunks: number };

export interface FakeRule {
  /** Substring of the request's message text (system + all messages) this rule applies to. */
  match: string;
  /** Further substrings that must all be present too (e.g. a test's marker and a task's marker). */
  also?: string[];
  text?: string;
  /** Characters per content chunk (default 6). */
  chunkSize?: number;
  /** Milliseconds before each content chunk (default 0). */
  delayMs?: number;
  fault?: Fault;
  /** Apply the fault to the first N matching requests only, then answer normally (retry tests). */
  faultTimes?: number;
  usage?: { input: number; output: number };
  /** A model that writes what a write/continue prompt asks ("about N words") but never more than `maxWords`
   *  a call, in sentences that never repeat (numbered across the server's life). Other tasks get `text`. */
  writeAsked?: { maxWords: number; tag?: string };
  /** After this many content chunks the stream waits until the test releases the rule (POST /__control/release):
   *  a state the page shows only mid-stream can then be asserted however slowly the machine runs. */
  holdAfterChunks?: number;
}

let sentenceNo = 0;
/** About `words` words (rounded to whole 10-word sentences), none repeated, a paragraph every 8 sentences. */
export function askedText(words: number, tag: string): string {
  const n = Math.max(1, Math.round(words / 10));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`Step ${++sentenceNo} of the ${tag} story moves quietly along here.`);
    if ((i + 1) % 8 === 0 && i + 1 < n) out.push('\n\n');
  }
  return out.join(' ').replace(/ ?\n\n ?/g, '\n\n');
}

/** The words a section prompt asks for: the last "about N words" in it. */
export function askedWords(prompt: string): number | null {
  const all = [...prompt.matchAll(/about ([\d,]+) words/g)];
  const last = all[all.length - 1];
  return last ? Number(last[1]!.replace(/,/g, '')) : null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The message text rules match against. */
  text: string;
  at: number;
  /** When the client closed the connection before the response was complete. */
  clientClosedAt?: number;
  completed: boolean;
}

export interface FakeUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  setRule(rule: FakeRule): void;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_MODELS = ['fake-model-a', 'fake-model-b'];

/** The default answer: deterministic, depends on the prompt, several sentences with a paragraph break. */
export function defaultText(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(-8).join(' ');
  return `Fake upstream reply to "${words}".\n\nThe quick brown fox jumps over the lazy dog, twice; ` +
    'then it rests by the river — naïve café prose with “quotes” and emoji 🚀 for good measure.';
}

/** Story bible requests without a rule get a valid, empty answer (an extraction runs after every generation). */
export const BIBLE_EXTRACTION_MARKER = 'story bible extraction';
export const BIBLE_CONSISTENCY_MARKER = 'story bible consistency check';
function storyBibleDefault(prompt: string): string | undefined {
  if (prompt.includes(BIBLE_EXTRACTION_MARKER)) return '{"entries":[]}';
  if (prompt.includes(BIBLE_CONSISTENCY_MARKER)) return '{"contradictions":[]}';
  return undefined;
}

function collectStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collectStrings(x, out));
  return out;
}

const messageText = (body: unknown) => {
  const b = body as { system?: unknown; messages?: unknown } | undefined;
  return collectStrings([b?.system, b?.messages]).join('\n');
};

const chunk = (text: string, size: number) => {
  const out: string[] = [];
  const chars = Array.from(text); // never split a surrogate pair
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeUpstream(opts: { port?: number; host?: string } = {}): Promise<FakeUpstream> {
  const rules: FakeRule[] = [];
  const used = new Map<FakeRule, number>();
  // Held streams wait on these; a release before the hold is reached is remembered.
  const released = new Set<string>();
  const holders = new Map<string, Array<() => void>>();
  const heldUntilRelease = (match: string) => (released.has(match) ? Promise.resolve()
    : new Promise<void>((r) => holders.set(match, [...(holders.get(match) ?? []), r])));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const findRule = (text: string) => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const r = rules[i];
      if (text.includes(r.match) && (r.also ?? []).every((m) => text.includes(m))) return r;
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const parts: Buffer[] = [];
    for await (const p of req) parts.push(p as Buffer);
    const raw = Buffer.concat(parts).toString('utf8');
    if (!raw) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const body = await readBody(req);
    if (path.startsWith('/__control')) return control(req.method ?? 'GET', path, body, res);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET', path, headers: req.headers, body, text: messageText(body), at: Date.now(), completed: false,
    };
    requests.push(rec);
    res.on('close', () => {
      if (!res.writableFinished) rec.clientClosedAt = Date.now();
    });
    res.on('finish', () => {
      rec.completed = true;
    });
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      return json(res, 200, { object: 'list', data: FAKE_MODELS.map((id) => ({ id, object: 'model', created: 1, owned_by: 'fake' })) });
    }
    if (req.method === 'GET' && path === '/api/tags') {
      return json(res, 200, { models: FAKE_MODELS.map((name) => ({ name, model: name, modified_at: '2026-01-01T00:00:00Z', size: 1 })) });
    }
    const isOpenAI = req.method === 'POST' && path.endsWith('/chat/completions');
    const isAnthropic = req.method === 'POST' && path.endsWith('/messages');
    if (!isOpenAI && !isAnthropic) return json(res, 404, { error: { message: 'not found' } });

    const rule = findRule(rec.text);
    const n = rule ? (used.get(rule) ?? 0) + 1 : 0;
    if (rule) used.set(rule, n);
    const fault = rule?.fault && (rule.faultTimes === undefined || n <= rule.faultTimes) ? rule.fault : undefined;
    const asked = rule?.writeAsked && /Longhand task: (write|continue)/.test(rec.text) ? askedWords(rec.text) : null;
    const text = asked !== null && rule?.writeAsked
      ? `${/Longhand task: continue/.test(rec.text) ? '\n\n' : ''}${askedText(Math.min(asked, rule.writeAsked.maxWords), rule.writeAsked.tag ?? 'fake')}`
      : rule?.text ?? storyBibleDefault(rec.text) ?? defaultText(rec.text);
    const parts = chunk(text, Math.max(1, rule?.chunkSize ?? 6));
    const delayMs = rule?.delayMs ?? 0;
    const key = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '');

    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      // Like OpenAI's real 401, echo the key back: the proxy must never pass this text on.
      const message = fault.status === 401 ? `Incorrect API key provided: ${key}` : `fake failure ${fault.status}`;
      return isOpenAI
        ? json(res, fault.status, { error: { message, type: 'fake_error', param: null, code: String(fault.status) } }, headers)
        : json(res, fault.status, { type: 'error', error: { type: fault.status === 401 ? 'authentication_error' : 'api_error', message } }, headers);
    }
    if (fault?.kind === 'non-json') {
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      return res.end(`<html><body><h1>${fault.status} Bad Gateway</h1>nginx</body></html>`);
    }
    if (fault?.kind === 'stall' && fault.beforeHeaders) {
      if (fault.ms === undefined) return; // never answer; the proxy's first-token timeout must end it
      await sleep(fault.ms);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const body2 = body as { model?: string; stream_options?: { include_usage?: boolean } };
    const model = body2?.model ?? 'fake';
    const usage = rule?.usage ?? { input: rec.text.length, output: parts.length };
    const closed = () => res.destroyed || res.writableEnded;
    const send = (s: string) => {
      if (!closed()) res.write(s);
    };
    const openai = (obj: unknown) => send(`data: ${JSON.stringify(obj)}\n\n`);
    const anth = (event: string, obj: unknown) => send(`event: ${event}\ndata: ${JSON.stringify(obj)}\n\n`);
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, system_fingerprint: 'fp_fake' };

    if (isOpenAI) openai({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] });
    else {
      anth('message_start', { type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', content: [], model,
        stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } } });
      anth('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      anth('ping', { type: 'ping' });
    }
    if (fault?.kind === 'stall' && !fault.beforeHeaders) {
      if (fault.ms === undefined) return; // headers and preamble sent, then silence
      await sleep(fault.ms);
    }
    for (let i = 0; i < parts.length; i++) {
      if (rule?.holdAfterChunks !== undefined && i === rule.holdAfterChunks) {
        await new Promise<void>((r) => res.write('', () => r()));
        await heldUntilRelease(rule.match);
      }
      if (closed()) return;
      if (fault?.kind === 'cut' && i === fault.afterChunks) {
        // Let what was written reach the client first; destroying at once would discard the buffered chunks.
        await new Promise<void>((r) => res.write('', () => r()));
        await sleep(15);
        return res.destroy();
      }
      if (fault?.kind === 'malformed' && i === fault.afterChunks) {
        send('data: {"choices": [ {this is not json\n\n');
        if (!isOpenAI) send('event: content_block_delta\ndata: {"type":"content_block_delta", oops\n\n');
      }
      if (delayMs) await sleep(delayMs);
      if (isOpenAI) openai({ ...base, choices: [{ index: 0, delta: { content: parts[i] }, logprobs: null, finish_reason: null }] });
      else anth('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: parts[i] } });
    }
    if (isOpenAI) {
      openai({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
      if (body2?.stream_options?.include_usage) {
        openai({ ...base, choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } });
      }
      send('data: [DONE]\n\n');
    } else {
      anth('content_block_stop', { type: 'content_block_stop', index: 0 });
      anth('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } });
      anth('message_stop', { type: 'message_stop' });
    }
    res.end();
  }

  function control(method: string, path: string, body: unknown, res: ServerResponse) {
    if (method === 'POST' && path === '/__control/rules') {
      const list = Array.isArray(body) ? body : [body];
      for (const r of list) api.setRule(r as FakeRule);
      return json(res, 200, { ok: true, rules: rules.length });
    }
    if (method === 'GET' && path === '/__control/requests') return json(res, 200, requests);
    if (method === 'POST' && path === '/__control/release') {
      const match = (body as { match?: unknown } | undefined)?.match;
      if (typeof match !== 'string' || !match) return json(res, 400, { error: 'release needs a match' });
      released.add(match);
      for (const go of holders.get(match) ?? []) go();
      holders.delete(match);
      return json(res, 200, { ok: true });
    }
    if (method === 'DELETE' && path === '/__control') {
      api.reset();
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: 'unknown control route' });
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const api: FakeUpstream = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setRule(rule) {
      if (!rule || typeof rule.match !== 'string' || !rule.match) throw new Error('a rule needs a non-empty match');
      rules.push(rule);
    },
    reset() {
      rules.length = 0;
      requests.length = 0;
      used.clear();
      for (const go of [...holders.values()].flat()) go();
      holders.clear();
      released.clear();
    },
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
  return api;
}

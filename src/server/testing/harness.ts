// Test harness (not shipped: only tests import it): the real proxy (startServer on an ephemeral loopback port)
// in front of the fake upstream, with its log captured so tests can check what it wrote.
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/support/fake-upstream';
import { startServer, type Started } from '../main';

export const OPENAI_KEY = 'fake-test-unit-openai-secret-1111111111';
export const ANTHROPIC_KEY = 'fake-ant-test-unit-secret-2222222222222';

export interface Harness {
  fake: FakeUpstream;
  proxy: Started;
  logs: string[];
  close(): Promise<void>;
}

export function upstreamEnv(fakeUrl: string): Record<string, string> {
  return {
    HOST: '127.0.0.1', PORT: '0',
    OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${fakeUrl}/v1`, OPENAI_MODELS: 'gpt-test',
    ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: `${fakeUrl}/v1`, ANTHROPIC_MODELS: 'claude-test',
    OLLAMA_BASE_URL: 'http://127.0.0.1:9', DEMO_DELAY_MS: '0', LOG_LEVEL: 'debug',
    RETRY_BASE_MS: '20', RATE_LIMIT_PER_MINUTE: '100000',
  };
}

export async function startHarness(env: Record<string, string> = {}, fake?: FakeUpstream, serveClient = false): Promise<Harness> {
  const f = fake ?? (await startFakeUpstream());
  const logs: string[] = [];
  const proxy = await startServer({
    env: { ...upstreamEnv(f.url), ...env }, serveClient, logSink: (l) => logs.push(l),
  });
  return {
    fake: f, proxy, logs,
    close: async () => {
      await proxy.close();
      if (!fake) await f.close();
    },
  };
}

export interface SseEvent { event: string; data: unknown }

export interface GenerateResult {
  status: number;
  headers: Headers;
  /** Pre-stream JSON error body, when status is not 200. */
  json?: unknown;
  events: SseEvent[];
  raw: string;
  /** Concatenated delta texts. */
  text: string;
}

export function parseSse(raw: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of raw.split(/\n\n/)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) out.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return out;
}

export function generateBody(marker: string, extra: Record<string, unknown> = {}, provider = 'openai', model = 'gpt-test') {
  return {
    provider, model,
    messages: [
      { role: 'system', content: 'Longhand task: write' },
      { role: 'user', content: `Write section 1: "Test" in about 50 words. ${marker}` },
    ],
    ...extra,
  };
}

export async function generate(base: string, body: unknown, init: RequestInit = {}): Promise<GenerateResult> {
  const res = await fetch(`${base}/api/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
  const raw = await res.text();
  if (res.status !== 200) {
    let json: unknown;
    try { json = JSON.parse(raw); } catch { json = raw; }
    return { status: res.status, headers: res.headers, json, events: [], raw, text: '' };
  }
  const events = parseSse(raw);
  const text = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('');
  return { status: res.status, headers: res.headers, events, raw, text };
}

let counter = 0;
/** A marker unique within this process, so fake-upstream rules never collide. */
export const marker = (name: string) => `[[${name}-${process.pid}-${++counter}]]`;

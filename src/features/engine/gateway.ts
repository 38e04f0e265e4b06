// The model gateway: the only path from the page to the proxy. Every model call (write, continue, plan,
// summary, revise, check, fit) goes through `run`, which resolves the model, registers the call's abort under
// a key, streams, maps every failure to GenerateError (which keeps the partial text), and writes one request
// log entry. Built once by the composition root (src/app/services.ts) with its dependencies injected, so it
// holds no module-level state and unit tests run it without a network.
import { GenerateError, type StreamOptions, type StreamResult } from '../../shared/generateClient';
import type { ChatMessage, GenerateRequest } from '../../shared/protocol';
import type { RequestLogEntry } from '../../core/model';

export type CallKind = RequestLogEntry['kind'];

export interface ModelRef { provider: string; model: string }
export interface Usage { inputTokens: number; outputTokens: number }

export interface RunRequest {
  kind: CallKind;
  /** Log entries are filed under this id (a section, or the document for a plan). */
  sectionId?: string;
  /** Abort key: a later `abort(key)` stops this call. Default: kind:sectionId. */
  key?: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Every delta, with the whole text so far. */
  onText?: (delta: string, soFar: string) => void;
  /** Extra words for the log entry; a function sees the outcome (e.g. a judge's verdict). */
  note?: string | ((r: { text: string; error?: GenerateError }) => string | undefined);
  /** Story bible entries in the prompt (write/continue), recorded in the log entry. */
  bibleEntries?: string[];
}

export interface RunResult extends ModelRef {
  text: string;
  finishReason: string;
  usage: Usage;
  durationMs: number;
}

export interface GatewayDeps {
  resolveModel: () => Promise<ModelRef>;
  stream: (req: GenerateRequest, opts: StreamOptions) => Promise<StreamResult>;
  log: (entry: Omit<RequestLogEntry, 'id' | 'at'>) => Promise<unknown>;
  now?: () => number;
}

/** One registry of running work by key: model calls and the pipelines that make them. */
export interface AbortRegistry {
  /** A controller registered under `key` (a running one under the same key is aborted first when `replace`). */
  start(key: string, opts?: { replace?: boolean; parent?: AbortSignal }): { signal: AbortSignal; done(): void; abort(): void };
  abort(key: string): boolean;
  /** Aborts every key starting with `prefix` (all when empty). */
  abortAll(prefix?: string): void;
  has(key: string): boolean;
}

export function createAbortRegistry(): AbortRegistry {
  const running = new Map<string, AbortController>();
  return {
    start(key, opts = {}) {
      if (opts.replace) running.get(key)?.abort();
      const ctrl = new AbortController();
      running.set(key, ctrl);
      const parent = opts.parent;
      const onParent = () => ctrl.abort();
      if (parent?.aborted) ctrl.abort();
      parent?.addEventListener('abort', onParent, { once: true });
      return {
        signal: ctrl.signal,
        abort: () => ctrl.abort(),
        done() {
          parent?.removeEventListener('abort', onParent);
          if (running.get(key) === ctrl) running.delete(key);
        },
      };
    },
    abort(key) {
      const c = running.get(key);
      c?.abort();
      return !!c;
    },
    abortAll(prefix = '') {
      for (const [k, c] of running) if (k.startsWith(prefix)) c.abort();
    },
    has: (key) => running.has(key),
  };
}

export interface Gateway {
  run(req: RunRequest): Promise<RunResult>;
  readonly aborts: AbortRegistry;
}

/** Any thrown value as the one error type; an abort is always code "aborted" with the text so far. */
export function toGenerateError(e: unknown, aborted: boolean, partial = ''): GenerateError {
  if (e instanceof GenerateError) {
    if (aborted && e.code !== 'aborted') return new GenerateError('aborted', 'Stopped.', false, e.partialText || partial);
    return e;
  }
  if (aborted) return new GenerateError('aborted', 'Stopped.', false, partial);
  return new GenerateError('internal', (e as Error)?.message || String(e), false, partial);
}

export function createGateway(deps: GatewayDeps, aborts: AbortRegistry = createAbortRegistry()): Gateway {
  const now = deps.now ?? (() => Date.now());
  async function run(req: RunRequest): Promise<RunResult> {
    const key = req.key ?? `${req.kind}:${req.sectionId ?? ''}`;
    const handle = aborts.start(key, { parent: req.signal });
    const started = now();
    let model: ModelRef | null = null;
    let soFar = '';
    const logEntry = (finishReason: string, usage?: Usage, error?: GenerateError, text = soFar) => {
      if (!model) return;
      const note = typeof req.note === 'function' ? req.note({ text, error }) : req.note;
      // The log is a record, never a reason to fail the call.
      void deps.log({
        sectionId: req.sectionId ?? '', kind: req.kind, provider: model.provider, model: model.model,
        inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens, durationMs: Math.max(0, now() - started),
        finishReason, error: error && error.code !== 'aborted' ? error.message : undefined, note,
        ...(req.bibleEntries ? { bibleEntries: req.bibleEntries } : {}),
      }).catch(() => undefined);
    };
    try {
      try { model = await deps.resolveModel(); } catch (e) {
        throw new GenerateError('no_model', (e as Error).message || 'No model is available.', false, '');
      }
      if (handle.signal.aborted) throw new GenerateError('aborted', 'Stopped.', false, '');
      const r = await deps.stream(
        { provider: model.provider, model: model.model, messages: req.messages, maxOutputTokens: req.maxOutputTokens,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}) },
        { signal: handle.signal, onDelta: (d, all) => { soFar = all; req.onText?.(d, all); } },
      );
      const result: RunResult = { ...model, text: r.text, finishReason: r.finishReason, usage: r.usage, durationMs: now() - started };
      logEntry(r.finishReason, r.usage, undefined, r.text);
      return result;
    } catch (e) {
      const err = toGenerateError(e, handle.signal.aborted, soFar);
      logEntry(err.code === 'aborted' ? 'stopped' : 'error', undefined, err, err.partialText);
      throw err;
    } finally {
      handle.done();
    }
  }
  return { run, aborts };
}

// The Write-all scheduler as pure logic: which section runs next, how many at once, what a failure, pause,
// cancel or retry does. The runner (the generation service) is injected, so the rules are unit-tested
// without a browser. Sequential is a limit of 1 (AgentWrite: each section sees all before it); parallel runs
// up to `limit` at once (CogWriter). A failure marks that item and the queue goes on.
import type { QueueState } from './memory';

export type QueueMode = 'sequential' | 'parallel';

export interface QueueItem { id: string; state: QueueState; error?: string }

export interface QueueSnapshot {
  items: QueueItem[];
  mode: QueueMode;
  limit: number;
  paused: boolean;
  cancelled: boolean;
  /** True once nothing is queued or running. */
  finished: boolean;
}

export interface WriteQueueOptions {
  ids: readonly string[];
  mode: QueueMode;
  /** Parallel limit (default 3); sequential always runs one. */
  limit?: number;
  run: (id: string, signal: AbortSignal) => Promise<void>;
  onChange?: (snap: QueueSnapshot) => void;
}

export interface WriteQueue {
  start(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Aborts running items and drops queued ones; they end as 'cancelled'. */
  cancel(): void;
  /** Queues failed (and cancelled) items again; resolves when the queue is idle once more. */
  retryFailed(): Promise<void>;
  snapshot(): QueueSnapshot;
}

export function createWriteQueue(opts: WriteQueueOptions): WriteQueue {
  const items: QueueItem[] = opts.ids.map((id) => ({ id, state: 'queued' }));
  const limit = opts.mode === 'sequential' ? 1 : Math.max(1, Math.floor(opts.limit ?? 3));
  const controllers = new Map<string, AbortController>();
  let paused = false;
  let cancelled = false;
  let idle: { promise: Promise<void>; resolve: () => void } | null = null;

  const running = () => items.filter((i) => i.state === 'streaming').length;
  const queued = () => items.filter((i) => i.state === 'queued');
  const snapshot = (): QueueSnapshot => ({
    items: items.map((i) => ({ ...i })), mode: opts.mode, limit, paused, cancelled,
    finished: running() === 0 && (cancelled || queued().length === 0),
  });
  const emit = () => opts.onChange?.(snapshot());

  function pump() {
    if (!paused && !cancelled) {
      while (running() < limit) {
        const next = queued()[0];
        if (!next) break;
        launch(next);
      }
    }
    // A paused queue with work left is not finished: start() resolves after resume or cancel.
    if (running() === 0 && (cancelled || queued().length === 0)) { idle?.resolve(); idle = null; }
  }

  function launch(item: QueueItem) {
    const ctl = new AbortController();
    controllers.set(item.id, ctl);
    item.state = 'streaming';
    item.error = undefined;
    emit();
    // The runner is called on a microtask so a synchronous throw is a failure like any other.
    void Promise.resolve().then(() => opts.run(item.id, ctl.signal)).then(
      () => { item.state = ctl.signal.aborted && cancelled ? 'cancelled' : 'done'; },
      (e: unknown) => {
        item.state = ctl.signal.aborted && cancelled ? 'cancelled' : 'failed';
        item.error = e instanceof Error ? e.message : String(e);
      },
    ).finally(() => {
      controllers.delete(item.id);
      emit();
      pump();
    });
  }

  function waitIdle(): Promise<void> {
    idle ??= (() => { let resolve!: () => void; const promise = new Promise<void>((r) => { resolve = r; }); return { promise, resolve }; })();
    const p = idle.promise;
    pump();
    return p;
  }

  return {
    start() { emit(); return waitIdle(); },
    pause() { if (!paused) { paused = true; emit(); } },
    resume() { if (paused) { paused = false; emit(); pump(); } },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      for (const i of items) if (i.state === 'queued') i.state = 'cancelled';
      for (const c of controllers.values()) c.abort();
      emit();
      pump();
    },
    retryFailed() {
      cancelled = false;
      for (const i of items) if (i.state === 'failed' || i.state === 'cancelled') { i.state = 'queued'; i.error = undefined; }
      emit();
      return waitIdle();
    },
    snapshot,
  };
}

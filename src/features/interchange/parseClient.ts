// The main thread's handle on an import parse session: a Web Worker in the browser, the same code in-thread
// where there is no Worker (unit tests in Node). The file's bytes are transferred, not copied.
import { createParseSession, type ParseRequest, type ParseResult } from './parseJobs';

export interface ParseClient {
  call<R extends ParseRequest>(req: R): Promise<ParseResult<R>>;
  /** Ends the worker; pending calls reject. */
  dispose(): void;
}

interface Reply { id: number; ok: boolean; result?: unknown; error?: string }

export function createParseClient(): ParseClient {
  if (typeof Worker === 'undefined') {
    const session = createParseSession();
    return { call: (req) => session.handle(req), dispose: () => {} };
  }
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'import-parser' });
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let next = 1;
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.result as never); else p.reject(new Error(e.data.error ?? 'The import parser failed.'));
  };
  worker.onerror = (e) => { e.preventDefault(); failAll(e.message || 'The import parser could not start.'); };
  return {
    call(req) {
      const id = next++;
      const transfer = 'bytes' in req ? [req.bytes] : [];
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, req }, transfer);
      });
    },
    dispose() {
      worker.terminate();
      failAll('The import was closed.');
    },
  };
}

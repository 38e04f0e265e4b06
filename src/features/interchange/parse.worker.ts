// The import parser's worker: one per opened file, ended when the preview closes (see ./parseClient.ts).
import { createParseSession, type ParseRequest } from './parseJobs';

const session = createParseSession();

self.onmessage = (e: MessageEvent<{ id: number; req: ParseRequest }>) => {
  const { id, req } = e.data;
  session.handle(req).then(
    (result) => self.postMessage({ id, ok: true, result }),
    (err: unknown) => self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};

// Long-running jobs (Write all) stored as they change, one record per document, so a reload or a crash
// finds the run where it was. Writes are chained: the last state written is the last state reported.
import { database } from './database';
// Read in plain IndexedDB: restoring a run is part of opening a document (./reads.ts).
import { readKv } from './reads';

const key = (docId: string) => `job:writeAll:${docId}`;
let chain: Promise<unknown> = Promise.resolve();

export function saveWriteAllJob(docId: string, job: unknown): Promise<void> {
  const p = chain.then(async () => (await database()).kv.put({ key: key(docId), value: job })).then(() => undefined, () => undefined);
  chain = p;
  return p;
}

export async function loadWriteAllJob<T>(docId: string): Promise<T | null> {
  await chain;
  const rec = await readKv(key(docId)).catch(() => undefined);
  return (rec?.value as T | undefined) ?? null;
}

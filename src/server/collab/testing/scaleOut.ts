// Two or more Longhand processes on the machine's Redis and PostgreSQL under one fresh table / Redis prefix (the
// scale-out tests): start instances, open clients, and clean up everything after.
import * as Y from 'yjs';
import { openPostgresStore } from '../storage/postgres';
import { mergeStored } from '../sync';
import { connect, type Client } from './client';
import { PG_URL, REDIS_URL, dropTables, uniquePrefix } from './services';
import { spawnServer, type Child } from './spawn';

export function scaleOut(name: string) {
  const prefix = uniquePrefix(name);
  const env = { DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix, REDIS_URL, COLLAB_REDIS_PREFIX: prefix.replace(/_$/, '') };
  const children: Child[] = [];
  const clients: Client[] = [];
  return {
    prefix,
    env,
    /** One more instance (a child process) on this prefix. */
    async start(): Promise<Child> {
      const c = await spawnServer(env);
      children.push(c);
      return c;
    },
    open(...a: Parameters<typeof connect>): Client {
      const c = connect(...a);
      clients.push(c);
      return c;
    },
    async cleanup(): Promise<void> {
      for (const c of clients) c.destroy();
      for (const c of children) await c.kill('SIGTERM');
      await dropTables(prefix);
    },
  };
}

/** A section's text as PostgreSQL holds it for the document's current share (state and increments merged), or
 *  null when there is no share: what an instance loading the document would serve. */
export async function storedText(prefix: string, documentId: string, section: string): Promise<string | null> {
  const store = await openPostgresStore(PG_URL, prefix, 5000);
  try {
    const share = await store.getShare(documentId);
    const stored = share && await store.load(documentId, share.generation);
    if (!stored) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, mergeStored(stored));
    return doc.getXmlFragment(section).toString();
  } finally {
    await store.close();
  }
}

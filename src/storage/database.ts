// The Dexie database, loaded on first use. Dexie is ~30 KB of compressed JavaScript: opening a book reads through
// ./reads.ts (plain IndexedDB) while this loads beside it, so the first section shows without waiting for it.
// Everything that writes (the journal, snapshots, records) or runs queries awaits this; the module system keeps
// the one instance.
import type { LonghandDB } from './db';

export type { LonghandDB } from './db';

export const database = (): Promise<LonghandDB> => import('./db').then((m) => m.db);

// The Dexie database, loaded on first use. Dexie is ~30 KB of compressed JavaScript: opening a book reads through
// ./reads.ts (plain IndexedDB), and this loads once the first section is up (or with the first write before that).
// Everything that writes (the journal, snapshots, records) or runs queries awaits this.
import type { LonghandDB } from './db';

export type { LonghandDB } from './db';

// One promise, kept in the closure: every journal write and save awaits this, and a fresh `import()` each time
// would go through the bundler's preload helper (a DOM query per dependency) on every keystroke's write.
export const database: () => Promise<LonghandDB> = (() => {
  let loaded: Promise<LonghandDB> | null = null;
  return () => (loaded ??= import('./db').then((m) => m.db));
})();

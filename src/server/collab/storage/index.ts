// Picks the store: PostgreSQL when DATABASE_URL is set, else SQLite under LONGHAND_DATA_DIR.
import { isAbsolute, resolve } from 'node:path';
import { redactUrl, type CollabEnv } from '../config';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { CollabStore } from './types';

export type { CollabStore, ShareRow, StoredDocument } from './types';

/** Start-up failure of a service the configuration names; main prints the message and exits. */
export class CollabStartError extends Error {}

export function dataDir(env: Pick<CollabEnv, 'LONGHAND_DATA_DIR'>, root: string): string {
  return isAbsolute(env.LONGHAND_DATA_DIR) ? env.LONGHAND_DATA_DIR : resolve(root, env.LONGHAND_DATA_DIR);
}

export async function openStore(env: CollabEnv, root: string): Promise<CollabStore> {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    try {
      return await withTimeout(openPostgresStore(url, env.COLLAB_TABLE_PREFIX, env.COLLAB_CONNECT_TIMEOUT_MS),
        env.COLLAB_CONNECT_TIMEOUT_MS + 1000, 'no answer');
    } catch (e) {
      throw new CollabStartError(`DATABASE_URL: could not use PostgreSQL at ${redactUrl(url)}: ${reason(e)}`);
    }
  }
  const dir = dataDir(env, root);
  try {
    return openSqliteStore(dir, env.COLLAB_TABLE_PREFIX);
  } catch (e) {
    throw new CollabStartError(`LONGHAND_DATA_DIR: could not open the SQLite database in ${dir}: ${reason(e)}`);
  }
}

export const reason = (e: unknown) => {
  const err = e as { message?: string; code?: string; errors?: { message?: string }[] };
  // AggregateError (connect to several addresses) carries the useful text in its members.
  return err?.message || err?.errors?.map((x) => x.message).join('; ') || err?.code || String(e);
};

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`${what} within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

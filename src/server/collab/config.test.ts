// The sync server's settings: validated at start with the variable named; an unreachable PostgreSQL or Redis
// stops start-up promptly, naming which, without leaking a password.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { startServer } from '../main';
import { PG_URL, REDIS_URL, dropTables, uniquePrefix } from './testing/services';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected loadConfig to fail');
};

describe('collab configuration', () => {
  it('defaults: SQLite in ./data, 16 MB documents and messages, 50 connections, 100 messages/s, 120 connects/min', () => {
    expect(loadConfig({})).toMatchObject({
      LONGHAND_DATA_DIR: './data', COLLAB_MAX_DOCUMENT_BYTES: 16 * 1024 * 1024, COLLAB_MAX_MESSAGE_BYTES: 16 * 1024 * 1024,
      COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: 50, COLLAB_MAX_MESSAGES_PER_SECOND: 100, COLLAB_MAX_CONNECTS_PER_MINUTE: 120,
      COLLAB_TABLE_PREFIX: 'longhand_', COLLAB_REDIS_PREFIX: 'longhand',
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x@127.0.0.1/db' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ COLLAB_MAX_DOCUMENT_BYTES: '0' }, 'COLLAB_MAX_DOCUMENT_BYTES'],
    [{ COLLAB_MAX_MESSAGE_BYTES: 'big' }, 'COLLAB_MAX_MESSAGE_BYTES'],
    [{ COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: '-1' }, 'COLLAB_MAX_CONNECTIONS_PER_DOCUMENT'],
    [{ COLLAB_MAX_MESSAGES_PER_SECOND: '1.5' }, 'COLLAB_MAX_MESSAGES_PER_SECOND'],
    [{ COLLAB_MAX_CONNECTS_PER_MINUTE: 'lots' }, 'COLLAB_MAX_CONNECTS_PER_MINUTE'],
    [{ COLLAB_TABLE_PREFIX: 'drop table;' }, 'COLLAB_TABLE_PREFIX'],
    [{ COLLAB_REDIS_PREFIX: 'Upper' }, 'COLLAB_REDIS_PREFIX'],
  ])('an invalid value stops start-up naming the variable: %o', (env, name) => {
    expect(fails(env)).toContain(`${name}:`);
  });

  it('passwords in DATABASE_URL and REDIS_URL are secrets the logger scrubs', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:pg-pass-123@db.example/x', REDIS_URL: 'redis://:redis%2Fpass@cache.example:6379' });
    expect(c.secrets).toEqual(expect.arrayContaining(['pg-pass-123', 'redis/pass']));
  });
});

describe('start-up with the services', () => {
  const start = (env: Record<string, string>) => startServer({
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', COLLAB_CONNECT_TIMEOUT_MS: '3000', ...env }, serveClient: false,
  });

  it('creates LONGHAND_DATA_DIR and the SQLite file with no setup', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'longhand-data-'));
    const dir = join(parent, 'nested', 'data');
    const s = await start({ LONGHAND_DATA_DIR: dir });
    try {
      expect(existsSync(join(dir, 'longhand.sqlite'))).toBe(true);
    } finally {
      await s.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('an unreachable PostgreSQL fails fast, naming DATABASE_URL, password hidden', async () => {
    const t0 = Date.now();
    const err = await start({ DATABASE_URL: 'postgres://postgres:hunter2-secret@127.0.0.1:9/test' }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/^DATABASE_URL: could not use PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9\/test: /);
    expect(err?.message).not.toContain('hunter2');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('an unreachable Redis fails fast, naming REDIS_URL', async () => {
    const prefix = uniquePrefix('cfg');
    const t0 = Date.now();
    const err = await start({ DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix, REDIS_URL: 'redis://127.0.0.1:9' })
      .then(() => null, (e: Error) => e);
    await dropTables(prefix);
    expect(err?.message).toMatch(/^REDIS_URL: could not reach Redis at redis:\/\/127\.0\.0\.1:9/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reachable PostgreSQL and Redis: starts, and stops cleanly', async () => {
    const prefix = uniquePrefix('cfg');
    const s = await start({ DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix, REDIS_URL, COLLAB_REDIS_PREFIX: prefix.replace(/_$/, '') });
    await s.close();
    await dropTables(prefix);
  });
});

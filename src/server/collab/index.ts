// The collaboration service inside the one Longhand process: storage (SQLite, or PostgreSQL with DATABASE_URL),
// optional Redis scale-out (REDIS_URL), the Hocuspocus sync server at /collab and the /api/share routes.
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import type { Config } from '../config';
import type { Logger } from '../log';
import { LonghandRedis } from './redis';
import { shareRoutes } from './routes';
import { CollabStartError, openStore, reason } from './storage';
import { memoryLeases, redisLeases } from './startLease';
import { CollabSync } from './sync';
import { attachUpgrade } from './upgrade';

export { CollabStartError } from './storage';

export interface Collab {
  /** Adds /api/share/* to the app (before its /api catch-all). */
  mount(app: Hono): void;
  /** Starts answering WebSocket upgrades at /collab on the app's HTTP server. */
  attach(server: Server): void;
  stats(): { documents: number; connections: number };
  close(): Promise<void>;
}

export async function startCollab(cfg: Config, log: Logger, root: string): Promise<Collab> {
  const store = await openStore(cfg, root);
  let redis: LonghandRedis | undefined;
  // Late-bound: the Redis extension must exist before Hocuspocus is configured, and its hooks call the sync.
  let sync: CollabSync | undefined;
  if (cfg.REDIS_URL) {
    redis = new LonghandRedis(cfg.REDIS_URL, cfg.COLLAB_REDIS_PREFIX, {
      accept: (name) => sync?.acceptsRelay(name) ?? true,
      notice: (n) => {
        if (n.type === 'revoked') sync?.revokedShare(n.documentId, n.generation);
        else sync?.rotatedShare(n.documentId);
      },
    }, log);
    try {
      await redis.start(cfg.REDIS_URL, cfg.COLLAB_CONNECT_TIMEOUT_MS);
    } catch (e) {
      await store.close().catch(() => {});
      throw new CollabStartError(reason(e));
    }
  }
  const leases = redis ? redisLeases(redis.leaseCommands(), cfg.COLLAB_REDIS_PREFIX) : memoryLeases();
  const s = new CollabSync({ env: cfg, store, log, redis, leases });
  sync = s;
  let detach: (() => void) | undefined;
  // The database already holds the change; other instances also find a revoked share gone at their next write.
  const notify = async (n: Parameters<LonghandRedis['publishNotice']>[0]) => {
    try {
      await redis?.publishNotice(n);
    } catch (e) {
      log.error('collab notice not published', { type: n.type, detail: reason(e) });
    }
  };
  log.info('collab ready', { storage: store.kind, redis: !!redis });

  return {
    mount(app) {
      app.route('/api/share', shareRoutes(store, {
        rotated: async (id) => {
          s.rotatedShare(id);
          await notify({ type: 'rotated', documentId: id, generation: '' });
        },
        revoked: async (id, generation) => {
          s.revokedShare(id, generation);
          await notify({ type: 'revoked', documentId: id, generation });
        },
      }, log, cfg.RATE_LIMIT_PER_MINUTE));
    },
    attach(server) {
      detach = attachUpgrade(server, cfg, s, log);
    },
    stats: () => s.stats(),
    async close() {
      detach?.();
      await s.stop();
      redis?.disconnect();
      await store.close();
    },
  };
}

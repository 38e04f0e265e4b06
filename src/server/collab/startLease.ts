// The start lease (src/shared/collab.ts, START_LEASE_TYPE): one Write all or Plan outline may start per shared
// document at a time. The awareness echo (src/features/collab/jobs.ts) orders two claims on one instance; across
// instances there is no single order of awareness messages, so the claim is first taken here, where there is
// one: a Redis key set only if absent (with REDIS_URL), or this process's map (one instance, no Redis).
import type { StartLeaseHolder } from '../../shared/collab';

export interface StartLeases {
  /** Grants the lease of `key` to `holder` (null) or returns who holds it. The holder asking again is granted. */
  take(key: string, holder: StartLeaseHolder, ttlMs: number): Promise<StartLeaseHolder | null>;
  /** Releases the lease if `clientId` holds it (a late release never frees someone else's lease). */
  release(key: string, clientId: number): Promise<void>;
}

/** One process: the lease lives in this object (one per collaboration service). */
export function memoryLeases(now: () => number = Date.now): StartLeases {
  const held = new Map<string, { holder: StartLeaseHolder; until: number }>();
  return {
    async take(key, holder, ttlMs) {
      const t = now();
      const cur = held.get(key);
      if (cur && cur.until > t && cur.holder.clientId !== holder.clientId) return cur.holder;
      // Expired entries go when their key is next used; sweep the rest so the map stays bounded.
      if (held.size > 1_000) for (const [k, v] of held) if (v.until <= t) held.delete(k);
      held.set(key, { holder, until: t + ttlMs });
      return null;
    },
    async release(key, clientId) {
      if (held.get(key)?.holder.clientId === clientId) held.delete(key);
    },
  };
}

/** The ioredis commands used here, typed here so this file does not import a transitive dependency. */
export interface LeaseCommands {
  eval(script: string, keys: number, ...args: string[]): Promise<unknown>;
}

// Compare-and-delete in one step: between a GET and a DEL the lease could expire and be granted to another.
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).clientId == tonumber(ARGV[1]) then return redis.call('DEL', KEYS[1]) end
return 0`;
// The holder asking again (a retry) refreshes its own lease; anyone else gets the current holder back.
const TAKE = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).clientId ~= tonumber(ARGV[2]) then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return false`;

/** Every instance behind one Redis: the key is the single place two claims meet. */
export function redisLeases(redis: LeaseCommands, prefix: string): StartLeases {
  const k = (key: string) => `${prefix}!start:${key}`;
  return {
    async take(key, holder, ttlMs) {
      const found = await redis.eval(TAKE, 1, k(key), JSON.stringify(holder), String(holder.clientId), String(ttlMs));
      return typeof found === 'string' ? JSON.parse(found) as StartLeaseHolder : null;
    },
    async release(key, clientId) {
      await redis.eval(RELEASE, 1, k(key), String(clientId));
    },
  };
}

// The start lease on its own: one process's map, and Redis shared by several connections (as several instances
// share it), where concurrent takes must grant exactly one.
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { LonghandRedis } from './redis';
import { memoryLeases, redisLeases, type StartLeases } from './startLease';
import { REDIS_URL, uniquePrefix } from './testing/services';

const a = { clientId: 1, kind: 'write-all' as const, by: 'Ann' };
const b = { clientId: 2, kind: 'plan' as const, by: 'Ben' };

function contract(name: string, make: () => StartLeases, expire: (ms: number) => Promise<void>) {
  describe(name, () => {
    it('grants the first, tells the second who holds it, and grants the holder again', async () => {
      const l = make();
      expect(await l.take('doc:g', a, 60_000)).toBeNull();
      expect(await l.take('doc:g', b, 60_000)).toEqual(a);
      expect(await l.take('doc:g', a, 60_000)).toBeNull();
      expect(await l.take('other:g', b, 60_000)).toBeNull();
    });
    it('is released only by its holder', async () => {
      const l = make();
      expect(await l.take('doc:r', a, 60_000)).toBeNull();
      await l.release('doc:r', b.clientId);
      expect(await l.take('doc:r', b, 60_000)).toEqual(a);
      await l.release('doc:r', a.clientId);
      expect(await l.take('doc:r', b, 60_000)).toBeNull();
    });
    it('expires', async () => {
      const l = make();
      expect(await l.take('doc:e', a, 50)).toBeNull();
      await expire(60);
      expect(await l.take('doc:e', b, 60_000)).toBeNull();
    });
  });
}

let clock = 0;
contract('in one process', () => memoryLeases(() => clock), async (ms) => { clock += ms; });

const prefix = uniquePrefix('lease');
const conns: LonghandRedis[] = [];
const instance = () => {
  const r = new LonghandRedis(REDIS_URL, prefix, { accept: () => true, notice: () => {} }, createLogger('silent', []));
  conns.push(r);
  return r;
};
afterAll(() => { for (const r of conns) r.disconnect(); });

contract('in Redis', () => redisLeases(instance().leaseCommands(), prefix),
  // Redis expires a key by its own clock: wait for that, checked the way Redis would answer.
  (ms) => new Promise((ok) => setTimeout(ok, ms)));

describe('in Redis, from several instances at once', () => {
  it('of 8 instances asking at the same moment, exactly one is granted, and the others all name it', async () => {
    const leases = Array.from({ length: 8 }, () => redisLeases(instance().leaseCommands(), prefix));
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(leases.map((l, i) => l.take(`race${round}:g`, { clientId: 100 + i, kind: 'write-all', by: `p${i}` }, 60_000)));
      const granted = answers.map((h, i) => (h === null ? i : -1)).filter((i) => i >= 0);
      expect(granted).toHaveLength(1);
      for (const h of answers) if (h) expect(h.clientId).toBe(100 + granted[0]!);
    }
  });
});

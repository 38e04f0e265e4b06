// The durability rule: nothing a client has seen acknowledged may be lost when the server is SIGKILLed right
// after. Two clients type into one section of a server in a child process; it is killed mid-typing; a fresh
// server on the same storage must hold every token either client had seen acknowledged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, docId, share, textOf, type, until, type Client } from './testing/client';
import { PG_URL, dropTables, uniquePrefix } from './testing/services';
import { spawnServer, type Child } from './testing/spawn';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

/** Both clients type one token per turn until each has `acks` acknowledged, then the server is killed while they
 *  go on typing. Returns what each had seen acknowledged at the moment of the kill. */
async function typeAndKill(server: Child, a: Client, b: Client, acks: number) {
  let typing = true;
  let i = 0;
  const loop = (async () => {
    while (typing) {
      type(a, 's', `a-${i}`);
      type(b, 's', `b-${i}`);
      i++;
      await new Promise((ok) => setImmediate(ok));
      // Keep a few updates in flight, never thousands: a real writer types, the kill lands mid-stream.
      await until(() => !typing || (a.sent.length - a.acked.length < 8 && b.sent.length - b.acked.length < 8), 'in-flight window', 30_000);
    }
  })();
  await until(() => a.acked.length >= acks && b.acked.length >= acks, `${acks} acknowledged each`, 30_000);
  const kill = server.kill('SIGKILL');
  // What the clients have seen acknowledged when the kill lands (acks cannot arrive after that).
  await kill;
  typing = false;
  await loop;
  return { a: [...a.acked], b: [...b.acked], inFlight: a.sent.length - a.acked.length + b.sent.length - b.acked.length };
}

async function scenario(env: Record<string, string>) {
  const first = await spawnServer(env);
  cleanups.push(() => first.kill());
  const id = docId('kill');
  const { json } = await share(first.url, id);
  const a = connect(first.url, id, json.secret);
  const b = connect(first.url, id, json.secret);
  cleanups.push(() => { a.destroy(); b.destroy(); });
  await until(() => a.isSynced() && b.isSynced(), 'both synced');

  const seen = await typeAndKill(first, a, b, 100);
  a.destroy();
  b.destroy();

  const second = await spawnServer(env);
  cleanups.push(() => second.kill());
  const c = connect(second.url, id, json.secret);
  cleanups.push(() => c.destroy());
  await until(() => c.isSynced(), 'a fresh client synced with the restarted server');
  const text = textOf(c.doc, 's');
  const lost = [...seen.a, ...seen.b].filter((t) => !text.includes(`>${t}<`));
  expect(lost, `acknowledged but lost after SIGKILL (of ${seen.a.length + seen.b.length})`).toEqual([]);
  expect(seen.a.length).toBeGreaterThanOrEqual(100);
  expect(seen.b.length).toBeGreaterThanOrEqual(100);
}

describe('SIGKILL mid-typing loses nothing either client saw acknowledged', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhand-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await scenario({ LONGHAND_DATA_DIR: dir });
  }, 90_000);

  it('PostgreSQL', async () => {
    const prefix = uniquePrefix('kill');
    cleanups.push(() => dropTables(prefix));
    await scenario({ DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix });
  }, 90_000);
});

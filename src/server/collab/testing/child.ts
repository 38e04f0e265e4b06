// A Longhand server in its own process, for tests that SIGKILL it: `node --import tsx child.ts`. Prints its URL
// on the first stdout line; answers "mem" / "gc" over IPC with its memory and counts.
import { startServer } from '../../main';

const s = await startServer({ env: process.env, serveClient: false, logSink: (l) => process.stderr.write(`${l}\n`) });
process.on('disconnect', () => process.exit(0)); // the parent went away: do not linger
process.on('message', (m) => {
  if (m === 'gc' && global.gc) { global.gc(); global.gc(); }
  const u = process.memoryUsage();
  const c = process.cpuUsage();
  process.send?.({ rss: u.rss, heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers, cpuMs: (c.user + c.system) / 1000 });
});
process.stdout.write(`${s.url}\n`);

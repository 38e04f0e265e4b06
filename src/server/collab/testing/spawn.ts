// Starts Longhand servers as child processes (source via tsx, or the build), so a test can SIGKILL one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Child {
  url: string;
  child: ChildProcess;
  stderr: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
  mem(gc?: boolean): Promise<{ rss: number; heapUsed: number; external: number; arrayBuffers: number; cpuMs: number }>;
}

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** `dist`: run the built server (bench) instead of the sources (tests). */
export async function spawnServer(env: Record<string, string>, opts: { dist?: string } = {}): Promise<Child> {
  const script = opts.dist
    ? ['--expose-gc', '--input-type=module', '-e', `
        const { startServer } = await import(${JSON.stringify(`file://${join(opts.dist, 'server', 'main.js')}`)});
        const s = await startServer({ env: process.env, serveClient: false, logSink: (l) => process.stderr.write(l + '\\n') });
        process.on('disconnect', () => process.exit(0));
        process.on('SIGTERM', () => process.exit(0));
        process.on('message', (m) => {
          if (m === 'gc' && global.gc) { global.gc(); global.gc(); }
          const u = process.memoryUsage();
          const c = process.cpuUsage();
          process.send({ rss: u.rss, heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers, cpuMs: (c.user + c.system) / 1000 });
        });
        process.stdout.write(s.url + '\\n');`]
    : ['--expose-gc', '--import', 'tsx', join(root, 'src/server/collab/testing/child.ts')];
  if (opts.dist && !existsSync(join(opts.dist, 'server', 'main.js'))) throw new Error(`${opts.dist}/server/main.js is missing: build first`);
  const child = spawn(process.execPath, script, {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', ...env },
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => { rl.close(); ok(l.trim()); });
    child.once('exit', (code) => fail(new Error(`server exited early (${code}): ${stderr.join('\n')}`)));
  });
  return {
    url, child, stderr,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    mem: (gc = false) => new Promise((ok) => {
      child.once('message', (m) => ok(m as Awaited<ReturnType<Child['mem']>>));
      child.send(gc ? 'gc' : 'mem');
    }),
  };
}

// Collaboration bench: 40 simulated writers (Node, @hocuspocus/provider over `ws`) typing into 10 shared documents
// through the built server, on one instance and on two instances joined by Redis, side by side:
// - update latency from the writer's keystroke to each other writer of the document seeing it (p50/p95),
// - keystroke → acknowledged by the server (the update is in the database by then: the durability rule's cost),
// - server memory per loaded document and per connection (heap + external, after GC, summed over instances).
// Servers run in child processes (the build, as `npm start` runs it); the writers share this process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import * as Y from 'yjs';
import { connect, docId, share, until, type Client } from '../src/server/collab/testing/client';
import { PG_URL, REDIS_URL, dropTables } from '../src/server/collab/testing/services';
import { spawnServer, type Child } from '../src/server/collab/testing/spawn';
import { readCorpusText } from './corpus';
import { distDir, ms, percentile, ratio } from './support';

interface Ctx { root: string; log?: (line: string) => void }

const DOCS = 10;
const PER_DOC = 4;
const EDITS = Number(process.env.BENCH_COLLAB_EDITS ?? 40);
const INTERVAL_MS = Number(process.env.BENCH_COLLAB_INTERVAL_MS ?? 200);
const READERS = 100;

interface Setup { name: string; instances: number; env: Record<string, string> }
interface Result {
  setup: Setup;
  latency: number[];
  crossLatency: number[];
  ack: number[];
  perDocument: number;
  perConnection: number;
  docBytes: number;
  edits: number;
  /** Server CPU (all instances) during the typing phase, per edit. */
  cpuPerEdit: number;
  /** The writers' own process: CPU per edit and event-loop delay p99 (its share of the latency). */
  clientCpuPerEdit: number;
  clientLagP99: number;
}

const cpuOf = async (servers: Child[]) => {
  let total = 0;
  for (const s of servers) total += (await s.mem(false)).cpuMs;
  return total;
};

const memOf = async (servers: Child[]) => {
  let total = 0;
  for (const s of servers) {
    const m = await s.mem(true);
    total += m.heapUsed + m.external;
  }
  return total;
};

async function scenario(ctx: Ctx, setup: Setup, seed: string[]): Promise<Result> {
  const dist = distDir(ctx.root);
  const env = { ...setup.env, COLLAB_MAX_CONNECTS_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' };
  const servers: Child[] = [];
  const clients: Client[] = [];
  try {
    for (let i = 0; i < setup.instances; i++) servers.push(await spawnServer(env, { dist }));
    const mem0 = await memOf(servers);

    const docs: { id: string; secret: string }[] = [];
    for (let d = 0; d < DOCS; d++) {
      const id = docId(`bench${d}`);
      const { json } = await share(servers[0].url, id);
      docs.push({ id, secret: json.secret });
    }
    // Writer k of a document connects to instance k % instances: on two instances, half of each document's
    // writers are across Redis from the other half.
    const instanceOf = (k: number) => k % setup.instances;
    const writers: { c: Client; doc: number; k: number; text: Y.XmlText }[] = [];
    const enter = (d: number, k: number) => {
      const c = connect(servers[instanceOf(k)].url, docs[d].id, docs[d].secret);
      clients.push(c);
      return c;
    };

    // Phase A: two writers per document (so every document is loaded wherever it will be), the first seeding it.
    for (let d = 0; d < DOCS; d++) {
      const first = enter(d, 0);
      const frag = first.doc.getXmlFragment('body');
      first.doc.transact(() => {
        frag.insert(0, seed.map((p) => {
          const el = new Y.XmlElement('paragraph');
          el.insert(0, [new Y.XmlText(p)]);
          return el;
        }));
      });
      writers.push({ c: first, doc: d, k: 0, text: undefined as unknown as Y.XmlText });
      writers.push({ c: enter(d, 1), doc: d, k: 1, text: undefined as unknown as Y.XmlText });
    }
    await until(() => clients.every((c) => c.isSynced()), 'phase A synced', 120_000);
    const docBytes = Y.encodeStateAsUpdate(clients[0].doc).length;
    const memA = await memOf(servers);
    for (let d = 0; d < DOCS; d++) for (let k = 2; k < PER_DOC; k++) writers.push({ c: enter(d, k), doc: d, k, text: undefined as unknown as Y.XmlText });
    await until(() => clients.every((c) => c.isSynced() && c.doc.getXmlFragment('body').length >= seed.length), 'phase B synced', 120_000);

    // Each writer types into a paragraph of its own, appended once.
    for (const w of writers) {
      const el = new Y.XmlElement('paragraph');
      w.text = new Y.XmlText(`writer ${w.doc}/${w.k}:`);
      el.insert(0, [w.text]);
      const frag = w.c.doc.getXmlFragment('body');
      frag.insert(frag.length, [el]);
    }
    await until(() => clients.every((c) => c.isSynced()), 'own paragraphs synced', 60_000);

    const sentAt = new Map<number, { t: number; instance: number }>();
    const latency: number[] = [];
    const crossLatency: number[] = [];
    const ack: number[] = [];
    const seen = new Map<number, number>();
    for (const w of writers) {
      const instance = instanceOf(w.k);
      w.c.doc.getXmlFragment('body').observeDeep((events) => {
        const now = performance.now();
        for (const e of events) {
          if (e.transaction.local) continue;
          for (const op of e.changes.delta) {
            if (typeof op.insert !== 'string') continue;
            for (const m of op.insert.matchAll(/⟦(\d+)⟧/g)) {
              const n = Number(m[1]);
              const s = sentAt.get(n);
              if (!s) continue;
              latency.push(now - s.t);
              if (s.instance !== instance) crossLatency.push(now - s.t);
              seen.set(n, (seen.get(n) ?? 0) + 1);
            }
          }
        }
      });
      w.c.onAck = (token) => {
        const s = sentAt.get(Number(token));
        if (s) ack.push(performance.now() - s.t);
      };
    }

    let next = 0;
    const cpu0 = await cpuOf(servers);
    const clientCpu0 = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    await Promise.all(writers.map(async (w, i) => {
      await new Promise((ok) => setTimeout(ok, (i * INTERVAL_MS) / writers.length)); // spread the writers out
      for (let e = 0; e < EDITS; e++) {
        const n = next++;
        sentAt.set(n, { t: performance.now(), instance: instanceOf(w.k) });
        w.text.insert(w.text.length, ` w⟦${n}⟧`);
        w.c.sent.push(String(n));
        await new Promise((ok) => setTimeout(ok, INTERVAL_MS * (0.5 + Math.random())));
      }
    }));
    const edits = next;
    await until(() => [...Array(edits).keys()].every((n) => (seen.get(n) ?? 0) >= PER_DOC - 1), 'every edit seen by the other writers', 120_000);
    const cpuPerEdit = (await cpuOf(servers) - cpu0) / edits;
    lag.disable();
    const clientCpu = process.cpuUsage(clientCpu0);
    const clientCpuPerEdit = (clientCpu.user + clientCpu.system) / 1000 / edits;
    const clientLagP99 = lag.percentile(99) / 1e6;

    // Memory per connection: READERS more idle readers spread over the documents and instances, after the edits
    // (so their setup does not disturb the latencies). Per document: phase A less its connections, per copy.
    const memB = await memOf(servers);
    const readers: Client[] = [];
    for (let r = 0; r < READERS; r++) {
      const d = r % DOCS;
      const c = connect(servers[r % setup.instances].url, docs[d].id, docs[d].secret);
      readers.push(c);
      clients.push(c);
    }
    await until(() => readers.every((c) => c.isSynced()), 'readers synced', 120_000);
    const memC = await memOf(servers);
    const perConnection = (memC - memB) / READERS;
    const loadedCopies = DOCS * Math.min(setup.instances, 2);
    const perDocument = (memA - mem0 - DOCS * 2 * perConnection) / loadedCopies;
    return { setup, latency, crossLatency, ack, perDocument, perConnection, docBytes, edits, cpuPerEdit, clientCpuPerEdit, clientLagP99 };
  } finally {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.kill('SIGTERM');
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchCollab(ctx: Ctx): Promise<string> {
  const log = ctx.log ?? (() => {});
  const text = readCorpusText(ctx.root, 'moby-dick.txt');
  // A chapter-sized document: the first 120 paragraphs after the front matter.
  const seed = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 40).slice(40, 160);
  const prefix = `bench${process.pid}_${randomBytes(3).toString('hex')}_`;
  const dir = mkdtempSync(join(tmpdir(), 'longhand-bench-collab-'));
  const setups: Setup[] = [
    { name: 'one instance, SQLite', instances: 1, env: { LONGHAND_DATA_DIR: dir } },
    { name: 'one instance, PostgreSQL', instances: 1, env: { DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix } },
    {
      name: 'two instances, Redis + PostgreSQL', instances: 2,
      env: { DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix, REDIS_URL, COLLAB_REDIS_PREFIX: prefix.replace(/_$/, '') },
    },
  ];
  const results: Result[] = [];
  const loadBefore = loadavg()[0];
  try {
    for (const s of setups) {
      log(`bench collab: ${s.name}…`);
      results.push(await scenario(ctx, s, seed));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropTables(prefix).catch(() => {});
  }
  const [sqlite, pg, two] = results;
  const row = (label: string, f: (r: Result) => string, base?: (r: Result) => number) =>
    `| ${label} | ${results.map(f).join(' | ')} | ${base ? ratio(base(two), base(pg)) : ''} |`;
  const p = (xs: number[], q: number) => percentile(xs, q);
  return [
    `## Collaboration: ${DOCS * PER_DOC} writers typing into ${DOCS} shared documents`,
    '',
    `${DOCS * PER_DOC} Node clients (the real \`@hocuspocus/provider\`, \`ws\` as the WebSocket), ${PER_DOC} per document, each`,
    `typing ${EDITS} words at one every ~${INTERVAL_MS} ms into its own paragraph of a ${kb(results[0].docBytes)} chapter-sized document`,
    `(Moby-Dick). Servers are the build in child processes; on two instances, writers of one document alternate between`,
    'them, so half of every document\'s readers are across Redis. Latency: keystroke → each other writer of the document',
    'has it. Acknowledged: keystroke → the server\'s sync-status message (the update is in the database by then).',
    'Memory: heap + external after GC, summed over the instances; per connection from 100 more idle readers; per document',
    'is per loaded copy (on two instances each document is loaded once on each).',
    '',
    `| | ${results.map((r) => r.setup.name).join(' | ')} | two vs one (PostgreSQL) |`,
    `|---|${results.map(() => '---').join('|')}|---|`,
    row('update latency p50', (r) => ms(p(r.latency, 50)), (r) => p(r.latency, 50)),
    row('update latency p95', (r) => ms(p(r.latency, 95)), (r) => p(r.latency, 95)),
    row('across instances p50 / p95', (r) => (r.crossLatency.length ? `${ms(p(r.crossLatency, 50))} / ${ms(p(r.crossLatency, 95))}` : '—')),
    row('keystroke → acknowledged p50', (r) => ms(p(r.ack, 50)), (r) => p(r.ack, 50)),
    row('keystroke → acknowledged p95', (r) => ms(p(r.ack, 95)), (r) => p(r.ack, 95)),
    row('server CPU per edit (all instances)', (r) => ms(r.cpuPerEdit), (r) => r.cpuPerEdit),
    row('writers\' process: CPU per edit / event-loop delay p99', (r) => `${ms(r.clientCpuPerEdit)} / ${ms(r.clientLagP99)}`),
    row('server memory per document', (r) => kb(r.perDocument)),
    row('server memory per connection', (r) => kb(r.perConnection)),
    row('edits / latency samples', (r) => `${r.edits} / ${r.latency.length}`),
    '',
    `Same run, same machine (1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, on`,
    `${cpus().length} cores: figures scale with what else the machine runs). SQLite p50 ${ms(p(sqlite.latency, 50))}; the`,
    'two-instance column adds the Redis relay (a sync step-1/step-2 round trip through Redis per change) to the',
    'PostgreSQL append that every update waits for before it is acknowledged.',
  ].join('\n');
}

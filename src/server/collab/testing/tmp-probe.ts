import * as Y from 'yjs';
import { connect, docId, share, until } from './client';
import { spawnServer } from './spawn';
const n = Number(process.argv[2] ?? 2);
const s = await spawnServer({ LONGHAND_DATA_DIR: '/tmp/lh-probe', LOG_LEVEL: 'error' }, { dist: '/work/wt/collab/dist' });
const id = docId('probe');
const { json } = await share(s.url, id);
const cs = Array.from({ length: n }, () => connect(s.url, id, json.secret));
await until(() => cs.every((c) => c.isSynced()), 'synced');
const text = new Y.XmlText('x');
const el = new Y.XmlElement('p'); el.insert(0, [text]);
cs[0].doc.getXmlFragment('body').insert(0, [el]);
await until(() => cs.every((c) => c.isSynced()), 'synced2');
const lat: number[] = [];
const t0s = new Map<string, number>();
cs[0].onAck = (t) => lat.push(performance.now() - t0s.get(t)!);
for (let i = 0; i < 100; i++) {
  t0s.set(String(i), performance.now());
  text.insert(text.length, ` w${i}`);
  cs[0].sent.push(String(i));
  await new Promise((ok) => setTimeout(ok, 20));
}
await until(() => lat.length === 100, 'acks', 60000);
lat.sort((a, b) => a - b);
console.log('clients', n, 'ack p50', lat[50].toFixed(1), 'p95', lat[95].toFixed(1), 'max', lat[99].toFixed(1));
for (const c of cs) c.destroy();
await s.kill('SIGTERM');
process.exit(0);

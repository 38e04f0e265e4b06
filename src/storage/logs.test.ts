// The request log's live view: a watcher sees each appended entry of its section (and only its section's), with no
// listener list for appendLog to keep in step; after unsubscribing it hears nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appendLog, watchLogs } from './logs';
import type { RequestLogEntry } from '../core/model';

const entry = (sectionId: string, at: number) => ({ sectionId, kind: 'generate' as const, provider: 'openai', model: 'm', durationMs: 1, finishReason: 'stop', at });

/** Resolves with the first list `watchLogs` reports that satisfies `ok`. */
function next(seen: RequestLogEntry[][], ok: (rows: RequestLogEntry[]) => boolean): Promise<RequestLogEntry[]> {
  return new Promise((resolve) => {
    const poll = () => { const hit = seen.find(ok); if (hit) resolve(hit); else setTimeout(poll, 5); };
    poll();
  });
}

describe('watchLogs', () => {
  it('reports the section\'s latest entries, newest first, after each append; nothing after unsubscribing', async () => {
    const seen: RequestLogEntry[][] = [];
    const off = watchLogs('s1', 2, (rows) => seen.push(rows));
    await next(seen, (r) => r.length === 0);
    await appendLog(entry('s1', 1));
    await appendLog(entry('other', 2));
    await appendLog(entry('s1', 3));
    await appendLog(entry('s1', 4));
    const last = await next(seen, (r) => r.length === 2 && r[0]!.at === 4);
    expect(last.map((r) => r.at)).toEqual([4, 3]);
    expect(seen.flat().every((r) => r.sectionId === 's1')).toBe(true);
    off();
    const count = seen.length;
    await appendLog(entry('s1', 5));
    // Another watcher proves the append has been observed; the unsubscribed one must not have been called.
    const probe: RequestLogEntry[][] = [];
    const offProbe = watchLogs('s1', 1, (rows) => probe.push(rows));
    await next(probe, (r) => r[0]?.at === 5);
    offProbe();
    expect(seen.length).toBe(count);
  });
});

// The per-section request log: provider, model, tokens, duration, finish reason. Append-only.
import { liveQuery } from 'dexie';
import { db } from './db';
import { newId } from '../core/ids';
import type { RequestLogEntry } from '../core/model';

export async function appendLog(entry: Omit<RequestLogEntry, 'id' | 'at'> & { at?: number }): Promise<RequestLogEntry> {
  const full: RequestLogEntry = { id: newId('log'), at: Date.now(), ...entry };
  await db.logs.put(full);
  return full;
}

export async function listLogs(sectionId: string, limit = 50): Promise<RequestLogEntry[]> {
  const rows = await db.logs.where('sectionId').equals(sectionId).sortBy('at');
  return rows.slice(-limit).reverse();
}

/** Calls `onRows` with a section's latest entries now and after every change to them, in this tab or another
 * (Dexie's live query observes the table, so the database stays the one home of the log); returns the unsubscribe. */
export function watchLogs(sectionId: string, limit: number, onRows: (rows: RequestLogEntry[]) => void): () => void {
  const sub = liveQuery(() => listLogs(sectionId, limit)).subscribe({ next: onRows, error: () => {} });
  return () => sub.unsubscribe();
}

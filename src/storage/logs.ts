// The per-section request log: provider, model, tokens, duration, finish reason. Append-only.
import { db } from './db';
import { newId } from '../core/ids';
import type { RequestLogEntry } from '../core/model';

type Listener = (sectionId: string) => void;
const listeners = new Set<Listener>();

export async function appendLog(entry: Omit<RequestLogEntry, 'id' | 'at'> & { at?: number }): Promise<RequestLogEntry> {
  const full: RequestLogEntry = { id: newId('log'), at: Date.now(), ...entry };
  await db.logs.put(full);
  listeners.forEach((l) => l(full.sectionId));
  return full;
}

export async function listLogs(sectionId: string, limit = 50): Promise<RequestLogEntry[]> {
  const rows = await db.logs.where('sectionId').equals(sectionId).sortBy('at');
  return rows.slice(-limit).reverse();
}

/** Called with the section id whenever a log entry is appended (so open log views refresh). */
export function onLogAppended(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

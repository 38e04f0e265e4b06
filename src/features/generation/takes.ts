// Takes: every generation is kept (the last 10 per section) so the writer can switch between them and back.
// A take stores the section's Markdown as that generation left it, so switching restores the whole section.
import { db } from '../../storage/db';
import type { Take } from '../../core/model';

export const MAX_TAKES = 10;

type Listener = (sectionId: string) => void;
const listeners = new Set<Listener>();

export function onTakesChanged(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export async function listTakes(sectionId: string): Promise<Take[]> {
  const rows = await db.takes.where('sectionId').equals(sectionId).sortBy('createdAt');
  return rows.reverse();
}

/** Saves a take and drops the oldest beyond MAX_TAKES. */
export async function saveTake(take: Take): Promise<void> {
  await db.takes.put(take);
  const rows = await db.takes.where('sectionId').equals(take.sectionId).sortBy('createdAt');
  const old = rows.slice(0, Math.max(0, rows.length - MAX_TAKES)).map((t) => t.id);
  if (old.length) await db.takes.bulkDelete(old);
  listeners.forEach((l) => l(take.sectionId));
}

export function getTake(id: string): Promise<Take | undefined> {
  return db.takes.get(id);
}

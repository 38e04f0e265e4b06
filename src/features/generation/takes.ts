// Takes: every generation is kept (the last 10 per section) so the writer can switch between them and back.
// A take stores the section's Markdown as that generation left it, so switching restores the whole section.
import { liveQuery } from 'dexie';
import { db } from '../../storage/db';
import type { Take } from '../../core/model';

export const MAX_TAKES = 10;

/** Calls `onTakes` with a section's takes (newest first) now and after every change to them, in this tab or
 * another (Dexie's live query observes the table: no listener list to keep in step); returns the unsubscribe. */
export function watchTakes(sectionId: string, onTakes: (takes: Take[]) => void): () => void {
  const sub = liveQuery(() => listTakes(sectionId)).subscribe({ next: onTakes, error: () => {} });
  return () => sub.unsubscribe();
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
}

export function getTake(id: string): Promise<Take | undefined> {
  return db.takes.get(id);
}

// Adding, editing and deleting entries. Entries are document data: they live on the document record
// (DocumentMeta.bible) and every change goes through updateDoc, so they save like any other document setting.
import { useStore } from '../../app/store';
import { newId } from '../../core/ids';
import type { BibleEntry, BibleKind } from '../../core/bible/types';

export type EntryPatch = Partial<Pick<BibleEntry, 'kind' | 'name' | 'aliases' | 'description' | 'progressions' | 'alwaysInclude'>>;

const entries = (): BibleEntry[] => useStore.getState().doc?.bible ?? [];
const write = (list: BibleEntry[]) => useStore.getState().updateDoc({ bible: list });

export function addEntry(init: { name?: string; kind?: BibleKind } = {}): string | null {
  const s = useStore.getState();
  if (!s.doc || s.readOnlyReason) return null;
  const now = Date.now();
  const entry: BibleEntry = {
    id: newId('b'), kind: init.kind ?? 'character', name: init.name ?? 'New entry', aliases: [], description: '',
    progressions: [], alwaysInclude: false, createdAt: now, updatedAt: now,
  };
  write([...entries(), entry]);
  return entry.id;
}

export function updateEntry(id: string, patch: EntryPatch): void {
  if (useStore.getState().readOnlyReason) return;
  write(entries().map((e) => (e.id === id ? { ...e, ...patch, updatedAt: Date.now() } : e)));
}

/** Deletes an entry; the notice's Undo puts it back where it was (if the document is still open). */
export function deleteEntry(id: string): void {
  const s = useStore.getState();
  const list = entries();
  const index = list.findIndex((e) => e.id === id);
  if (index < 0 || s.readOnlyReason) return;
  const entry = list[index]!;
  const docId = s.doc!.id;
  write(list.filter((e) => e.id !== id));
  s.notify(`Deleted story bible entry “${entry.name}”.`, {
    undo: () => {
      const now = useStore.getState();
      if (now.doc?.id !== docId || entries().some((e) => e.id === id)) return;
      const cur = entries();
      write([...cur.slice(0, index), entry, ...cur.slice(index)]);
    },
  });
}

/** "Ellie, Els ,," → ["Ellie", "Els"] */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(',').map((a) => a.trim()).filter(Boolean))];
}

/** Entries whose name, aliases or description contain every word of the query (case-insensitive). */
export function searchEntries(list: readonly BibleEntry[], query: string): BibleEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...list];
  return list.filter((e) => {
    const hay = `${e.name}\n${e.aliases.join('\n')}\n${e.kind}\n${e.description}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

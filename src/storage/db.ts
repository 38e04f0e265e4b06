// IndexedDB schema. Section text is stored apart from section metadata so the outline of a 200k-word book
// loads without reading the book, and a keystroke writes only the section it changed.
import Dexie, { type Table } from 'dexie';
import type { DocumentMeta, RequestLogEntry, RichDoc, SectionMeta, Take } from '../core/model';

/** `journalBase`: the id of this snapshot; the section's journal (kv `j:<id>`) replays onto it only if its base matches. */
export interface ContentRecord { id: string; docId: string; doc: RichDoc; updatedAt: number; journalBase?: string }
export interface KvRecord { key: string; value: unknown }
export type Stored<T> = T & { deletedAt?: number };

export class LonghandDB extends Dexie {
  documents!: Table<Stored<DocumentMeta>, string>;
  sections!: Table<Stored<SectionMeta>, string>;
  contents!: Table<ContentRecord, string>;
  takes!: Table<Take, string>;
  logs!: Table<RequestLogEntry, string>;
  kv!: Table<KvRecord, string>;

  constructor(name = 'longhand') {
    super(name);
    this.version(1).stores({
      documents: 'id, updatedAt',
      sections: 'id, docId',
      contents: 'id, docId',
      takes: 'id, sectionId, createdAt',
      logs: 'id, sectionId, at',
      kv: 'key',
    });
  }
}

export const db = new LonghandDB();

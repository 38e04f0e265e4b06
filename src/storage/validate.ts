// Records read back from IndexedDB are checked one by one: a corrupted record is skipped and reported,
// and never stops the rest of a document from loading.
import type { DocumentMeta, SectionMeta } from '../core/model';
import { SECTION_STATUSES } from '../core/model';
import { BIBLE_KINDS, type BibleEntry, type BibleKind } from '../core/bible/types';

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function asDocument(raw: unknown): DocumentMeta | null {
  const r = raw as Partial<DocumentMeta> | null;
  if (!r || !isStr(r.id) || !Array.isArray(r.sectionIds)) return null;
  return {
    id: r.id,
    title: isStr(r.title) ? r.title : '',
    brief: isStr(r.brief) ? r.brief : '',
    targetWords: isNum(r.targetWords) ? r.targetWords : 0,
    sectionIds: r.sectionIds.filter(isStr),
    checklist: Array.isArray(r.checklist) ? r.checklist : [],
    createdAt: isNum(r.createdAt) ? r.createdAt : 0,
    updatedAt: isNum(r.updatedAt) ? r.updatedAt : 0,
    wordCount: isNum(r.wordCount) ? r.wordCount : 0,
    ...(isStr(r.authorName) ? { authorName: r.authorName } : {}),
    ...(isStr(r.contactLines) ? { contactLines: r.contactLines } : {}),
    ...(r.manuscriptFont === 'Courier New' || r.manuscriptFont === 'Times New Roman' ? { manuscriptFont: r.manuscriptFont } : {}),
    ...(Array.isArray(r.bible) ? { bible: asBible(r.bible) } : {}),
  };
}

/** Story bible entries: an entry without an id or a name string is dropped (a blank name is kept: the writer may be
 * typing it), damaged fields get safe defaults (and duplicate ids lose). */
export function asBible(raw: readonly unknown[]): BibleEntry[] {
  const out: BibleEntry[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const e = item as Partial<BibleEntry> | null;
    if (!e || typeof e !== 'object' || !isStr(e.id) || !e.id || seen.has(e.id) || !isStr(e.name)) continue;
    seen.add(e.id);
    out.push({
      id: e.id,
      kind: BIBLE_KINDS.includes(e.kind as BibleKind) ? e.kind! : 'thing',
      name: e.name,
      aliases: Array.isArray(e.aliases) ? e.aliases.filter((a): a is string => isStr(a) && !!a.trim()) : [],
      description: isStr(e.description) ? e.description : '',
      progressions: Array.isArray(e.progressions)
        ? e.progressions.filter((p): p is BibleEntry['progressions'][number] => !!p && isStr(p.sectionId) && isStr(p.text))
          .map((p) => ({ sectionId: p.sectionId, text: p.text }))
        : [],
      alwaysInclude: e.alwaysInclude === true,
      createdAt: isNum(e.createdAt) ? e.createdAt : 0,
      updatedAt: isNum(e.updatedAt) ? e.updatedAt : 0,
    });
  }
  return out;
}

export function asSection(raw: unknown): SectionMeta | null {
  const r = raw as Partial<SectionMeta> | null;
  if (!r || !isStr(r.id) || !isStr(r.docId)) return null;
  return {
    id: r.id,
    docId: r.docId,
    title: isStr(r.title) ? r.title : '',
    brief: isStr(r.brief) ? r.brief : '',
    targetWords: isNum(r.targetWords) ? r.targetWords : 0,
    status: SECTION_STATUSES.includes(r.status as never) ? r.status! : 'draft',
    wordCount: isNum(r.wordCount) ? r.wordCount : 0,
    summary: isStr(r.summary) ? r.summary : '',
    summaryHash: isStr(r.summaryHash) ? r.summaryHash : undefined,
    checklist: Array.isArray(r.checklist) ? r.checklist : [],
    streaming: r.streaming ?? null,
    interrupted: r.interrupted === true,
    updatedAt: isNum(r.updatedAt) ? r.updatedAt : 0,
  };
}

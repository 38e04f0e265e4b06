// Records read back from IndexedDB are checked one by one: a corrupted record is skipped and reported,
// and never stops the rest of a document from loading.
import type { DocumentMeta, SectionMeta } from '../core/model';
import { SECTION_STATUSES } from '../core/model';

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
  };
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

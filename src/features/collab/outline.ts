// The outline and document settings in the shared Y.Map 'outline', one key per field so two people changing
// different fields (or different sections) never overwrite each other: `doc/<field>` and `sec/<id>/<field>`.
// Counts, streaming flags and timestamps are this browser's own and are not shared.
import type * as Y from 'yjs';
import type { DocumentMeta, SectionMeta } from '../../core/model';

export const DOC_FIELDS = ['title', 'brief', 'targetWords', 'sectionIds', 'checklist', 'bible', 'authorName', 'contactLines', 'manuscriptFont'] as const;
export const SECTION_FIELDS = ['title', 'brief', 'targetWords', 'status', 'checklist', 'summary', 'summaryHash'] as const;

/** Transaction origin of this browser's outline writes (the observer skips them). */
export const LOCAL_OUTLINE = 'longhand:outline';

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const docKey = (f: string) => `doc/${f}`;
const secKey = (id: string, f: string) => `sec/${id}/${f}`;

export interface OutlineSnapshot {
  doc: Partial<DocumentMeta>;
  sections: Record<string, Partial<SectionMeta>>;
}

/** The section order a snapshot holds (none when the map has no valid one yet). */
export const sectionIdsOf = (snap: OutlineSnapshot): string[] => (Array.isArray(snap.doc.sectionIds) ? snap.doc.sectionIds : []);

export function readOutline(map: Y.Map<unknown>): OutlineSnapshot {
  const doc: Record<string, unknown> = {};
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of map.entries()) {
    const parts = key.split('/');
    if (parts[0] === 'doc' && parts.length === 2) doc[parts[1]!] = value;
    else if (parts[0] === 'sec' && parts.length === 3) (sections[parts[1]!] ??= {})[parts[2]!] = value;
  }
  return { doc: doc as Partial<DocumentMeta>, sections: sections as Record<string, Partial<SectionMeta>> };
}

/**
 * Writes what differs between the store and the map (call inside a transaction with LOCAL_OUTLINE).
 * Returns the ids of sections new to the map, whose text fragments the caller seeds.
 */
export function writeOutline(map: Y.Map<unknown>, doc: DocumentMeta, sections: Record<string, SectionMeta>, prev?: { doc: DocumentMeta | null; sections: Record<string, SectionMeta> }): string[] {
  const fresh: string[] = [];
  if (!prev || prev.doc !== doc) {
    for (const f of DOC_FIELDS) {
      const v = doc[f];
      // Only what changed here since the last write: a field this browser did not touch is not rewritten with
      // its (possibly older) value.
      if (prev?.doc && same(prev.doc[f], v)) continue;
      if (v === undefined) { if (map.has(docKey(f))) map.delete(docKey(f)); continue; }
      if (!same(map.get(docKey(f)), v)) map.set(docKey(f), v);
    }
  }
  if (!prev || prev.sections !== sections) {
    for (const [id, s] of Object.entries(sections)) {
      if (prev && prev.sections[id] === s) continue;
      const isNew = !map.has(secKey(id, 'title'));
      if (isNew) fresh.push(id);
      const before = isNew ? undefined : prev?.sections[id];
      for (const f of SECTION_FIELDS) {
        const v = s[f];
        if (before && same(before[f], v)) continue;
        if (v === undefined) { if (map.has(secKey(id, f))) map.delete(secKey(id, f)); continue; }
        if (!same(map.get(secKey(id, f)), v)) map.set(secKey(id, f), v);
      }
    }
    // A section deleted here; its text fragment stays in the Y.Doc (an undo of the delete brings it back).
    for (const id of Object.keys(prev?.sections ?? {})) {
      if (sections[id] || doc.sectionIds.includes(id)) continue;
      for (const f of SECTION_FIELDS) if (map.has(secKey(id, f))) map.delete(secKey(id, f));
    }
  }
  return fresh;
}

/** The store's document and sections updated from the map; null when nothing differs. */
export function mergeOutline(snapshot: OutlineSnapshot, doc: DocumentMeta, sections: Record<string, SectionMeta>, blank: (id: string) => SectionMeta): { doc: DocumentMeta; sections: Record<string, SectionMeta> } | null {
  let changed = false;
  const nextDoc: DocumentMeta = { ...doc };
  for (const f of DOC_FIELDS) {
    const v = snapshot.doc[f];
    if (v !== undefined && !same(doc[f], v)) { (nextDoc as unknown as Record<string, unknown>)[f] = v; changed = true; }
  }
  const ids = Array.isArray(nextDoc.sectionIds) ? nextDoc.sectionIds.filter((id) => snapshot.sections[id] || sections[id]) : doc.sectionIds;
  if (!same(ids, nextDoc.sectionIds)) { nextDoc.sectionIds = ids; changed = true; }
  const nextSections: Record<string, SectionMeta> = {};
  for (const id of ids) {
    const cur = sections[id] ?? blank(id);
    if (!sections[id]) changed = true;
    const fields = snapshot.sections[id] ?? {};
    let s = cur;
    for (const f of SECTION_FIELDS) {
      const v = fields[f];
      if (v !== undefined && !same(cur[f], v)) { s = { ...s, [f]: v }; changed = true; }
    }
    nextSections[id] = s;
  }
  if (Object.keys(sections).some((id) => !nextSections[id])) changed = true;
  return changed ? { doc: nextDoc, sections: nextSections } : null;
}

// Adding, removing and fixing checklist items. Items are document data: they live on the section record
// (section items) or on the document record (items for every section, or every Nth).
import { useStore } from '../../app/store';
import { newId } from '../../core/ids';
import type { ChecklistItem } from '../../core/model';
import { parsePeriodic, requirementText } from '../../core/checklist/parseItem';
import { proposeRevision } from './integrations';

export function addSectionItem(sectionId: string, text: string): boolean {
  const s = useStore.getState();
  const section = s.sections[sectionId];
  const clean = text.trim();
  if (!section || !clean) return false;
  s.updateSection(sectionId, { checklist: [...section.checklist, { id: newId('ck'), text: clean, state: 'unchecked' }] });
  return true;
}

export function removeSectionItem(sectionId: string, itemId: string): void {
  const s = useStore.getState();
  const section = s.sections[sectionId];
  if (section) s.updateSection(sectionId, { checklist: section.checklist.filter((i) => i.id !== itemId) });
}

/** A document item; "every 5th section" in its text sets the period unless one is given. */
export function addDocumentItem(text: string, everyN?: number): boolean {
  const s = useStore.getState();
  const clean = text.trim();
  if (!s.doc || !clean) return false;
  const n = everyN && everyN > 1 ? Math.round(everyN) : parsePeriodic(clean) ?? undefined;
  const item: ChecklistItem = { id: newId('ck'), text: clean, state: 'unchecked', results: {} };
  if (n && n > 1) item.everyN = n;
  s.updateDoc({ checklist: [...s.doc.checklist, item] });
  return true;
}

export function removeDocumentItem(itemId: string): void {
  const s = useStore.getState();
  if (s.doc) s.updateDoc({ checklist: s.doc.checklist.filter((i) => i.id !== itemId) });
}

export function fixInstruction(itemText: string): string {
  return `Revise to satisfy: ${requirementText(itemText)}`;
}

/** A failed item's fix: a revision proposal of the whole section, reviewed like any other. */
export async function fixItem(sectionId: string, item: ChecklistItem): Promise<void> {
  const s = useStore.getState();
  try {
    const r = await proposeRevision(sectionId, { instruction: fixInstruction(item.text), label: `Fix: ${requirementText(item.text)}`, range: 'section' });
    if (r.status === 'failed') s.setQualityMessage(sectionId, 'The fix could not be proposed; the text is unchanged. Try again.', 'error');
  } catch (e) {
    s.setQualityMessage(sectionId, `The fix could not be proposed: ${(e as Error).message}`, 'error');
  }
}

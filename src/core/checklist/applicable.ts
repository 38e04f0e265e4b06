// Which checklist items apply to a section: its own, plus the document's items — those for every section and
// the periodic ones ("every 5th section", LongGenBench-style) whose period lands on this section.
import type { ChecklistItem, ChecklistState, DocumentMeta, SectionMeta } from '../model';
import { requirementText } from './parseItem';

export interface ApplicableItem {
  item: ChecklistItem;
  source: 'section' | 'document';
  /** This item's state in this section (document items keep one result per section). */
  state: ChecklistState;
  checkedAt?: number;
}

/** 0-based index: a document item with everyN applies to sections N, 2N, 3N… (1-based). */
export function appliesTo(item: ChecklistItem, index: number): boolean {
  const n = item.everyN;
  if (!n || n <= 1) return true;
  return (index + 1) % Math.round(n) === 0;
}

export function applicableItems(
  doc: Pick<DocumentMeta, 'checklist'> | null | undefined,
  section: Pick<SectionMeta, 'id' | 'checklist'>,
  index: number,
): ApplicableItem[] {
  const own: ApplicableItem[] = section.checklist.map((item) => ({ item, source: 'section', state: item.state, checkedAt: item.checkedAt }));
  const shared: ApplicableItem[] = (doc?.checklist ?? [])
    .filter((item) => item.text.trim() && appliesTo(item, index))
    .map((item) => {
      const r = item.results?.[section.id];
      return { item, source: 'document', state: r?.state ?? 'unchecked', checkedAt: r?.checkedAt };
    });
  return [...own, ...shared];
}

/** The requirements to put in a section's generation prompt (SectionRequestInput.checklist). */
export function checklistForPrompt(
  doc: Pick<DocumentMeta, 'checklist'> | null | undefined,
  section: Pick<SectionMeta, 'id' | 'checklist'>,
  index: number,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { item } of applicableItems(doc, section, index)) {
    const text = requirementText(item.text);
    const key = text.toLowerCase();
    if (text && !seen.has(key)) { seen.add(key); out.push(text); }
  }
  return out;
}

export interface PassRate { passed: number; failed: number; checked: number; total: number; rate: number | null }

/** Share of checked items that pass; null when nothing has been checked. */
export function passRate(states: readonly ChecklistState[]): PassRate {
  const passed = states.filter((s) => s === 'pass').length;
  const failed = states.filter((s) => s === 'fail').length;
  const checked = passed + failed;
  return { passed, failed, checked, total: states.length, rate: checked ? passed / checked : null };
}

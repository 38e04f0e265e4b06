// Checks a section against its checklist: quoted items by string search, the rest by a yes/no judge request
// through the proxy (logged as kind "check"). Results are written to the section's own items or, for document
// items, to that item's per-section results; both persist with the document.
import { useStore } from '../../app/store';
import type { ChecklistItem, ChecklistState } from '../../core/model';
import { applicableItems, type ApplicableItem } from '../../core/checklist/applicable';
import { parseChecklistItem } from '../../core/checklist/parseItem';
import { checkContains } from '../../core/checklist/contains';
import { judgeMessages, parseYesNo } from '../../core/checklist/judge';
import { gateway } from '../../app/services';
import { sectionPlainText } from './sectionText';

export interface CheckOptions { signal?: AbortSignal; itemIds?: string[] }
export interface CheckOutcome {
  passed: number; failed: number; unclear: number; errors: number;
  /** The text of each item that failed (the section pipeline's Fix round revises for them). */
  failedItems: string[];
}

const runKey = (sectionId: string) => `check-run:${sectionId}`;

export function isChecking(sectionId: string): boolean {
  return gateway.aborts.has(runKey(sectionId));
}

export async function checkSection(sectionId: string, opts: CheckOptions = {}): Promise<CheckOutcome | null> {
  const s = useStore.getState();
  const section = s.sections[sectionId];
  if (!s.doc || !section || s.readOnlyReason) return null;
  const index = s.doc.sectionIds.indexOf(sectionId);
  const items = applicableItems(s.doc, section, index)
    .filter((a) => a.item.text.trim() && (!opts.itemIds || opts.itemIds.includes(a.item.id)));
  if (!items.length) return null;
  // A new check of the same section replaces one still running.
  const ac = gateway.aborts.start(runKey(sectionId), { replace: true, parent: opts.signal });
  s.setQualityJob(sectionId, 'check', true);
  const outcome: CheckOutcome = { passed: 0, failed: 0, unclear: 0, errors: 0, failedItems: [] };
  let lastError = '';
  try {
    const text = await sectionPlainText(sectionId);
    for (const a of items) {
      if (ac.signal.aborted) break;
      const kind = parseChecklistItem(a.item.text);
      let verdict: boolean | null;
      if (kind.kind === 'contains') verdict = checkContains(kind, text);
      else {
        try { verdict = await judge(sectionId, a.item, text, ac.signal); } catch (e) {
          if (ac.signal.aborted) break;
          outcome.errors++;
          lastError = (e as Error).message;
          continue;
        }
      }
      if (verdict === null) { outcome.unclear++; continue; }
      if (verdict) outcome.passed++; else { outcome.failed++; outcome.failedItems.push(a.item.text); }
      recordResult(sectionId, a, verdict ? 'pass' : 'fail');
    }
  } finally {
    ac.done();
    useStore.getState().setQualityJob(sectionId, 'check', false);
  }
  const parts = [`${outcome.passed} pass`, `${outcome.failed} fail`];
  if (outcome.unclear) parts.push(`${outcome.unclear} unclear (the judge answered neither yes nor no)`);
  if (outcome.errors) parts.push(`${outcome.errors} could not be checked: ${lastError}`);
  useStore.getState().setQualityMessage(sectionId, `Checked ${items.length} item${items.length === 1 ? '' : 's'}: ${parts.join(', ')}.`,
    outcome.errors ? 'error' : 'info');
  return outcome;
}

async function judge(sectionId: string, item: ChecklistItem, text: string, signal: AbortSignal): Promise<boolean | null> {
  const res = await gateway.run({
    kind: 'check', sectionId, key: `check:${sectionId}:${item.id}`, messages: judgeMessages(item.text, text),
    maxOutputTokens: 20, temperature: 0, signal,
    note: ({ text: answer, error }) => {
      if (error) return `Check “${item.text}”`;
      const verdict = parseYesNo(answer);
      return `Check “${item.text}”: ${verdict === null ? `unclear answer “${answer.slice(0, 60)}”` : verdict ? 'yes' : 'no'}`;
    },
  });
  return parseYesNo(res.text);
}

/** Writes one item's state, reading the latest store state so edits made during the check are kept. */
export function recordResult(sectionId: string, a: Pick<ApplicableItem, 'item' | 'source'>, state: ChecklistState, at = Date.now()): void {
  const s = useStore.getState();
  if (a.source === 'section') {
    const section = s.sections[sectionId];
    if (!section) return;
    s.updateSection(sectionId, {
      checklist: section.checklist.map((i) => (i.id === a.item.id ? { ...i, state, checkedAt: at } : i)),
    });
  } else if (s.doc) {
    s.updateDoc({
      checklist: s.doc.checklist.map((i) => (i.id === a.item.id
        ? { ...i, results: { ...i.results, [sectionId]: { state, checkedAt: at } } }
        : i)),
    });
  }
}

// Starts the quality feature's background work once per page: idle-time metrics, today's word tally, and
// re-running a section's checks after a generation or a revision lands in it.
import { useStore, type AppState } from '../../app/store';
import { applicableItems } from '../../core/checklist/applicable';
import { startMetricsEngine } from './metricsEngine';
import { loadWordsToday } from './provenance';
import { checkSection } from './checkService';

const RECHECK_DELAY_MS = 800;
let started = false;
const pending = new Map<string, ReturnType<typeof setTimeout>>();

export function startQuality(): void {
  if (started) return;
  started = true;
  startMetricsEngine();
  void loadWordsToday();
  useStore.subscribe(recheckAfterWriting);
}

/** Word count of each section when a revision proposal appeared in it (to tell Accept from Reject). */
const countAtProposal = new Map<string, number>();

/** A section whose stream just ended, or whose revision was just accepted, is checked again (if it has items). */
export function recheckAfterWriting(s: AppState, prev: AppState): void {
  if (!s.doc || s.doc.id !== prev.doc?.id) return;
  if (s.sections === prev.sections && s.proposals === prev.proposals) return;
  s.doc.sectionIds.forEach((id, index) => {
    const a = s.sections[id], b = prev.sections[id];
    if (!a || !b) return;
    if (s.proposals[id] && !prev.proposals[id]) countAtProposal.set(id, a.wordCount);
    const streamEnded = !!b.streaming && !a.streaming;
    // Accept marks the section revised and changes its text; Reject leaves both as they were.
    let accepted = false;
    if (!s.proposals[id] && prev.proposals[id]) {
      accepted = a.status === 'revised' && (countAtProposal.get(id) !== a.wordCount || prev.sections[id]?.status !== 'revised');
      countAtProposal.delete(id);
    }
    if (!streamEnded && !accepted) return;
    // The section pipeline runs its own checklist step (and none at all after Stop).
    if (streamEnded && s.gen?.[id]?.active) return;
    if (!applicableItems(s.doc, a, index).length) return;
    clearTimeout(pending.get(id));
    pending.set(id, setTimeout(() => { pending.delete(id); void checkSection(id); }, RECHECK_DELAY_MS));
  });
}

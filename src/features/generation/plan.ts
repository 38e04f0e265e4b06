// "Plan outline": turns the document brief and total into sections (title, brief, target), streaming each
// entry into the outline as it arrives. Replace reuses existing sections in order (their text stays; extra
// empty ones go); fill only adds missing briefs and targets. A garbage or cut-off answer keeps whatever parsed
// and says so.
import { useStore } from '../../app/store';
import { GenerateError } from '../../shared/generateClient';
import { gateway } from '../../app/services';
import { collab } from '../../app/collab';
import { buildPlanRequest } from '../../core/generation/planRequest';
import { createPlanStream } from '../../core/generation/planParser';
import { fillPlan, replacePlan, type OutlineSection, type PlanPatch } from '../../core/generation/planMerge';

export type PlanHow = 'replace' | 'fill';

const PLAN_KEY = 'plan';

export function stopPlanning(): void { gateway.aborts.abort(PLAN_KEY); }

/** True when the outline holds anything a writer made (so replacing it needs asking). */
export function hasOutline(): boolean {
  const { doc, sections } = useStore.getState();
  if (!doc) return false;
  return doc.sectionIds.some((id) => {
    const s = sections[id];
    return !!s && (s.wordCount > 0 || s.brief.trim() !== '' || s.targetWords > 0 || (s.title.trim() !== '' && s.title !== 'Untitled section'));
  });
}

function outlineNow(): OutlineSection[] {
  const { doc, sections } = useStore.getState();
  return (doc?.sectionIds ?? []).map((id) => sections[id]!).filter(Boolean).map((s) => ({
    id: s.id, title: s.title, brief: s.brief, targetWords: s.targetWords, hasText: s.wordCount > 0 || !!s.streaming,
  }));
}

function apply(patches: PlanPatch[]): void {
  const st = useStore.getState();
  for (const p of patches) {
    if (p.kind === 'add') st.addSection({ title: p.title, brief: p.brief, targetWords: p.targetWords });
    else if (p.kind === 'remove') st.deleteSection(p.id);
    else {
      const { kind: _k, id, ...patch } = p;
      st.updateSection(id, patch);
    }
  }
}

export async function planOutline(how: PlanHow = 'replace'): Promise<{ sections: number; complete: boolean }> {
  const opened = useStore.getState();
  if (!opened.doc || opened.planning?.active) return { sections: 0, complete: false };
  // A shared document: one document-wide job at a time, even when two browsers start at the same moment.
  const answer = await collab.claimJob('plan', []);
  if (answer !== 'go') {
    if (typeof answer === 'object') opened.notify(answer.refused, { tone: 'error' });
    return { sections: 0, complete: false };
  }
  const st = useStore.getState();
  const doc = st.doc;
  if (!doc || doc.id !== opened.doc.id || st.planning?.active) { collab.withdrawClaim(); return { sections: 0, complete: false }; }
  const before = outlineNow();
  const req = buildPlanRequest({
    title: doc.title, brief: doc.brief, targetWords: doc.targetWords,
    existing: how === 'fill' ? before.map((s) => ({ title: s.title, brief: s.brief, targetWords: s.targetWords })) : undefined,
  });
  st.setPlanning({ active: true, message: 'Planning…', found: 0 });
  const stream = createPlanStream();
  let shown = 0;
  // Replace mode: entries land in the outline as they stream (raw targets; normalised at the end).
  const showEntries = () => {
    if (how !== 'replace') return;
    const entries = stream.entries;
    for (; shown < entries.length; shown++) {
      const e = entries[shown]!;
      const existing = before[shown];
      if (existing) useStore.getState().updateSection(existing.id, { title: e.title, brief: e.brief, targetWords: e.words ?? existing.targetWords });
      else useStore.getState().addSection({ title: e.title, brief: e.brief, targetWords: e.words ?? 0 });
    }
    useStore.getState().setPlanning({ active: true, message: `Planning… ${entries.length} section(s) so far`, found: entries.length });
  };
  let text = '';
  let errorMessage: string | undefined;
  try {
    const r = await gateway.run({
      kind: 'plan', sectionId: doc.id, key: PLAN_KEY, messages: req.messages, maxOutputTokens: req.maxOutputTokens,
      onText: (_d, soFar) => { if (stream.update(soFar).length) showEntries(); },
    });
    text = r.text;
  } catch (e) {
    const err = e instanceof GenerateError ? e : new GenerateError('internal', (e as Error).message, false, '');
    text = err.partialText;
    errorMessage = err.code === 'aborted' ? 'Planning stopped.' : err.message;
  }
  const parsed = stream.finish(text);
  // The final parse may read entries the streaming parse could not (e.g. AgentWrite lines at the very end).
  showEntries();
  if (parsed.entries.length) {
    const total = req.total;
    const latest = outlineNow();
    const patches = how === 'fill'
      ? fillPlan(latest, parsed.entries, doc.targetWords > 0 ? doc.targetWords : total)
      : replacePlan(latest.slice(0, Math.max(parsed.entries.length, before.length)), parsed.entries, total);
    apply(patches);
    if (!(useStore.getState().doc!.targetWords > 0)) useStore.getState().updateDoc({ targetWords: total });
  }
  const message = errorMessage
    ? `${errorMessage}${parsed.entries.length ? ` Kept ${parsed.entries.length} planned section(s).` : ''}`
    : parsed.message ?? `Planned ${parsed.entries.length} sections.`;
  const tone = errorMessage || !parsed.complete ? 'error' : 'info';
  useStore.getState().setPlanning({ active: false, message, tone, found: parsed.entries.length });
  return { sections: parsed.entries.length, complete: parsed.complete && !errorMessage };
}

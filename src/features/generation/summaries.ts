// Section summaries: the memory later sections are written from. Made after a generation (and when an
// edited section is left), at most 120 words, cached by the hash of the text they summarise, and editable
// by the writer in the section panel. One request per section at a time: a second call while one runs
// waits for the same answer (the gateway's abort registry knows which one runs; the promise is kept here
// only while it runs, in the service object built by the composition root).
import { useStore } from '../../app/store';
import { buildSummaryRequest, needsSummary } from '../../core/generation/summaryPrompt';
import { clipWords } from '../../core/generation/words';
import type { Gateway } from '../engine';

export interface SummaryDeps {
  gateway: Gateway;
  readMarkdown: (sectionId: string) => Promise<string>;
}

export function createSummaryService(deps: SummaryDeps) {
  const inFlight = new Map<string, Promise<string | null>>();
  async function run(sectionId: string, force: boolean): Promise<string | null> {
    const st = useStore.getState();
    const section = st.sections[sectionId];
    if (!section || !st.doc) return null;
    const text = await deps.readMarkdown(sectionId);
    if (!text.trim() || (!force && !needsSummary(section, text))) return null;
    const req = buildSummaryRequest({ documentTitle: st.doc.title, sectionTitle: section.title || 'Untitled section', text });
    const r = await deps.gateway.run({ kind: 'summary', sectionId, messages: req.messages, maxOutputTokens: req.maxOutputTokens });
    const summary = clipWords(r.text.replace(/\s+/g, ' ').trim(), 120);
    // The text may have changed while the summary was made: store the hash of what was summarised.
    if (useStore.getState().sections[sectionId]) useStore.getState().updateSection(sectionId, { summary, summaryHash: req.hash });
    return summary;
  }
  return {
    /** Summarises the section when its summary is missing or stale; resolves to the summary (or null: nothing to do). */
    summarize(sectionId: string, opts: { force?: boolean } = {}): Promise<string | null> {
      const cur = inFlight.get(sectionId);
      if (cur) return cur;
      const p = run(sectionId, !!opts.force).finally(() => inFlight.delete(sectionId));
      inFlight.set(sectionId, p);
      return p;
    },
    pending: (sectionId: string) => inFlight.get(sectionId),
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;

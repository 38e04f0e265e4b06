// Section summaries: the memory later sections are written from. Made after a generation (and when an
// edited section is left), at most 120 words, cached by the hash of the text they summarise, and editable
// by the writer in the section panel. One request per section at a time.
import { useStore } from '../../app/store';
import { sectionMarkdown } from '../../app/workspace';
import { streamGenerate, GenerateError } from '../../shared/generateClient';
import { resolveModel } from '../settings/providers';
import { buildSummaryRequest, needsSummary } from '../../core/generation/summaryPrompt';
import { clipWords } from '../../core/generation/words';
import { appendLog } from '../../storage/logs';

const inFlight = new Map<string, Promise<string | null>>();

/** Summarises the section when its summary is missing or stale; resolves to the summary (or null: nothing to do). */
export function summarizeSection(sectionId: string, opts: { force?: boolean } = {}): Promise<string | null> {
  const cur = inFlight.get(sectionId);
  if (cur) return cur;
  const p = run(sectionId, !!opts.force).finally(() => inFlight.delete(sectionId));
  inFlight.set(sectionId, p);
  return p;
}

export function summaryPending(sectionId: string): Promise<string | null> | undefined {
  return inFlight.get(sectionId);
}

async function run(sectionId: string, force: boolean): Promise<string | null> {
  const st = useStore.getState();
  const section = st.sections[sectionId];
  if (!section || !st.doc) return null;
  const text = await sectionMarkdown(sectionId);
  if (!text.trim() || (!force && !needsSummary(section, text))) return null;
  const model = await resolveModel();
  const req = buildSummaryRequest({ documentTitle: st.doc.title, sectionTitle: section.title || 'Untitled section', text });
  const started = Date.now();
  try {
    const r = await streamGenerate({ provider: model.provider, model: model.model, messages: req.messages, maxOutputTokens: req.maxOutputTokens });
    const summary = clipWords(r.text.replace(/\s+/g, ' ').trim(), 120);
    void appendLog({ sectionId, kind: 'summary', provider: model.provider, model: model.model, inputTokens: r.usage.inputTokens,
      outputTokens: r.usage.outputTokens, durationMs: Date.now() - started, finishReason: r.finishReason }).catch(() => undefined);
    // The text may have changed while the summary was made: store the hash of what was summarised.
    if (useStore.getState().sections[sectionId]) useStore.getState().updateSection(sectionId, { summary, summaryHash: req.hash });
    return summary;
  } catch (e) {
    const err = e as GenerateError;
    void appendLog({ sectionId, kind: 'summary', provider: model.provider, model: model.model, durationMs: Date.now() - started,
      finishReason: 'error', error: err.message }).catch(() => undefined);
    throw e;
  }
}

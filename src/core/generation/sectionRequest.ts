// buildSectionRequest: the write/continue prompt for one section (contract 3), fitted to the model's budget.
import { countWords } from '../wordCount';
import { selectBibleEntries } from '../bible/select';
import { renderMessages, type PromptParts } from './sectionPrompt';
import type { SectionRequest, SectionRequestInput } from './sectionTypes';
import { fitToBudget } from './sectionTrim';
import { estimateMessagesTokens, maxOutputTokensFor } from './tokens';
import { markdownTail } from './words';

/** Words of the section so far sent as context in continue mode (before trimming). */
export const SO_FAR_WORDS = 800;
/** Fallback length for a section without a target. */
export const DEFAULT_SECTION_WORDS = 1_000;
const MIN_CONTINUE_WORDS = 150;

export function continueWordsFor(targetWords: number, existingText: string): number {
  return Math.max(MIN_CONTINUE_WORDS, targetWords - countWords(existingText));
}

export function buildSectionRequest(input: SectionRequestInput): SectionRequest {
  const item = input.outline[input.index];
  if (!item) throw new RangeError(`Section index ${input.index} is outside the outline (${input.outline.length} sections).`);
  const target = Math.max(0, Math.round(input.targetWords ?? item.targetWords)) || DEFAULT_SECTION_WORDS;
  const existing = input.existingText ?? '';
  const words = input.mode === 'write' ? target : Math.round(input.continueWords ?? continueWordsFor(target, existing));
  const brief = input.brief ?? item.brief;
  const bible = input.bible?.entries.length
    ? selectBibleEntries({
      entries: input.bible.entries, sectionId: input.bible.sectionId, sectionOrder: input.bible.sectionOrder,
      // Where this section's material is named: its brief, its text so far (all of it, not only the tail the
      // prompt shows), the end of the previous section, and the next brief it leads into.
      texts: [brief, input.mode === 'continue' ? existing : '', input.memory.previousTail, input.memory.next?.brief ?? ''],
    }).map((e) => ({ name: e.name, text: e.text, always: e.always }))
    : [];
  const parts: PromptParts = {
    mode: input.mode,
    docTitle: input.document.title,
    docBrief: input.document.brief,
    outline: input.outline.map((o) => ({ title: o.title, brief: o.brief, targetWords: o.targetWords })),
    index: input.index,
    bible,
    // Only earlier sections are "what came before"; anything else would be a caller mistake.
    summaries: input.memory.summaries
      .filter((s) => s.index < input.index && s.summary.trim())
      .sort((a, b) => a.index - b.index)
      .map((s) => ({ index: s.index, title: s.title, text: s.summary })),
    omittedSummaries: 0,
    previousTail: input.memory.previousTail,
    next: input.memory.next,
    concurrent: input.memory.concurrent ?? [],
    brief,
    targetWords: target,
    words,
    checklist: (input.checklist ?? []).filter((c) => c.trim()),
    soFar: input.mode === 'continue' ? markdownTail(existing, SO_FAR_WORDS) : '',
  };
  const { parts: fitted, report } = fitToBudget(parts, input.budgetTokens);
  const messages = renderMessages(fitted);
  return {
    messages,
    maxOutputTokens: maxOutputTokensFor(words, input.maxOutputCap),
    words,
    estimatedTokens: estimateMessagesTokens(messages),
    trimmed: report,
  };
}

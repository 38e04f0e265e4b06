// Inputs of the section prompt. Own types (not model.ts) so callers can build them from the store, the bench
// or a test without whole SectionMeta records.
import type { BibleEntry } from '../bible/types';

export interface OutlineItem {
  title: string;
  brief: string;
  targetWords: number;
}

export interface SummaryMemory {
  /** 0-based position of the summarised section in the outline. */
  index: number;
  title: string;
  summary: string;
}

/** What a section's prompt remembers of the rest of the document (see memoryFor). */
export interface SectionMemory {
  /** Summaries of earlier sections, oldest first. */
  summaries: SummaryMemory[];
  /** Verbatim end (~300 words) of the previous section; '' when there is none to show. */
  previousTail: string;
  /** The next section, so the model stops before its material. */
  next: { index: number; title: string; brief: string } | null;
  /** Parallel runs: 0-based indexes of other sections being written at the same time. */
  concurrent?: number[];
}

export type SectionMode = 'write' | 'continue';

export interface SectionRequestInput {
  document: { title: string; brief: string };
  outline: OutlineItem[];
  /** 0-based index of the section to write. */
  index: number;
  memory: SectionMemory;
  /** This section's brief; defaults to outline[index].brief. */
  brief?: string;
  /** This section's target; defaults to outline[index].targetWords. */
  targetWords?: number;
  checklist?: string[];
  mode: SectionMode;
  /** Continue mode: the section's current Markdown text. */
  existingText?: string;
  /** Continue mode: words to add; default the target minus the existing count (at least 150). */
  continueWords?: number;
  /** Budget for the prompt (all messages) in estimated tokens, ≈ chars/4. */
  budgetTokens: number;
  /** Cap on maxOutputTokens (default 8,000). */
  maxOutputCap?: number;
  /**
   * The document's story bible: the entries mentioned in this section's brief, its text so far, the previous
   * tail or the next brief, plus the "always include" ones, go into the prompt as of this section.
   */
  bible?: { entries: readonly BibleEntry[]; sectionId: string; sectionOrder: readonly string[] };
}

/** What was dropped or shortened to fit the budget, for the request log and the section panel. */
export interface TrimReport {
  /** 0-based indexes of sections whose summary was clipped to its first words. */
  summariesShortened: number[];
  /** 0-based indexes of sections whose summary was left out. */
  summariesDropped: number[];
  previousTail: 'none' | 'kept' | 'shortened' | 'dropped';
  /** Briefs of other sections in the outline reduced to their titles. */
  outlineBriefsDropped: number;
  nextBriefShortened: boolean;
  /** Continue mode: the section-so-far context was cut to fewer words. */
  existingTextShortened: boolean;
  documentBriefShortened: boolean;
  /** Names of the story bible entries in the prompt, in prompt order. */
  bibleIncluded: string[];
  /** Names of the story bible entries selected for the section but left out for space. */
  bibleDropped: string[];
  /** True when even the fully trimmed prompt exceeds the budget (the protected parts alone are too long). */
  overBudget: boolean;
}

export interface SectionRequest {
  messages: import('../../shared/protocol').ChatMessage[];
  maxOutputTokens: number;
  /** Words asked for: the target (write) or the missing words (continue). */
  words: number;
  estimatedTokens: number;
  trimmed: TrimReport;
}

// The document model shared by every feature. Plain data, no behaviour: stores and storage hold these.
import type { BibleEntry } from './bible/types';

export type SectionStatus = 'empty' | 'draft' | 'generated' | 'revised' | 'done';
export const SECTION_STATUSES: readonly SectionStatus[] = ['empty', 'draft', 'generated', 'revised', 'done'];

export interface DocumentMeta {
  id: string;
  title: string;
  /** What it is about, audience, voice / style guide: free text used in prompts. */
  brief: string;
  targetWords: number;
  /** Section ids in manuscript order. */
  sectionIds: string[];
  /** Checklist items that apply to every section (or recur every N sections). */
  checklist: ChecklistItem[];
  createdAt: number;
  updatedAt: number;
  /** Cached total so the library can show counts without loading sections. */
  wordCount: number;
  /** Manuscript export (standard manuscript format): the author's name and contact block, one line each. */
  authorName?: string;
  contactLines?: string;
  manuscriptFont?: ManuscriptFont;
  /** The story bible (see core/bible/types.ts): people, places and facts, fed to prompts where mentioned. */
  bible?: BibleEntry[];
}

export type ManuscriptFont = 'Courier New' | 'Times New Roman';

export interface SectionMeta {
  id: string;
  docId: string;
  title: string;
  brief: string;
  targetWords: number;
  status: SectionStatus;
  /** Cached count of the section text, kept current by the section's editor. */
  wordCount: number;
  /** Memory for later sections: ≤ 120 words, editable by the writer. */
  summary: string;
  /** Hash of the text the summary was made from (cache key). */
  summaryHash?: string;
  checklist: ChecklistItem[];
  /** Set while a generation streams into the section; survives a crash so reopening shows "interrupted". */
  streaming?: { startedAt: number; takeId: string } | null;
  interrupted?: boolean;
  updatedAt: number;
}

export type ChecklistState = 'unchecked' | 'pass' | 'fail';
export interface ChecklistItem {
  id: string;
  text: string;
  state: ChecklistState;
  checkedAt?: number;
  /** Document-level items only: applies to every Nth section (1-based: sections N, 2N, …). */
  everyN?: number;
  /** Document-level items only: the item's state in each section it applies to, by section id. */
  results?: Record<string, { state: ChecklistState; checkedAt?: number }>;
}

export interface Take {
  id: string;
  sectionId: string;
  /** Markdown of the generated text. */
  text: string;
  provider: string;
  model: string;
  createdAt: number;
  finishReason: string;
  mode: 'replace' | 'continue';
}

export interface RequestLogEntry {
  id: string;
  sectionId: string;
  kind: 'generate' | 'continue' | 'summary' | 'revise' | 'plan' | 'check' | 'fit' | 'extract';
  provider: string;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  durationMs: number;
  finishReason: string;
  error?: string;
  at: number;
  note?: string;
  /** Write/continue calls of a document with a story bible: the names of the entries that went into the prompt. */
  bibleEntries?: string[];
}

/** ProseMirror JSON of a section's content (TipTap `editor.getJSON()`). */
export interface RichDoc { type: 'doc'; content?: unknown[] }

// Which memory a section's prompt gets. Sequential runs (AgentWrite) see every earlier section that has text;
// parallel runs (CogWriter) see only sections that are finished — a sibling still queued or streaming has
// nothing trustworthy to show yet, so it is named in the outline as being written at the same time instead.
import type { SectionMemory } from './sectionTypes';
import { needsSummary } from './summaryPrompt';
import { markdownTail, roughWordCount } from './words';

export type QueueState = 'queued' | 'streaming' | 'done' | 'failed' | 'cancelled';

export interface MemorySection {
  title: string;
  brief: string;
  /** Markdown text of the section as it is now. */
  text: string;
  summary: string;
  /** When given, a summary made from other text is still used but reported as stale. */
  summaryHash?: string;
  /** State in the current write-all run; undefined when the section is not part of it. */
  state?: QueueState;
}

export interface MemoryResult extends SectionMemory {
  /** Earlier sections used as memory that have text but no summary yet (ask for one). */
  missingSummaries: number[];
  /** Earlier sections whose summary was made from different text (refresh it). */
  staleSummaries: number[];
}

export const TAIL_WORDS = 300;

function usable(s: MemorySection, mode: 'sequential' | 'parallel'): boolean {
  if (roughWordCount(s.text) === 0) return false;
  if (s.state === 'queued' || s.state === 'streaming') return false;
  // A failed or cancelled section holds partial text: the next section in a sequential run follows on from
  // it as it stands, but a parallel sibling should not build on it.
  return mode === 'sequential' || s.state === undefined || s.state === 'done';
}

export function memoryFor(
  sections: readonly MemorySection[],
  index: number,
  mode: 'sequential' | 'parallel' = 'sequential',
  tailWords = TAIL_WORDS,
): MemoryResult {
  const result: MemoryResult = { summaries: [], previousTail: '', next: null, missingSummaries: [], staleSummaries: [] };
  for (let i = 0; i < index && i < sections.length; i++) {
    const s = sections[i]!;
    if (!usable(s, mode)) continue;
    if (!s.summary.trim()) {
      result.missingSummaries.push(i);
      continue;
    }
    result.summaries.push({ index: i, title: s.title, summary: s.summary });
    if (s.summaryHash !== undefined && needsSummary(s, s.text)) result.staleSummaries.push(i);
  }
  const prev = sections[index - 1];
  if (prev && usable(prev, mode)) result.previousTail = markdownTail(prev.text, tailWords);
  const next = sections[index + 1];
  if (next) result.next = { index: index + 1, title: next.title, brief: next.brief };
  if (mode === 'parallel') {
    result.concurrent = sections
      .map((s, i) => (i !== index && (s.state === 'queued' || s.state === 'streaming') ? i : -1))
      .filter((i) => i >= 0);
  }
  return result;
}

// The summary request: each section's summary is the memory later sections are written from (contract 3:
// `Longhand task: summarize`, text inside <passage>). Long sections go as head + tail: the ending matters
// most for continuity, the opening says what the section set out to do.
import type { ChatMessage } from '../../shared/protocol';
import { contentHash } from './contentHash';
import { CHARS_PER_TOKEN, estimateMessagesTokens } from './tokens';
import { firstWords, lastWords, roughWordCount } from './words';

export const SUMMARY_MAX_WORDS = 120;

export interface SummaryRequestInput {
  documentTitle?: string;
  sectionTitle: string;
  /** Markdown text of the section. */
  text: string;
  /** Prompt budget in estimated tokens (≈ chars/4); default 6,000. */
  budgetTokens?: number;
}

export interface SummaryRequest {
  messages: ChatMessage[];
  maxOutputTokens: number;
  /** Words of the section left out of the middle (0 when it was sent whole). */
  omittedWords: number;
  /** Hash of the text summarised: store it as the section's summaryHash. */
  hash: string;
}

const SYSTEM = [
  'Longhand task: summarize',
  'You keep the memory of a long document being written section by section.',
  `Summarize the passage in at most ${SUMMARY_MAX_WORDS} words of plain prose (no headings, no lists).`,
  'Keep what a writer of the following sections must know: who appears (with names), what happens or is',
  'argued, what changes, facts and promises established, and exactly where and how the passage ends.',
  'Write in the present tense. Answer with the summary only.',
].join('\n');

export function buildSummaryRequest(input: SummaryRequestInput): SummaryRequest {
  const budget = input.budgetTokens ?? 6_000;
  const header = [
    input.documentTitle ? `Document: ${input.documentTitle}` : '',
    `Section: ${input.sectionTitle}`,
  ].filter(Boolean).join('\n');
  const make = (passage: string): ChatMessage[] => [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${header}\n\n<passage>\n${passage}\n</passage>` },
  ];
  const text = input.text.trim();
  let omittedWords = 0;
  let messages = make(text);
  const over = estimateMessagesTokens(messages) - budget;
  if (over > 0) {
    // Room for the passage in characters; a third for the opening, the rest for the ending. Word lengths
    // vary, so shrink until the estimate fits (a few rounds at most).
    const room = Math.max(0, text.length - over * CHARS_PER_TOKEN - 80);
    const total = roughWordCount(text);
    let keep = Math.max(0, Math.floor(room / (text.length / Math.max(total, 1))));
    for (;;) {
      const head = firstWords(text, Math.floor(keep / 3));
      const tail = lastWords(text, keep - Math.floor(keep / 3));
      omittedWords = Math.max(0, total - roughWordCount(head) - roughWordCount(tail));
      messages = make(`${head}\n\n[… ${omittedWords.toLocaleString('en-US')} words omitted …]\n\n${tail}`);
      if (keep === 0 || estimateMessagesTokens(messages) <= budget) break;
      keep = Math.floor(keep * 0.95);
    }
  }
  return { messages, maxOutputTokens: 400, omittedWords, hash: contentHash(input.text) };
}

/** Whether a section's stored summary is missing or was made from different text. */
export function needsSummary(section: { summary: string; summaryHash?: string }, currentText: string): boolean {
  if (roughWordCount(currentText) === 0) return false;
  if (!section.summary.trim()) return true;
  return section.summaryHash !== contentHash(currentText);
}

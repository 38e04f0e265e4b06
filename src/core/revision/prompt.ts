// The revise request: instruction + passage + just enough context to make the edit fit in. Pure, so the
// proxy logs and the demo writer see exactly what the tests pin down (brief contract 3).
import type { ChatMessage } from '../../shared/protocol';
import { formatCount } from '../wordCount';
import { normalizeInstruction } from './customInstructions';

export interface RevisionRequestInput {
  instruction: string;
  /** The Markdown being revised (a selection or a whole section). */
  passage: string;
  /** The paragraph before / after the passage, for continuity; not revised. */
  before?: string;
  after?: string;
  sectionBrief?: string;
  styleGuide?: string;
  /** When set, asks for about this many words (Shorten/Expand/fit-to-target). */
  targetWords?: number;
}

const SYSTEM = [
  'Longhand task: revise',
  'You are a careful editor revising one passage of a longer document written in Markdown.',
  'Apply the instruction to the passage only. The text before and after is context: do not repeat or revise it.',
  'Reply with the replacement text only — no preamble, no explanation, no quotes, no code fences.',
  'Keep the paragraph breaks and the Markdown marks (**bold**, *italic*) unless the instruction asks otherwise,',
  'and keep the language, tense and point of view of the passage.',
].join('\n');

export function buildRevisionRequest(input: RevisionRequestInput): ChatMessage[] {
  const parts: string[] = [`Instruction: ${normalizeInstruction(input.instruction)}`];
  if (input.styleGuide?.trim()) parts.push(`Style guide:\n${input.styleGuide.trim()}`);
  if (input.sectionBrief?.trim()) parts.push(`What this section is about:\n${input.sectionBrief.trim()}`);
  if (input.before?.trim()) parts.push(`Text just before the passage (context only):\n<before>\n${input.before.trim()}\n</before>`);
  parts.push(`<passage>\n${input.passage}\n</passage>`);
  if (input.after?.trim()) parts.push(`Text just after the passage (context only):\n<after>\n${input.after.trim()}\n</after>`);
  if (input.targetWords && input.targetWords > 0) {
    parts.push(`Length: the revised passage should be about ${formatCount(input.targetWords)} words.`);
  }
  parts.push('Reply with the revised passage only.');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

// The plan request (contract: `Longhand task: plan`, answer JSON {"sections":[{"title","brief","words"}]}).
// The first "about N words" is the document total: the demo writer and the parser's normaliser both read it.
import type { ChatMessage } from '../../shared/protocol';
import { formatCount } from '../wordCount';

export interface PlanRequestInput {
  title: string;
  brief: string;
  /** Total target in words; 0 lets the plan choose (DEFAULT_PLAN_WORDS is asked for). */
  targetWords: number;
  /** Fill mode: the sections that exist already (kept, in order); the model fills missing briefs and targets. */
  existing?: { title: string; brief: string; targetWords: number }[];
}

export const DEFAULT_PLAN_WORDS = 10_000;

export interface PlanRequest { messages: ChatMessage[]; maxOutputTokens: number; total: number }

const FORMAT = '{"sections":[{"title":"…","brief":"main points of the section, 1–3 sentences","words":1200}]}';

export function buildPlanRequest(input: PlanRequestInput): PlanRequest {
  const total = input.targetWords > 0 ? Math.round(input.targetWords) : DEFAULT_PLAN_WORDS;
  const fill = input.existing?.length ? input.existing : null;
  const system = [
    'Longhand task: plan',
    'You plan long documents that are then written section by section, each section by a separate call.',
    `Plan a document of about ${formatCount(total)} words.`,
    fill
      ? 'Keep the sections listed, with their titles, in their order; give each a brief and a target.'
      : 'Choose a number of sections suited to the length: usually one per 1,500–3,000 words, never a section above 4,000 words.',
    'Each section has a title (no numbering), a brief listing its main points in 1–3 sentences, and a target in words.',
    'The targets add up to the total.',
    `Answer with JSON only, no prose and no code fence, exactly in this shape: ${FORMAT}`,
  ].join('\n');
  const blocks = [`Document title: ${input.title.trim() || 'Untitled document'}`,
    `Brief:\n${input.brief.trim() || '(no brief given: plan a coherent document from the title)'}`];
  if (fill) {
    blocks.push('Existing sections (keep them; fill in what is missing):\n' + fill.map((s, i) =>
      `${i + 1}. "${s.title.trim() || 'Untitled section'}"${s.brief.trim() ? ` — brief: ${s.brief.trim()}` : ' — brief: (missing)'}` +
      `${s.targetWords > 0 ? ` — words: ${s.targetWords}` : ' — words: (missing)'}`).join('\n'));
  }
  blocks.push(`Total: ${formatCount(total)} words.`);
  const n = fill?.length ?? Math.max(2, Math.round(total / 2_000));
  return {
    messages: [{ role: 'system', content: system }, { role: 'user', content: blocks.join('\n\n') }],
    // ~60 tokens per entry is generous; leave room for long briefs.
    maxOutputTokens: Math.min(8_000, 400 + n * 160),
    total,
  };
}

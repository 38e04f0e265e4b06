// What the section pipeline is doing, as the writer reads it beside the section.
import { formatCount } from '../wordCount';

export type PipelineStep = 'writing' | 'continuing' | 'shortening' | 'checking' | 'fixing' | 'summarizing';

const STEP_LABEL: Record<PipelineStep, string> = {
  writing: 'Writing', continuing: 'Continuing', shortening: 'Shortening', checking: 'Checking', fixing: 'Fixing', summarizing: 'Summarizing',
};

/** "Writing · 1,840 of 4,500 words · call 2": `words` is the section's count now, not at the call's start. */
export function phaseText(step: PipelineStep, words: number, target: number, calls: number): string {
  const count = target > 0 ? `${formatCount(words)} of ${formatCount(target)} words` : `${formatCount(words)} words`;
  return `${STEP_LABEL[step]} · ${count}${calls ? ` · call ${calls}` : ''}`;
}

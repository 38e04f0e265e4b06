// A section's place in generation, shown in its outline entry: queued, writing, done, failed. A one-character
// mark keeps the narrow outline row for the title; the word is there for screen readers and as a tooltip.
import { memo } from 'react';
import { useStore } from '../../app/store';

const LABEL = { queued: 'queued', streaming: 'writing', done: 'done', failed: 'failed', cancelled: 'cancelled' } as const;
const MARK = { queued: '◦', streaming: '✎', done: '✓', failed: '!', cancelled: '–' } as const;

export const OutlineSectionState = memo(function OutlineSectionState({ sectionId }: { sectionId: string }) {
  const phase = useStore((s) => s.gen[sectionId]?.phase);
  const streaming = useStore((s) => !!s.sections[sectionId]?.streaming);
  const shown = streaming ? 'streaming' : phase;
  if (!shown) return null;
  return (
    <span className={`outline-gen gen-${shown}`} data-gen-state={shown} title={LABEL[shown]}>
      <span aria-hidden="true">{MARK[shown]}</span>
      <span className="gen-sr">{LABEL[shown]}</span>
    </span>
  );
});

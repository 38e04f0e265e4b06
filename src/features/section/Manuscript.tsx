// The sections read as one continuous manuscript. Large books mount editors lazily near the viewport;
// small documents mount everything at once.
import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { whenEditor } from '../../editor/registry';
import { SectionView } from './SectionView';
import { useDeferred } from '../../app/useDeferred';

// In a long book only the first section mounts up front; the viewport pulls in the rest as it comes near.
const EAGER_SECTIONS = 1;
const LAZY_THRESHOLD_WORDS = 20_000;

export function Manuscript() {
  const ids = useStore((s) => s.doc?.sectionIds);
  const openSeq = useStore((s) => s.openSeq);
  const big = useStore((s) => {
    let n = 0;
    for (const id of s.doc?.sectionIds ?? []) n += s.sections[id]?.wordCount ?? 0;
    return n > LAZY_THRESHOLD_WORDS;
  });
  useJumpToSection();
  // A long book commits its first sections alone, and the shells of the rest in a background render after: the
  // first editor takes keystrokes without waiting for a hundred placeholders. On the page's first open that
  // render waits until the first editor is up (restReady): a hundred shells committed while its text is still
  // being read would hold the editor back by their layout and their IntersectionObserver registrations.
  const rest = useDeferred(useStore((s) => s.restReady));
  const full = useDeferred(openSeq, -1) === openSeq && rest;
  if (!ids) return null;
  const shown = big && !full ? ids.slice(0, EAGER_SECTIONS) : ids;
  return (
    // Keyed by the open: reopening the same document (taking over from another tab) remounts every editor
    // with what storage holds now.
    <div className="manuscript" key={openSeq}>
      {shown.map((id, i) => <SectionView key={id} sectionId={id} index={i} eager={!big || i < EAGER_SECTIONS} />)}
    </div>
  );
}

function useJumpToSection() {
  const jumpTo = useStore((s) => s.jumpTo);
  useEffect(() => {
    if (!jumpTo) return;
    const { id, target } = jumpTo;
    const { pin } = useStore.getState();
    pin(id, 'jump');
    document.getElementById(`section-${id}`)?.scrollIntoView({ block: 'start' });
    let cancelled = false;
    if (target === 'title') {
      // Focus the title at once and never move it later: the writer may already be typing the name.
      const focusTitle = () => document.querySelector<HTMLInputElement>(`#section-${id} .section-title`)?.focus();
      if (!document.querySelector(`#section-${id} .section-title`)) requestAnimationFrame(focusTitle);
      else focusTitle();
      return () => { cancelled = true; };
    }
    void whenEditor(id).then((editor) => {
      if (cancelled) return;
      document.getElementById(`section-${id}`)?.scrollIntoView({ block: 'start' });
      editor.commands.focus('start', { scrollIntoView: false });
    });
    return () => { cancelled = true; };
  }, [jumpTo]);
}

// The sections read as one continuous manuscript. Large books mount editors lazily near the viewport;
// small documents mount everything at once.
import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { whenEditor } from '../../editor/registry';
import { SectionView } from './SectionView';

const EAGER_SECTIONS = 3;
const LAZY_THRESHOLD_WORDS = 20_000;

export function Manuscript() {
  const ids = useStore((s) => s.doc?.sectionIds);
  const big = useStore((s) => {
    let n = 0;
    for (const id of s.doc?.sectionIds ?? []) n += s.sections[id]?.wordCount ?? 0;
    return n > LAZY_THRESHOLD_WORDS;
  });
  useJumpToSection();
  if (!ids) return null;
  return (
    <div className="manuscript">
      {ids.map((id, i) => <SectionView key={id} sectionId={id} index={i} eager={!big || i < EAGER_SECTIONS} />)}
    </div>
  );
}

function useJumpToSection() {
  const jumpTo = useStore((s) => s.jumpTo);
  useEffect(() => {
    if (!jumpTo) return;
    const { id } = jumpTo;
    const { pin } = useStore.getState();
    pin(id, 'jump');
    document.getElementById(`section-${id}`)?.scrollIntoView({ block: 'start' });
    let cancelled = false;
    void whenEditor(id).then((editor) => {
      if (cancelled) return;
      document.getElementById(`section-${id}`)?.scrollIntoView({ block: 'start' });
      editor.commands.focus('start', { scrollIntoView: false });
    });
    return () => { cancelled = true; };
  }, [jumpTo]);
}

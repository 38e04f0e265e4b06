// Sections far off-screen mount lazily: a 200k-word book opens with only the sections near the viewport
// rendered (header, slots, editor). Once mounted a section stays mounted, so scrolling back never loses a
// cursor or undo. One IntersectionObserver serves every placeholder.
import { useEffect, useRef, useState, type ReactNode } from 'react';

const callbacks = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;
function observe(el: Element, onNear: () => void): () => void {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) callbacks.get(e.target)?.();
  }, { rootMargin: '1500px 0px' });
  callbacks.set(el, onNear);
  observer.observe(el);
  return () => { callbacks.delete(el); observer?.unobserve(el); };
}

/** Rough rendered height of a section (header, brief, prose at ~2.6 px per word) so the scrollbar is honest. */
const estimateHeight = (words: number) => 150 + Math.max(80, words * 2.6);

export function LazyMount({ eager, estimateWords, preview, onActivate, children }: {
  eager: boolean; estimateWords: number; preview?: ReactNode;
  /** The writer clicked or tabbed into the placeholder: after mounting, hand them the real thing. */
  onActivate?: () => void; children: ReactNode;
}) {
  const [mounted, setMounted] = useState(eager);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (eager) setMounted(true); }, [eager]);
  useEffect(() => {
    if (mounted || !ref.current) return;
    return observe(ref.current, () => setMounted(true));
  }, [mounted]);
  if (mounted) return <>{children}</>;
  const mount = () => { setMounted(true); onActivate?.(); };
  return (
    <div ref={ref} className="section-placeholder" style={{ minHeight: estimateHeight(estimateWords) }}>
      {preview}
      <div className="section-placeholder-text" role="textbox" aria-label="Section text" aria-readonly="true" tabIndex={0} onFocus={mount} onClick={mount} />
    </div>
  );
}

// Sections far off-screen mount lazily: a 200k-word book opens with only the sections near the viewport
// parsed into editors. Once mounted a section stays mounted, so scrolling back never loses a cursor or undo.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function LazyMount({ eager, estimateWords, onRequest, children }: {
  eager: boolean; estimateWords: number; onRequest?: () => void; children: ReactNode;
}) {
  const [mounted, setMounted] = useState(eager);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (eager) setMounted(true); }, [eager]);
  useEffect(() => {
    if (mounted || !ref.current) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setMounted(true);
    }, { rootMargin: '1500px 0px' });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [mounted]);
  if (mounted) return <>{children}</>;
  const mount = () => { setMounted(true); onRequest?.(); };
  return (
    <div
      ref={ref}
      className="section-placeholder"
      style={{ minHeight: Math.max(96, estimateWords * 2.6) }}
      role="textbox"
      aria-label="Section text"
      aria-readonly="true"
      tabIndex={0}
      onFocus={mount}
      onClick={mount}
    />
  );
}

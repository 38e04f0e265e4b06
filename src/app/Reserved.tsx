// Room for a part of the page that mounts after the first section takes keystrokes (see releaseRest in App.tsx).
// Such a part sits above the text (document panels, a section's controls), so appearing a moment later would push
// the text down under the writer's caret or pointer: ~460 px on a new document. Until it has rendered, its place
// keeps the height it had the last time (this slot in this document, else the same kind of slot anywhere), kept in
// localStorage: a reopened document does not move at all, a new one moves only by how much it differs.
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';

const PREFIX = 'longhand.reserve.';

function readHeight(key: string): number {
  try { return Number(localStorage.getItem(PREFIX + key)) || 0; } catch { return 0; }
}

function writeHeight(key: string, h: number): void {
  try { localStorage.setItem(PREFIX + key, String(h)); } catch { /* storage off: nothing reserved next time */ }
}

/**
 * `id`: this slot's own key (e.g. `doc.<docId>.panels`); `kind`: the key shared by slots of the same kind, the
 * fallback for one never measured. `ready`: render the children (they may suspend while their chunk loads).
 */
export function Reserved({ id, kind, ready, className, children }: { id: string; kind: string; ready: boolean; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [reserved] = useState(() => readHeight(id) || readHeight(kind));
  useEffect(() => {
    const el = ref.current;
    if (!ready || !el) return;
    let last = -1;
    const measure = () => {
      // The placeholder's own height is not a measurement of the slot.
      if (el.querySelector(':scope > [data-reserve-placeholder]')) return;
      const h = Math.round(el.getBoundingClientRect().height);
      if (h === last) return;
      last = h;
      writeHeight(id, h);
      writeHeight(kind, h);
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ready, id, kind]);
  const placeholder = <div data-reserve-placeholder="" aria-hidden="true" style={{ height: reserved }} />;
  return (
    <div ref={ref} className={className ? `reserved ${className}` : 'reserved'}>
      {ready ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </div>
  );
}

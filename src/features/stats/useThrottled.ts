// Reads the store at most once per interval, and renders what it read as a transition: the stats view must not
// re-render on every keystroke, nor hold one up when it does.
import { startTransition, useEffect, useRef, useState } from 'react';
import { useStore, type AppState } from '../../app/store';

export function useThrottledStore<T>(select: (s: AppState) => T, ms: number, equal: (a: T, b: T) => boolean = Object.is): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  const selectRef = useRef(select);
  selectRef.current = select;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = selectRef.current(useStore.getState());
    const flush = () => {
      timer = null;
      const next = selectRef.current(useStore.getState());
      // A transition: the view's render (every row of a long book when the figures first arrive) yields to
      // keystrokes every few milliseconds instead of running as one task.
      if (!equal(next, last)) { last = next; startTransition(() => setValue(next)); }
    };
    const unsub = useStore.subscribe(() => { timer ??= setTimeout(flush, ms); });
    flush();
    return () => { unsub(); if (timer) clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ms]);
  return value;
}

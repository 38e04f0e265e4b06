// Reads the store at most once per interval: the stats view must not re-render on every keystroke.
import { useEffect, useRef, useState } from 'react';
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
      if (!equal(next, last)) { last = next; setValue(next); }
    };
    const unsub = useStore.subscribe(() => { timer ??= setTimeout(flush, ms); });
    flush();
    return () => { unsub(); if (timer) clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ms]);
  return value;
}

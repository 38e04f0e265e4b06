import { useEffect, useState } from 'react';

/**
 * A value that follows `value` one task later: the render that changes it commits (and can paint, and a waiting
 * keystroke can run) before the render that uses it. `initial` is what the first render sees, as with React's
 * useDeferredValue(value, initial).
 *
 * Why not useDeferredValue: the app runs on Preact (see reactAliases.ts), which has no background rendering; its
 * useDeferredValue returns the value at once, so the staged open (the first section's editor, then the other
 * sections' shells, the outline and the panels) would render as one long task between the editor and the
 * writer's first keystroke. A timer, not requestAnimationFrame: a tab in the background gets no frames, and its
 * Write all must still mount what it writes into.
 */
export function useDeferred<T>(value: T, ...initial: [] | [T]): T {
  const [shown, setShown] = useState<T>(() => (initial.length ? initial[0] as T : value));
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const timer = setTimeout(() => setShown(() => value), 0);
    return () => clearTimeout(timer);
  }, [shown, value]);
  return shown;
}

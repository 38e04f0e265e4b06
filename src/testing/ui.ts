import { act, cleanup } from '@testing-library/preact';

/**
 * Unmounts everything a test rendered, inside act. Preact runs a useEffect's cleanup after the next paint (a
 * timer), not at unmount; outside act that timer can fire after the test file's jsdom window is gone, and a
 * cleanup that touches `window` then throws into the run (it failed CI once, under load). Inside act the
 * cleanups run before this returns.
 */
export function unmountAll(): void {
  act(() => { cleanup(); });
}

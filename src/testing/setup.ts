// Vitest setup for every test file.
import { afterAll } from 'vitest';

if (typeof document !== 'undefined') {
  // Testing Library's findBy*/waitFor give up after 1 s by default; on a 2-core machine with both cores busy a
  // lazily loaded dialog or a query's fetch can take longer, so a passing test failed. They still return as soon
  // as the condition holds: only a broken test waits longer. Configured through @testing-library/preact, whose
  // queries are its own copy of @testing-library/dom.
  const { configure } = await import('@testing-library/preact');
  configure({ asyncUtilTimeout: 15_000 });

  // Preact runs effects and effect cleanups after the next paint: requestAnimationFrame raced with a 35 ms timer.
  // A render outside act near the end of a file left that timer behind, and when it fired after the file's jsdom
  // window was gone it threw ("cancelAnimationFrame is not defined", or a cleanup's `window...`) into the run:
  // CI failed on it twice under load. Here the flush is a plain timer, and whatever is still pending when the
  // file ends is flushed while its window exists. (act still replaces this for its own duration.)
  const { options } = await import('preact');
  const pending = new Set<() => void>();
  options.requestAnimationFrame = (flush: () => void) => {
    pending.add(flush);
    setTimeout(() => { if (pending.delete(flush)) flush(); }, 0);
  };
  afterAll(() => {
    for (const flush of pending) { pending.delete(flush); flush(); }
  });
}
export {};
